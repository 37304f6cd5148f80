package io.hibernatecas.stress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import io.hibernatecas.testing.HibernateFixture;

/**
 * Runs one operation over and over on several threads: a fixed number of times per thread (the bounded default), or
 * until {@link StressSettings#duration()} has passed.
 * <p>
 * All threads start together. The first unexpected exception of any thread (one the operation did not handle
 * itself) stops every thread and is rethrown by {@link #run}, so a broken invariant inside an operation fails the
 * test instead of hiding in a log. Each thread has its own {@link SplittableRandom} split from one seed, printed in
 * the report, so a failing sequence of choices can be replayed with {@code -Dcas.stress.seed}.
 * <p>
 * A timed run resets the fixture's {@code SqlCapture} and {@code JdbcCounter} every few seconds: they keep every
 * statement, which over minutes would fill the heap.
 */
final class Load {

    /** One operation; {@code thread} is 0-based. */
    @FunctionalInterface
    interface Operation {
        void run(int thread, SplittableRandom random) throws Exception;
    }

    /** What a run did: operations completed, wall time, the seed. */
    record Result(long operations, Duration elapsed, long seed) {
        double perSecond() {
            double seconds = elapsed.toNanos() / 1e9;
            return seconds == 0 ? operations : operations / seconds;
        }
    }

    /** The longest a bounded run may take before the test gives up on it. */
    private static final Duration BOUNDED_LIMIT = Duration.ofSeconds(120);

    private Load() {
    }

    /** Runs {@code operation} on {@code threads} threads; {@code fixture} (may be {@code null}) is kept small. */
    static Result run(HibernateFixture fixture, int threads, int boundedOperationsPerThread, Operation operation)
            throws Exception {
        Duration duration = StressSettings.duration();
        long seed = Long.getLong("cas.stress.seed", System.nanoTime());
        SplittableRandom root = new SplittableRandom(seed);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        LongAdder done = new LongAdder();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(threads);
        long[] deadline = new long[1];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            SplittableRandom random = root.split();
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; !stop.get(); i++) {
                        boolean over = duration.isZero() ? i >= boundedOperationsPerThread
                                : System.nanoTime() - deadline[0] >= 0;
                        if (over) {
                            break;
                        }
                        operation.run(index, random);
                        done.increment();
                    }
                }
                catch (Throwable e) {
                    if (failure.compareAndSet(null, e)) {
                        stop.set(true);
                    }
                }
                finally {
                    finished.countDown();
                }
            }, "cas-stress-" + t);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        long begin = System.nanoTime();
        deadline[0] = begin + duration.toNanos();
        start.countDown();
        Duration limit = duration.isZero() ? BOUNDED_LIMIT : duration.plus(BOUNDED_LIMIT);
        long giveUp = begin + limit.toNanos();
        while (!finished.await(5, TimeUnit.SECONDS) && System.nanoTime() - giveUp < 0) {
            if (fixture != null) {
                fixture.resetCounters();
            }
        }
        if (finished.getCount() > 0) {
            stop.set(true);
            workers.forEach(Thread::interrupt);
            throw new AssertionError("Load did not finish within " + limit + " (seed " + seed + ")");
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - begin);
        if (failure.get() != null) {
            throw new AssertionError("A worker failed after " + done.sum() + " operations (seed " + seed + "): "
                    + failure.get(), failure.get());
        }
        return new Result(done.sum(), elapsed, seed);
    }
}
