package io.hibernatecas.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Contention variants measured paired and interleaved: in each round every variant (order rotating) gets a window
 * in which {@code threads} threads increment the same row as fast as they can. Per window: the increments that
 * committed before its end, divided by its length (throughput); all increments and transactions begun, also those
 * still running at the end (attempts per success); the wall time until every thread has stopped (a thread asleep
 * in a backoff delays that); and the CPU time and bytes allocated of all worker threads, each read by the thread
 * itself before it ends. After each window the row must have grown by exactly the increments that reported
 * success.
 */
final class PairedContention {

    /** One increment by one thread; counts its attempts in {@code attempts}. */
    interface Increment {
        void run(AtomicLong attempts) throws Exception;
    }

    /** One window of one variant. */
    record Window(long successes, long attempts, long wallNanos, long cpuNanos, long bytes, long counterDelta,
                  long inWindow, long windowNanos) {

        /** Increments committed before the window's end, per second of the window. */
        double perSecond() {
            return inWindow / (windowNanos / 1e9);
        }
    }

    interface Counter {
        long read() throws Exception;
    }

    private final String id;
    private final Map<String, Object> labels;
    private final int threads;
    private final Counter counter;
    private final List<String> names = new ArrayList<>();
    private final List<Increment> increments = new ArrayList<>();
    private final Map<String, List<Window>> windows = new LinkedHashMap<>();
    private final Map<String, Window> warmup = new LinkedHashMap<>();

    PairedContention(String id, Map<String, Object> labels, int threads, Counter counter) {
        this.id = id;
        this.labels = labels;
        this.threads = threads;
        this.counter = counter;
    }

    PairedContention variant(String name, Increment increment) {
        names.add(name);
        increments.add(increment);
        windows.put(name, new ArrayList<>());
        return this;
    }

    List<Window> windows(String variant) {
        return windows.get(variant);
    }

    PairedContention run(PairedProfile profile) throws Exception {
        System.out.printf("# %s: %s, %d threads%n", id, String.join(" | ", names), threads);
        long window = profile.contentionWindowMillis();
        for (int i = 0; i < names.size(); i++) {
            warmup.put(names.get(i), window(increments.get(i), Math.max(500, window / 2)));
        }
        int n = names.size();
        for (int round = 0; round < profile.contentionRounds(); round++) {
            for (int k = 0; k < n; k++) {
                int index = round % 2 == 0 ? k : n - 1 - k;
                Window w = window(increments.get(index), window);
                windows.get(names.get(index)).add(w);
                System.out.printf("#   %s: %.0f increments/s, %.2f attempts per success%n", names.get(index),
                        w.perSecond(), w.successes() == 0 ? Double.NaN : (double) w.attempts() / w.successes());
            }
        }
        return this;
    }

    private Window window(Increment increment, long millis) throws Exception {
        long before = counter.read();
        AtomicLong successes = new AtomicLong();
        AtomicLong inWindow = new AtomicLong();
        AtomicLong attempts = new AtomicLong();
        AtomicLong cpu = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        long[] deadline = new long[1];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                long c0 = PairedMeter.cpu();
                long b0 = PairedMeter.allocated();
                ready.countDown();
                try {
                    go.await();
                    while (System.nanoTime() < deadline[0] && failure.get() == null) {
                        increment.run(attempts);
                        successes.incrementAndGet();
                        if (System.nanoTime() <= deadline[0]) {
                            inWindow.incrementAndGet();
                        }
                    }
                }
                catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
                finally {
                    cpu.addAndGet(PairedMeter.cpu() - c0);
                    bytes.addAndGet(PairedMeter.allocated() - b0);
                }
            }, id + "-" + t);
            workers.add(worker);
            worker.start();
        }
        ready.await();
        long start = System.nanoTime();
        deadline[0] = start + millis * 1_000_000L;
        go.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        long wall = System.nanoTime() - start;
        if (failure.get() != null) {
            throw new IllegalStateException(id + " failed", failure.get());
        }
        long delta = counter.read() - before;
        if (delta != successes.get()) {
            throw new IllegalStateException("LOST UPDATES: " + id + ": " + successes.get()
                    + " increments succeeded but the counter grew by " + delta);
        }
        return new Window(successes.get(), attempts.get(), wall, cpu.get(), bytes.get(), delta, inWindow.get(),
                millis * 1_000_000L);
    }

    Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.putAll(labels);
        out.put("threads", threads);
        Map<String, Object> variants = new LinkedHashMap<>();
        windows.forEach((name, list) -> {
            Map<String, Object> v = new LinkedHashMap<>();
            long successes = list.stream().mapToLong(Window::successes).sum();
            long attempts = list.stream().mapToLong(Window::attempts).sum();
            long lost = list.stream().mapToLong(w -> w.successes() - w.counterDelta()).sum();
            v.put("rounds", list.size());
            v.put("successes", successes);
            v.put("attempts", attempts);
            v.put("attemptsPerSuccess", successes == 0 ? null : Math.round(1000.0 * attempts / successes) / 1000.0);
            v.put("lostUpdates", lost);
            v.put("perSecond", list.stream().map(w -> Math.round(w.perSecond())).toList());
            v.put("cpuNanosPerIncrement", list.stream()
                    .map(w -> w.successes() == 0 ? null : Math.round((double) w.cpuNanos() / w.successes())).toList());
            v.put("bytesPerIncrement", list.stream()
                    .map(w -> w.successes() == 0 ? null : Math.round((double) w.bytes() / w.successes())).toList());
            // per window: increments committed in it, all increments, transactions begun, nanoseconds until all stopped
            v.put("windows", list.stream().map(w -> List.of(w.inWindow(), w.successes(), w.attempts(), w.wallNanos()))
                    .toList());
            variants.put(name, v);
        });
        out.put("variants", variants);
        return out;
    }
}
