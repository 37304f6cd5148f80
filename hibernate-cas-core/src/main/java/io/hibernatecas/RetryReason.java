package io.hibernatecas;

import java.util.Optional;

import io.hibernatecas.internal.RetryClassifier;

/**
 * Why {@link CasRetry} ran a unit of work again: the kind of transient failure that ended the attempt before.
 * <p>
 * Each reason names a failure that a fresh transaction, which reads the rows again, can get past. Failures that a
 * new attempt cannot fix, such as a deleted row ({@link EntityDeletedException}) or a constraint violation, have
 * no reason: they are never retried. {@code io.hibernatecas.internal.RetryClassifier} lists the exception types
 * and the SQL codes of H2, PostgreSQL and MariaDB behind each reason.
 */
public enum RetryReason {

    /**
     * A {@code @Version} or {@link Cas @Cas} guard matched no row: another transaction changed the row after this
     * one read it. Reported for a {@link CasConflictException} other than {@link EntityDeletedException}, and for
     * Hibernate's and JPA's own optimistic-lock failures.
     */
    OPTIMISTIC_CONFLICT,

    /**
     * The database aborted the transaction because it could not order it with a concurrent one: PostgreSQL's
     * {@code serialization_failure} (40001, also CockroachDB's and YugabyteDB's retry errors), H2's
     * {@code CONCURRENT_UPDATE_1} (90131), MariaDB's "record has changed since last read" (1020), TiDB's write
     * conflicts (9007, 8002, 8005), SQL Server's snapshot update conflict (3960), Oracle's ORA-08177.
     */
    SERIALIZATION_FAILURE,

    /**
     * The database found two transactions waiting for each other's locks and rolled this one back. H2 also reports
     * a write conflict under {@code REPEATABLE READ} with its deadlock code, and a MariaDB Galera cluster a failed
     * certification at commit (another node committed a conflicting write first) with MariaDB's 1213, so both
     * arrive here too.
     */
    DEADLOCK,

    /** A row or table lock was not granted in time: a lock timeout, or a lock refused because of {@code NOWAIT}. */
    LOCK_TIMEOUT;

    /**
     * The classification {@link CasRetry} uses, for a retry mechanism of your own or a framework's (Spring's
     * {@code RetryTemplate} and {@code @Retryable}, Resilience4j...): why a new transaction could get past
     * {@code failure}, or empty when it cannot. The whole cause chain is examined, so a conflict wrapped by JPA's
     * {@code RollbackException} or by a framework's exception translation is found; an
     * {@link EntityDeletedException} anywhere in it means empty. The {@code SqlErrorClassifier}s registered in
     * {@code META-INF/services} (looked up once, through the context class loader of the first caller) are asked
     * before the built-in table, as by {@link CasRetry#of}.
     */
    public static Optional<RetryReason> of(Throwable failure) {
        return Services.CLASSIFIER.reasonFor(failure);
    }

    /**
     * Whether a new transaction could get past {@code failure}: {@code of(failure).isPresent()}. Fits a
     * {@code Predicate<Throwable>}: {@code RetryReason::isRetryable}.
     */
    public static boolean isRetryable(Throwable failure) {
        return of(failure).isPresent();
    }

    /** The classifier of {@link #of}, loaded on first use. */
    private static final class Services {
        static final RetryClassifier CLASSIFIER =
                RetryClassifier.withServices(Thread.currentThread().getContextClassLoader());
    }
}
