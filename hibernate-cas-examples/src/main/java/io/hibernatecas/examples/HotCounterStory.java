package io.hibernatecas.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.hibernatecas.CasOperations;
import io.hibernatecas.CasRetry;
import io.hibernatecas.RetryExhaustedException;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

/**
 * N threads add to one counter, three ways: a read-modify-write through {@link CasRetry}, a
 * {@link CasOperations#compareAndSet} loop, and {@link CasOperations#increment}. Each must end with the counter equal
 * to the number of successful increments: no update lost.
 */
final class HotCounterStory implements Story {

    private final EntityManagerFactory emf;
    private final int threads;
    private final int incrementsPerThread;

    HotCounterStory(EntityManagerFactory emf, int threads, int incrementsPerThread) {
        this.emf = emf;
        this.threads = threads;
        this.incrementsPerThread = incrementsPerThread;
    }

    @Override
    public String title() {
        return "The hot counter";
    }

    /** One way to add 1 to counter {@code id}; returns how many extra attempts it took. */
    private interface Strategy {
        int increment(long id);
    }

    @Override
    public boolean run() {
        System.out.printf("%d threads add %d each to one counter row per strategy%n", threads, incrementsPerThread);
        AtomicInteger retried = new AtomicInteger();
        CasRetry retry = CasRetry.of(emf).onRetry(event -> retried.incrementAndGet());
        boolean ok = trial("CasRetry read-modify-write", 1L, id -> {
            int before = retried.get();
            retry.inTransaction(em -> em.find(Counter.class, id).value++);
            return retried.get() - before;
        });
        ok &= trial("compareAndSet loop", 2L, id -> {
            for (int extra = 0; ; extra++) {
                boolean swapped = emf.callInTransaction(em -> {
                    long seen = em.find(Counter.class, id).value;
                    return CasOperations.compareAndSet(em, Counter.class, id, "value", seen, seen + 1);
                });
                if (swapped) {
                    return extra;
                }
            }
        });
        ok &= trial("increment", 3L, id -> {
            emf.runInTransaction(em -> CasOperations.increment(em, Counter.class, id, "value", 1));
            return 0;
        });
        return ok;
    }

    private boolean trial(String name, long id, Strategy strategy) {
        emf.runInTransaction(em -> em.persist(new Counter(id)));
        int total = threads * incrementsPerThread;
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < incrementsPerThread; i++) {
                    try {
                        retries.addAndGet(strategy.increment(id));
                        done.incrementAndGet();
                    }
                    catch (RetryExhaustedException e) {
                        failed.incrementAndGet();
                    }
                }
            }));
        }
        pool.shutdown();
        try {
            while (!pool.awaitTermination(250, TimeUnit.MILLISECONDS)) {
                System.out.printf("\r  %-28s %5d/%d increments", name, done.get(), total);
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        catch (Exception e) {
            System.out.printf("%n  FAIL: %s stopped: %s%n", name, e);
            return false;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long value = emf.callInTransaction((EntityManager em) -> em.find(Counter.class, id).value);
        boolean ok = value == done.get();
        System.out.printf("\r  %-28s %5d commits, %5d retries, %3d gave up, %7.0f increments/s, final value %d %s%n",
                name, done.get(), retries.get(), failed.get(), done.get() / seconds, value,
                ok ? "== successful increments" : "!= " + done.get() + " successful increments  <-- FAIL: LOST UPDATES");
        return ok;
    }
}
