package io.hibernatecas.benchmarks;

import java.lang.management.ManagementFactory;

/**
 * Reads what load on the machine barely moves: the CPU time a thread has used ({@code ThreadMXBean} thread CPU
 * time, the kernel's per-thread clock) and the bytes it has allocated (HotSpot's per-thread TLAB accounting through
 * {@code com.sun.management.ThreadMXBean}); and the wall clock beside them.
 */
final class PairedMeter {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static {
        if (!THREADS.isCurrentThreadCpuTimeSupported() || !THREADS.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("This JVM cannot measure thread CPU time or allocated bytes");
        }
        THREADS.setThreadCpuTimeEnabled(true);
        THREADS.setThreadAllocatedMemoryEnabled(true);
    }

    private PairedMeter() {
    }

    static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    static long allocated() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** CPU time of a thread (of a finished thread: -1, so read it before the thread ends). */
    static long cpu(long threadId) {
        return THREADS.getThreadCpuTime(threadId);
    }

    static long allocated(long threadId) {
        return THREADS.getThreadAllocatedBytes(threadId);
    }
}
