package io.hibernatecas.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Two threads, two transactions, a deterministic interleaving; both outcomes (value or exception) are
 * returned for assertions rather than thrown.
 *
 * <ul>
 *   <li>{@link #interleave}: {@code first} runs until it calls {@link Pause#pause()} (typically after its read),
 *       then {@code second} runs to completion (typically a conflicting write that commits), then {@code first}
 *       resumes (its write). If {@code second} blocks on a lock that {@code first} holds, {@code first} is resumed
 *       after {@link #SECOND_HEAD_START} anyway, so the race resolves instead of deadlocking the test.</li>
 *   <li>{@link #together}: both start at the same instant (a start latch), as a plain race.</li>
 * </ul>
 *
 * <pre>{@code
 * Race.Result<Void, Void> r = Race.interleave(
 *         pause -> { sf.inTransaction(s -> { var e = s.find(HarnessEntity.class, id); pause.pause(); e.setName("a"); }); return null; },
 *         () -> { sf.inTransaction(s -> s.find(HarnessEntity.class, id).setName("b")); return null; });
 * assertThat(r.first().error()).isInstanceOf(OptimisticLockException.class);
 * assertThat(r.second().failed()).isFalse();
 * }</pre>
 */
public final class Race {

    /** Longest wait for any thread. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** How long {@code second} may run before {@code first} is resumed regardless. */
    public static final Duration SECOND_HEAD_START = Duration.ofSeconds(10);

    private Race() {
    }

    /** Handed to {@code first}: call {@link #pause()} where the other transaction should run. */
    @FunctionalInterface
    public interface Pause {
        void pause();
    }

    /** The function run by {@code first}. */
    @FunctionalInterface
    public interface PausingCallable<T> {
        T call(Pause pause) throws Exception;
    }

    /** Result or failure of one thread. */
    public record Outcome<T>(T value, Throwable error) {
        public boolean failed() {
            return error != null;
        }

        /** The value, or the failure rethrown. */
        public T get() {
            if (error != null) {
                throw sneaky(error);
            }
            return value;
        }

        static RuntimeException sneaky(Throwable t) {
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(t);
        }
    }

    public record Result<A, B>(Outcome<A> first, Outcome<B> second) {
    }

    public static <A, B> Result<A, B> interleave(PausingCallable<A> first, Callable<B> second) {
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        FutureTask<A> a = new FutureTask<>(() -> {
            try {
                return first.call(() -> {
                    paused.countDown();
                    await(resume, TIMEOUT);
                });
            } finally {
                paused.countDown(); // finished or failed without pausing: let second run anyway
            }
        });
        FutureTask<B> b = new FutureTask<>(second);
        start(a, "cas-race-first");
        await(paused, TIMEOUT);
        start(b, "cas-race-second");
        try {
            b.get(SECOND_HEAD_START.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // outcome collected below; a timeout means second waits for first
        }
        resume.countDown();
        return new Result<>(outcome(a), outcome(b));
    }

    public static <A, B> Result<A, B> together(Callable<A> first, Callable<B> second) {
        CountDownLatch go = new CountDownLatch(1);
        FutureTask<A> a = new FutureTask<>(() -> {
            await(go, TIMEOUT);
            return first.call();
        });
        FutureTask<B> b = new FutureTask<>(() -> {
            await(go, TIMEOUT);
            return second.call();
        });
        start(a, "cas-race-first");
        start(b, "cas-race-second");
        go.countDown();
        return new Result<>(outcome(a), outcome(b));
    }

    private static void start(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void await(CountDownLatch latch, Duration timeout) {
        try {
            if (!latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Race: gave up waiting after " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static <T> Outcome<T> outcome(FutureTask<T> task) {
        try {
            return new Outcome<>(task.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), null);
        } catch (ExecutionException e) {
            return new Outcome<>(null, e.getCause());
        } catch (Exception e) {
            return new Outcome<>(null, e);
        }
    }
}
