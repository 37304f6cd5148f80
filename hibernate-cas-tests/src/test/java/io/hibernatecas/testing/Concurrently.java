package io.hibernatecas.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

/**
 * Runs work on another thread and waits for it, e.g. a second transaction that commits "between the read and
 * the write" of the test's own open transaction:
 *
 * <pre>{@code
 * h.inTransaction(session -> {
 *     HarnessEntity e = session.find(HarnessEntity.class, id);                       // read (version 0)
 *     Concurrently.inTransaction(h.sessionFactory(), s -> s.find(HarnessEntity.class, id).setName("other"));
 *     e.setName("mine");                                                              // write on stale version
 * });                                                                                  // -> optimistic failure
 * }</pre>
 *
 * <p>Another thread guarantees another session, connection and transaction, and if the other work blocks on a
 * lock held by the caller, the wait ends after {@link #TIMEOUT} with an {@link IllegalStateException} instead
 * of hanging the build. Exceptions of the work are rethrown as they are (checked ones wrapped).
 */
public final class Concurrently {

    /** Longest wait for the other thread. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Concurrently() {
    }

    /** {@code sf.inTransaction(work)} on another thread; waits for its commit. */
    public static void inTransaction(SessionFactory sf, Consumer<Session> work) {
        call(() -> {
            sf.inTransaction(work);
            return null;
        });
    }

    /** {@code sf.fromTransaction(work)} on another thread; waits for its commit and returns the result. */
    public static <R> R fromTransaction(SessionFactory sf, Function<Session, R> work) {
        return call(() -> sf.fromTransaction(work));
    }

    /** Runs {@code work} on a new thread and returns its result; see the class comment. */
    public static <T> T call(Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(task, "cas-test-other");
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new IllegalStateException("Work on the other thread did not finish within " + TIMEOUT
                    + " (blocked on a lock held by the calling thread?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw Race.Outcome.sneaky(e.getCause());
        }
    }
}
