package io.hibernatecas.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.hibernatecas.CasStaleObjectStateException;
import io.hibernatecas.Conflict;
import io.hibernatecas.ConflictReason;
import io.hibernatecas.EntityDeletedException;
import io.hibernatecas.FieldConflictException;
import io.hibernatecas.RetryReason;
import io.hibernatecas.VersionConflictException;
import io.hibernatecas.internal.RetryClassifier;

import org.hibernate.StaleObjectStateException;
import org.hibernate.StaleStateException;
import org.hibernate.dialect.lock.OptimisticEntityLockException;
import org.hibernate.dialect.lock.PessimisticEntityLockException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.LockAcquisitionException;
import org.hibernate.exception.SnapshotIsolationException;
import org.hibernate.exception.TransactionSerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import jakarta.persistence.EntityNotFoundException;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PessimisticLockException;
import jakarta.persistence.QueryTimeoutException;
import jakarta.persistence.RollbackException;

/**
 * The classification table of {@link RetryClassifier}, row by row: every SQL code and exception type it lists,
 * bare and wrapped the way Hibernate and JPA wrap them, and the failures it must leave alone.
 */
class RetryClassifierTest {

    static Stream<Arguments> retryableSqlCodes() {
        return Stream.of(
                arguments("H2 DEADLOCK_1", "40001", 40001, RetryReason.DEADLOCK),
                arguments("H2 LOCK_TIMEOUT_1", "HYT00", 50200, RetryReason.LOCK_TIMEOUT),
                arguments("H2 CONCURRENT_UPDATE_1", "90131", 90131, RetryReason.SERIALIZATION_FAILURE),
                arguments("MariaDB ER_LOCK_DEADLOCK", "40001", 1213, RetryReason.DEADLOCK),
                arguments("MariaDB ER_LOCK_WAIT_TIMEOUT", "HY000", 1205, RetryReason.LOCK_TIMEOUT),
                arguments("MySQL Connector/J ER_LOCK_WAIT_TIMEOUT", "41000", 1205, RetryReason.LOCK_TIMEOUT),
                arguments("MariaDB ER_CHECKREAD", "HY000", 1020, RetryReason.SERIALIZATION_FAILURE),
                arguments("PostgreSQL serialization_failure", "40001", 0, RetryReason.SERIALIZATION_FAILURE),
                arguments("PostgreSQL deadlock_detected", "40P01", 0, RetryReason.DEADLOCK),
                arguments("PostgreSQL lock_not_available", "55P03", 0, RetryReason.LOCK_TIMEOUT));
    }

    @ParameterizedTest(name = "{0} ({1}/{2}) is {3}")
    @MethodSource("retryableSqlCodes")
    void retryableSqlCodeIsClassifiedBareAndWrapped(String name, String sqlState, int vendorCode,
            RetryReason reason) {
        SQLException sql = new SQLException(name, sqlState, vendorCode);

        assertThat(RetryClassifier.classify(sql)).contains(reason);
        assertThat(RetryClassifier.classify(new GenericJDBCException("could not execute statement", sql)))
                .contains(reason);
        // the code beats the generic lock type around it
        assertThat(RetryClassifier.classify(new RollbackException("Error while committing the transaction",
                new PessimisticLockException("lock", new GenericJDBCException("statement", sql))))).contains(reason);
    }

    static Stream<Arguments> otherSqlCodes() {
        return Stream.of(
                arguments("H2 DUPLICATE_KEY_1", "23505", 23505),
                arguments("PostgreSQL unique_violation", "23505", 0),
                arguments("MariaDB ER_DUP_ENTRY", "23000", 1062),
                arguments("PostgreSQL query_canceled", "57014", 0),
                arguments("PostgreSQL in_failed_sql_transaction", "25P02", 0),
                arguments("connection failure", "08006", 0),
                arguments("MariaDB ER_QUERY_TIMEOUT", "70100", 3024));
    }

    @ParameterizedTest(name = "{0} ({1}/{2}) is not retried")
    @MethodSource("otherSqlCodes")
    void otherSqlCodeIsNotRetried(String name, String sqlState, int vendorCode) {
        SQLException sql = new SQLException(name, sqlState, vendorCode);

        assertThat(RetryClassifier.classify(sql)).isEmpty();
        assertThat(RetryClassifier.classify(new GenericJDBCException("could not execute statement", sql))).isEmpty();
    }

    static Stream<Arguments> retryableTypes() {
        SQLException unknownCode = new SQLException("unknown", "XX000", 0);
        return Stream.of(
                arguments(conflict(VersionConflictException.class), RetryReason.OPTIMISTIC_CONFLICT),
                arguments(conflict(FieldConflictException.class), RetryReason.OPTIMISTIC_CONFLICT),
                arguments(new OptimisticLockException("stale"), RetryReason.OPTIMISTIC_CONFLICT),
                arguments(new StaleStateException("Batch update returned unexpected row count"),
                        RetryReason.OPTIMISTIC_CONFLICT),
                arguments(new StaleObjectStateException("Counter", 1L), RetryReason.OPTIMISTIC_CONFLICT),
                arguments(new OptimisticEntityLockException("entity", "newer version"),
                        RetryReason.OPTIMISTIC_CONFLICT),
                arguments(new TransactionSerializationException("restart", unknownCode),
                        RetryReason.SERIALIZATION_FAILURE),
                arguments(new SnapshotIsolationException("changed", unknownCode, "update"),
                        RetryReason.SERIALIZATION_FAILURE),
                arguments(new org.hibernate.exception.LockTimeoutException("timeout", unknownCode),
                        RetryReason.LOCK_TIMEOUT),
                arguments(new LockTimeoutException("timeout"), RetryReason.LOCK_TIMEOUT),
                arguments(new LockAcquisitionException("deadlock", unknownCode), RetryReason.DEADLOCK),
                arguments(new PessimisticLockException("lock", new LockAcquisitionException("deadlock", unknownCode)),
                        RetryReason.DEADLOCK),
                arguments(new org.hibernate.PessimisticLockException("lock", unknownCode), RetryReason.LOCK_TIMEOUT),
                arguments(new PessimisticLockException("lock"), RetryReason.LOCK_TIMEOUT),
                arguments(new PessimisticEntityLockException("entity", "lock",
                        new GenericJDBCException("lock", unknownCode)), RetryReason.LOCK_TIMEOUT));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("retryableTypes")
    void retryableTypeIsClassifiedBareAndBehindARollback(Throwable failure, RetryReason reason) {
        assertThat(RetryClassifier.classify(failure)).contains(reason);
        assertThat(RetryClassifier.classify(new RollbackException("Error while committing the transaction", failure)))
                .contains(reason);
    }

    static Stream<Throwable> notRetryable() {
        return Stream.of(
                conflict(EntityDeletedException.class),
                new RollbackException("Error while committing the transaction", conflict(EntityDeletedException.class)),
                new ConstraintViolationException("duplicate", new SQLException("dup", "23505", 0), "pk"),
                new IllegalStateException("invoice already paid"),
                new UncheckedIOException(new IOException("disk full")),
                new RuntimeException(new Exception("checked")),
                new QueryTimeoutException("slow"),
                new EntityNotFoundException("gone"),
                new RollbackException("Transaction was marked for rollback only"),
                new PersistenceException("other"));
    }

    @ParameterizedTest(name = "{0} is not retried")
    @MethodSource("notRetryable")
    void failureOutsideTheTablesIsNotRetried(Throwable failure) {
        assertThat(RetryClassifier.classify(failure)).isEmpty();
    }

    @Test
    void entityDeletedWinsOverTheRetryableExceptionsAroundAndBehindIt() {
        // an EntityDeletedException's own cause is Hibernate's (retryable) StaleStateException
        EntityDeletedException deleted = conflict(EntityDeletedException.class);

        assertThat(deleted.getCause()).isInstanceOf(StaleStateException.class);
        assertThat(RetryClassifier.classify(deleted)).isEmpty();
        assertThat(RetryClassifier.classify(new OptimisticLockException("wrapped", deleted))).isEmpty();
    }

    @Test
    void theHibernateViewOfADeletedRowIsNotRetriedEither() {
        // a forced version increment at a JPA commit: Hibernate wraps the Hibernate view in its own exception
        Conflict conflict = new Conflict("io.hibernatecas.retry.Counter", 1L, null, ConflictReason.DELETED, 0, null,
                List.of(), Map.of(), Map.of(), 404);
        CasStaleObjectStateException stale = new CasStaleObjectStateException("gone", conflict, List.of(conflict),
                true, false, null);
        CasStaleObjectStateException changed = new CasStaleObjectStateException("changed", new Conflict(
                "io.hibernatecas.retry.Counter", 1L, null, ConflictReason.VERSION_CHANGED, 0, 1, List.of(), Map.of(),
                Map.of(), 409), List.of(), true, false, null);

        assertThat(RetryClassifier.classify(stale)).isEmpty();
        assertThat(RetryClassifier.classify(new RollbackException("Error while committing the transaction",
                new OptimisticLockException("gone", stale)))).isEmpty();
        assertThat(RetryClassifier.classify(changed)).contains(RetryReason.OPTIMISTIC_CONFLICT);
    }

    @Test
    void nextExceptionOfABatchIsExamined() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", "XX000", 0, new int[0]);
        batch.setNextException(new SQLException("deadlock detected", "40P01", 0));

        assertThat(RetryClassifier.classify(new GenericJDBCException("batch", batch))).contains(RetryReason.DEADLOCK);
    }

    @Test
    void cyclicCauseChainEnds() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalArgumentException second = new IllegalArgumentException("second", first);
        first.initCause(second);

        assertThat(RetryClassifier.classify(first)).isEmpty();
    }

    @Test
    void aTypedConflictIsAnOptimisticConflictWhateverSqlErrorIsBehindIt() {
        // MariaDB's 1020 under innodb_snapshot_isolation, translated by the flush into the typed conflict
        Conflict row = new Conflict("io.hibernatecas.retry.Counter", 1L, null, ConflictReason.VERSION_CHANGED, 0, 1,
                List.of(), Map.of(), Map.of(), 409);
        SQLException checkRead = new SQLException("Record has changed since last read in table 'retry_counter'",
                "HY000", 1020);
        VersionConflictException translated = new VersionConflictException("conflict", row, List.of(row),
                new SnapshotIsolationException("could not execute statement", checkRead, "update retry_counter"));

        assertThat(RetryClassifier.classify(checkRead)).contains(RetryReason.SERIALIZATION_FAILURE);
        assertThat(RetryClassifier.classify(translated)).contains(RetryReason.OPTIMISTIC_CONFLICT);
        assertThat(RetryClassifier.classify(new RollbackException("Error while committing the transaction",
                translated))).contains(RetryReason.OPTIMISTIC_CONFLICT);
    }

    /** A conflict exception of {@code type}, built as the library builds it (cause: Hibernate's stale state). */
    private static <T extends Throwable> T conflict(Class<T> type) {
        ConflictReason reason = type == EntityDeletedException.class ? ConflictReason.DELETED
                : type == FieldConflictException.class ? ConflictReason.FIELD_CHANGED : ConflictReason.VERSION_CHANGED;
        Conflict conflict = new Conflict("io.hibernatecas.retry.Counter", 1L, null, reason, 0, 1, List.of(),
                Map.of(), Map.of(), reason == ConflictReason.DELETED ? 404 : 409);
        StaleStateException cause = new StaleObjectStateException("io.hibernatecas.retry.Counter", 1L);
        try {
            return type.getConstructor(String.class, Conflict.class, List.class, Throwable.class)
                    .newInstance("conflict", conflict, List.of(conflict), cause);
        }
        catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
