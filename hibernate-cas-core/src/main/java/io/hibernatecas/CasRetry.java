package io.hibernatecas;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

import io.hibernatecas.internal.CasConfig;
import io.hibernatecas.internal.CommitConflicts;
import io.hibernatecas.internal.OpenTransactions;
import io.hibernatecas.internal.RetryBackoff;
import io.hibernatecas.internal.ResourceLocalAttempts;
import io.hibernatecas.internal.RetryClassifier;
import io.hibernatecas.spi.AttemptTransactions;
import io.hibernatecas.spi.RetryEvent;
import io.hibernatecas.spi.RetryListener;

import org.jboss.logging.Logger;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

/**
 * Runs a unit of work in a transaction of its own, and runs it again in a new transaction when it fails with a
 * conflict that a fresh read can get past: a {@link CasConflictException}, an optimistic-lock failure, a
 * serialization failure, a deadlock or a lock timeout ({@link RetryReason}).
 * <pre>{@code
 * CasRetry retry = CasRetry.of(entityManagerFactory);      // hibernate.cas.retry.* of that factory
 * retry.inTransaction(em -> em.find(Counter.class, 1L).increment());
 * int value = retry.fromTransaction(em -> em.find(Counter.class, 1L).getValue());
 * }</pre>
 *
 * <h2>Attempts</h2>
 * Every attempt gets a new {@link EntityManager} and a new resource-local transaction: {@code begin()}, the work,
 * {@code commit()}. The work therefore reads the rows again each time and nothing stale is replayed. Whatever
 * happens (success, a retryable or any other failure, an {@link Error}), the transaction is rolled back if it is
 * still active and the {@code EntityManager} is closed before the next attempt or before {@code CasRetry}
 * returns or throws. A failure to roll back or close is added to the attempt's failure as suppressed.
 * {@link #transactions(AttemptTransactions)} replaces these resource-local transactions, for example by those of
 * Spring's transaction manager ({@code hibernate-cas-spring-boot}).
 *
 * <h2>What is retried</h2>
 * {@code io.hibernatecas.internal.RetryClassifier} looks through the failure's cause chain (so a JPA
 * {@code RollbackException} from {@code commit()} is seen through) for our conflicts, Hibernate's and JPA's
 * optimistic and pessimistic lock exceptions, and the SQLStates and vendor codes of serialization failures,
 * deadlocks and lock timeouts: those of H2, PostgreSQL, MariaDB and MySQL, which the tests run, and, from their
 * documentation, those of CockroachDB, YugabyteDB, TiDB, SQL Server and Oracle. A database the table does not know
 * is taught through an {@link io.hibernatecas.spi.SqlErrorClassifier} registered with {@code ServiceLoader}, which
 * {@link #of} loads and asks first. Everything else is thrown at once as the very same
 * instance: an {@link EntityDeletedException} (the row is gone, HTTP 404), a constraint violation, an exception of
 * the work itself, an {@code Error}.
 *
 * <h2>Giving up</h2>
 * The work runs at most {@link #maxRetries()} {@code + 1} times. When the last attempt fails with a retryable
 * failure, a {@link RetryExhaustedException} (HTTP 409) is thrown with that failure as its cause and earlier ones
 * suppressed: the first three and the one just before the last, oldest first. The failures between them are
 * dropped so that memory stays bounded; {@code getAttempts() - 1 - getSuppressed().length} (counting only the
 * suppressed failures of the attempts) says how many. The setting {@link CasSettings#RETRY_MAX_RETRIES} accepts at
 * most 100; {@link #maxRetries(int)} accepts more for deliberate use (benchmarks, a queue consumer). This holds
 * for {@code maxRetries = 0} as well: the only attempt's retryable failure comes as a {@code RetryExhaustedException} with one attempt, so that a caller handles one type whatever the setting.
 *
 * <h2>Pauses</h2>
 * Before retry {@code n} the calling thread sleeps {@code initialBackoff * 2^(n-1)}, at most
 * {@code maxBackoff}, of which a random part up to half is left out (jitter), so that transactions that collided
 * do not collide again in step. Listeners ({@link #onRetry}) are called before the pause, and each retry is
 * logged at DEBUG. An interrupt during the pause ends the retries: the interrupt flag is restored and the last
 * failure is thrown, the same instance, with the {@link InterruptedException} added as suppressed.
 *
 * <h2>Hazards</h2>
 * <ul>
 * <li>Anything the work does outside the {@code EntityManager} (sending a mail, calling a service, adding to an
 *     in-memory total) happens once per attempt.</li>
 * <li>Entities from outside the work are stale by definition: read them again by identifier inside the work;
 *     merging a detached copy would write its old state back.</li>
 * <li>Only resource-local transactions: with JTA, {@code getTransaction()} throws an
 *     {@code IllegalStateException}, which is not retried.</li>
 * <li>{@code CasRetry} never joins a transaction: its work would run on a connection of its own and could wait for
 *     the open transaction's row locks until every attempt timed out. So, with its default resource-local
 *     transactions, it refuses at once, with an
 *     {@code IllegalStateException}, when it sees a transaction of the same factory open on the calling thread: a
 *     {@code CasRetry} already running, a session that flushed or ran a {@code CasOperations} write in a
 *     transaction still active, a session bound by {@code ManagedSessionContext}, or an active JTA transaction. An
 *     open transaction that has not written through Hibernate yet (or plain JDBC) is not seen: call
 *     {@code CasRetry} outside your transactions.</li>
 * <li>Work that catches a retryable failure and carries on spoils the attempt (PostgreSQL then refuses every
 *     statement); let such failures propagate.</li>
 * </ul>
 * Immutable and thread-safe: configure one instance and share it. The methods that configure return a copy.
 */
public final class CasRetry {

    private static final Logger LOG = Logger.getLogger(CasRetry.class);

    /** How many of the first failed attempts the final exception keeps (besides the latest two). */
    private static final int KEPT_FIRST_FAILURES = 3;

    private final AttemptTransactions transactions;
    private final int maxRetries;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final List<RetryListener> listeners;
    private final RetryBackoff backoff;
    private final RetryClassifier classifier;

    private CasRetry(AttemptTransactions transactions, int maxRetries, Duration initialBackoff, Duration maxBackoff,
            List<RetryListener> listeners, RetryClassifier classifier) {
        this.transactions = transactions;
        this.classifier = classifier;
        this.maxRetries = maxRetries;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.listeners = List.copyOf(listeners);
        this.backoff = new RetryBackoff(initialBackoff, maxBackoff);
    }

    /**
     * A retry policy over {@code factory} configured by its {@link CasSettings#RETRY_MAX_RETRIES},
     * {@link CasSettings#RETRY_INITIAL_BACKOFF} and {@link CasSettings#RETRY_MAX_BACKOFF} (defaults 1, 10ms, 500ms).
     *
     * @throws CasConfigurationException when a {@code hibernate.cas.*} setting of the factory is invalid, or a
     *         registered {@link io.hibernatecas.spi.SqlErrorClassifier} cannot be loaded
     */
    public static CasRetry of(EntityManagerFactory factory) {
        Objects.requireNonNull(factory, "entityManagerFactory");
        CasConfig config = CasConfig.from(factory.getProperties());
        return new CasRetry(new ResourceLocalAttempts(factory), config.maxRetries(), config.initialBackoff(),
                config.maxBackoff(), List.of(),
                RetryClassifier.withServices(Thread.currentThread().getContextClassLoader()));
    }

    /**
     * A copy whose attempts run in the transactions of {@code transactions} instead of resource-local
     * transactions of the factory; retries, pauses, listeners and classification stay as they are.
     */
    public CasRetry transactions(AttemptTransactions transactions) {
        Objects.requireNonNull(transactions, "transactions");
        return new CasRetry(transactions, maxRetries, initialBackoff, maxBackoff, listeners, classifier);
    }

    /** A copy that runs the work at most {@code maxRetries + 1} times; {@code 0} never retries. */
    public CasRetry maxRetries(int maxRetries) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0 but was " + maxRetries);
        }
        return new CasRetry(transactions, maxRetries, initialBackoff, maxBackoff, listeners, classifier);
    }

    /**
     * A copy that pauses {@code initial} before the first retry and doubles the pause for each further one, up to
     * {@code max}; jitter takes up to half of each pause away. {@code Duration.ZERO} for both retries at once.
     */
    public CasRetry backoff(Duration initial, Duration max) {
        Objects.requireNonNull(initial, "initial backoff");
        Objects.requireNonNull(max, "max backoff");
        if (initial.isNegative()) {
            throw new IllegalArgumentException("initial backoff must be >= 0 but was " + format(initial));
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max backoff (" + format(max) + ") must be >= initial backoff ("
                    + format(initial) + ")");
        }
        return new CasRetry(transactions, maxRetries, initial, max, listeners, classifier);
    }

    /** A copy that also calls {@code listener} before each retry, after the listeners added before it. */
    public CasRetry onRetry(RetryListener listener) {
        Objects.requireNonNull(listener, "listener");
        List<RetryListener> all = new ArrayList<>(listeners);
        all.add(listener);
        return new CasRetry(transactions, maxRetries, initialBackoff, maxBackoff, all, classifier);
    }

    public int maxRetries() {
        return maxRetries;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    /**
     * Runs {@code work} in a transaction, and again in a new one after a retryable failure (see the class comment).
     *
     * @throws RetryExhaustedException when the last allowed attempt failed with a retryable failure
     */
    public void inTransaction(Consumer<EntityManager> work) {
        Objects.requireNonNull(work, "work");
        fromTransaction(em -> {
            work.accept(em);
            return null;
        });
    }

    /**
     * Runs {@code work} in a transaction, and again in a new one after a retryable failure, and returns the
     * result of the attempt that committed. (Named apart from {@link #inTransaction} because a lambda such as
     * {@code em -> em.find(...)} fits both a {@code Function} and a {@code Consumer}, which makes overloads of one
     * name ambiguous; Hibernate's {@code SessionFactory} names them the same way.)
     *
     * @throws RetryExhaustedException when the last allowed attempt failed with a retryable failure
     */
    public <T> T fromTransaction(Function<EntityManager, T> work) {
        Objects.requireNonNull(work, "work");
        refuseInsideOpenTransaction();
        OpenTransactions.enterRetry();
        try {
            return attempts(work);
        }
        finally {
            OpenTransactions.exitRetry();
        }
    }

    private <T> T attempts(Function<EntityManager, T> work) {
        List<RuntimeException> earlier = new ArrayList<>(KEPT_FIRST_FAILURES + 1);
        for (int attempt = 1; ; attempt++) {
            AttemptTransactions.Attempt transaction = transactions.begin();
            T result;
            try {
                result = work.apply(transaction.entityManager());
                transaction.commit();
            }
            catch (Throwable thrown) {
                RuntimeException failure = thrown instanceof RuntimeException e
                        ? CommitConflicts.translate(transaction.entityManager(), e, classifier) : null;
                transaction.release(thrown);
                if (failure == null) {
                    throw thrown;
                }
                RetryReason reason = classifier.reasonFor(failure).orElseThrow(() -> failure);
                if (attempt > maxRetries) {
                    throw exhausted(attempt, reason, failure, earlier);
                }
                pauseBeforeRetry(attempt, failure, reason);
                keep(earlier, failure);
                continue;
            }
            // committed: a failure to release now is thrown as it is and never retried
            transaction.release(null);
            return result;
        }
    }

    /**
     * Keeps the first {@value #KEPT_FIRST_FAILURES} failures and the latest one: the first show how the trouble
     * began, the latest how it stood before the last attempt; the ones between are dropped, so that memory stays
     * bounded however many retries are configured.
     */
    private static void keep(List<RuntimeException> earlier, RuntimeException failure) {
        if (earlier.size() > KEPT_FIRST_FAILURES) {
            earlier.set(KEPT_FIRST_FAILURES, failure);
        }
        else {
            earlier.add(failure);
        }
    }

    /** Only for the default transactions: a framework's {@link AttemptTransactions} decides for itself. */
    private void refuseInsideOpenTransaction() {
        String open = transactions instanceof ResourceLocalAttempts local ? local.openOnThisThread() : null;
        if (open != null) {
            throw new IllegalStateException("CasRetry cannot start a transaction inside one that is already open on "
                    + "this thread (" + open + "): its attempts would run on another connection and could wait for "
                    + "the open transaction's own row locks until they time out. Call CasRetry outside any "
                    + "transaction, or do the work in the open transaction without CasRetry");
        }
    }

    private static RetryExhaustedException exhausted(int attempts, RetryReason reason, RuntimeException last,
            List<RuntimeException> earlier) {
        RetryExhaustedException exhausted = new RetryExhaustedException(attempts, reason, last);
        earlier.forEach(exhausted::addSuppressed);
        int dropped = attempts - 1 - earlier.size();
        if (dropped > 0) {
            LOG.debugf("Gave up after %d attempts; %d failures between the first %d and the last two are not kept",
                    attempts, dropped, KEPT_FIRST_FAILURES);
        }
        return exhausted;
    }

    private void pauseBeforeRetry(int attempt, RuntimeException failure, RetryReason reason) {
        Duration pause = backoff.pause(attempt);
        int maxAttempts = maxRetries == Integer.MAX_VALUE ? maxRetries : maxRetries + 1;
        RetryEvent event = new RetryEvent(attempt, maxAttempts, failure, reason, pause);
        for (RetryListener listener : listeners) {
            try {
                listener.onRetry(event);
            }
            catch (RuntimeException e) {
                e.addSuppressed(failure);
                throw e;
            }
        }
        LOG.debugf("Attempt %d of %d failed with %s; retrying in %d ms: %s", attempt, maxAttempts, reason,
                saturatedMillis(pause), failure.getMessage());
        try {
            Thread.sleep(saturatedMillis(pause), pause.toNanosPart() % 1_000_000);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.debugf("Interrupted while waiting for attempt %d; giving up", attempt + 1);
            failure.addSuppressed(e);
            throw failure;
        }
    }

    private static long saturatedMillis(Duration duration) {
        try {
            return duration.toMillis();
        }
        catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** {@code 10ms} for whole milliseconds, else ISO-8601. */
    private static String format(Duration duration) {
        return duration.toNanosPart() % 1_000_000 == 0 && !duration.isNegative()
                ? saturatedMillis(duration) + "ms" : duration.toString();
    }

    @Override
    public String toString() {
        return "CasRetry[maxRetries=" + maxRetries + ", backoff=" + format(initialBackoff) + ".."
                + format(maxBackoff) + ", listeners=" + listeners.size() + "]";
    }
}
