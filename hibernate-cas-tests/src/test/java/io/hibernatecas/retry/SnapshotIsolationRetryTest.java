package io.hibernatecas.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.CasRetry;
import io.hibernatecas.CasStaleObjectStateException;
import io.hibernatecas.ConflictReason;
import io.hibernatecas.RetryReason;
import io.hibernatecas.VersionConflictException;
import io.hibernatecas.spi.RetryEvent;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.DatabaseKind;
import io.hibernatecas.testing.HarnessConfig;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.SqlCapture;
import io.hibernatecas.testing.TestDatabase;

import org.hibernate.exception.SnapshotIsolationException;

import jakarta.persistence.OptimisticLockException;

/**
 * MariaDB with {@code innodb_snapshot_isolation=ON} (the {@code mariadb-11-snapshot-isolation} run on MariaDB
 * 11.4.5; the default from MariaDB 11.6.2) refuses a write to a row that changed after the transaction's snapshot
 * with error 1020 ("Record has changed since last read") instead of matching no row. The same bodies run on
 * MariaDB 10.11.5 in the default run, where the guard matches no row: the application sees the same typed
 * conflict either way, and {@link CasRetry} retries it. MariaDB only: it is the only database here with this error.
 */
class SnapshotIsolationRetryTest {

    private static boolean snapshotIsolation() {
        return HarnessConfig.mariaDbServer().isPresent();
    }

    private static HibernateFixture counters(TestDatabase db, int batchSize) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Counter.class)
                .isolation(Connection.TRANSACTION_REPEATABLE_READ)
                .setting("hibernate.jdbc.batch_size", batchSize)
                .build();
        h.inTransaction(s -> {
            s.persist(new Counter(1L));
            s.persist(new Counter(2L));
        });
        h.sql().clear();
        return h;
    }

    @AllDatabases(DatabaseKind.MARIADB)
    void writeAfterTheSnapshotChangedIsAVersionConflictNamingTheRow(TestDatabase db) {
        HibernateFixture h = counters(db, 1);
        if (snapshotIsolation()) {
            assertThat(db.queryForLong("select @@innodb_snapshot_isolation")).isEqualTo(1);
        }

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            Counter counter = s.find(Counter.class, 1L); // the snapshot starts here
            db.execute("update retry_counter set hits = hits + 10, version = version + 1 where id = 1");
            h.sql().clear();
            counter.increment();
            s.flush();
        }));

        assertThat(thrown).isExactlyInstanceOf(VersionConflictException.class)
                .hasMessage("Concurrent update of [io.hibernatecas.retry.Counter#1]: expected version 0 but the "
                        + "database has version 1");
        VersionConflictException conflict = (VersionConflictException) thrown;
        assertThat(conflict.getReason()).isEqualTo(ConflictReason.VERSION_CHANGED);
        assertThat(conflict.getIdentifier()).isEqualTo(1L);
        assertThat(conflict.getActualVersion()).isEqualTo(1);
        assertThat(conflict.getHttpStatus()).isEqualTo(409);
        if (snapshotIsolation()) {
            // the JPA view's cause is the Hibernate view, whose cause is Hibernate's exception for the refusal
            assertThat(conflict.getCause()).isInstanceOf(CasStaleObjectStateException.class);
            assertThat(conflict.getCause().getCause()).isInstanceOf(SnapshotIsolationException.class);
            assertThat(Failures.sqlCode(conflict)).isEqualTo("HY000/1020");
        }
        else {
            assertThat(Failures.sqlCode(conflict)).isEqualTo("none");
        }
        // the refused (or zero-row) UPDATE, then one diagnostic read that saw the committed row
        assertThat(h.sql().statements()).hasSize(2);
        assertThat(SqlCapture.normalize(h.sql().statements().get(1))).startsWith("select id, version, hits from "
                + "retry_counter where id in (?)");
        assertThat(db.queryForLong("select hits from retry_counter where id = 1")).isEqualTo(10);
    }

    @AllDatabases(DatabaseKind.MARIADB)
    void casRetryRetriesTheRefusedWriteAndTheRetryReadsTheNewRow(TestDatabase db) {
        HibernateFixture h = counters(db, 1);
        AtomicInteger attempts = new AtomicInteger();
        List<RetryEvent> retries = new ArrayList<>();
        CasRetry retry = CasRetry.of(h.sessionFactory()).maxRetries(1).onRetry(retries::add);

        int hits = retry.fromTransaction(em -> {
            Counter counter = em.find(Counter.class, 1L);
            if (attempts.incrementAndGet() == 1) {
                db.execute("update retry_counter set hits = hits + 10, version = version + 1 where id = 1");
            }
            counter.increment();
            return counter.getHits(); // flushed by commit()
        });

        assertThat(hits).isEqualTo(11);
        assertThat(attempts).hasValue(2);
        assertThat(retries).singleElement().satisfies(event -> {
            assertThat(event.reason()).isEqualTo(RetryReason.OPTIMISTIC_CONFLICT);
            assertThat(CasConflictException.findIn(event.failure())).containsInstanceOf(VersionConflictException.class);
            assertThat(Failures.sqlCode(event.failure())).isEqualTo(snapshotIsolation() ? "HY000/1020" : "none");
        });
        assertThat(db.queryForLong("select hits from retry_counter where id = 1")).isEqualTo(11);
        assertThat(db.queryForLong("select version from retry_counter where id = 1")).isEqualTo(2);
    }

    @AllDatabases(DatabaseKind.MARIADB)
    void inABatchOfSeveralRowsTheRowIsUnknownButTheRefusalIsStillRetried(TestDatabase db) {
        HibernateFixture h = counters(db, 10);
        AtomicInteger attempts = new AtomicInteger();
        List<RetryEvent> retries = new ArrayList<>();
        CasRetry retry = CasRetry.of(h.sessionFactory()).maxRetries(1).onRetry(retries::add);

        retry.inTransaction(em -> {
            Counter first = em.find(Counter.class, 1L);
            Counter second = em.find(Counter.class, 2L);
            if (attempts.incrementAndGet() == 1) {
                db.execute("update retry_counter set hits = hits + 10, version = version + 1 where id = 2");
            }
            first.increment();
            second.increment();
        });

        assertThat(attempts).hasValue(2);
        RetryEvent event = retries.get(0);
        if (snapshotIsolation()) {
            // Hibernate's own exception, unchanged: a batch of two rows does not say which one was refused
            assertThat(event.reason()).isEqualTo(RetryReason.SERIALIZATION_FAILURE);
            assertThat(event.failure()).isInstanceOf(OptimisticLockException.class);
            assertThat(Failures.sqlCode(event.failure())).isEqualTo("HY000/1020");
        }
        else {
            assertThat(event.reason()).isEqualTo(RetryReason.OPTIMISTIC_CONFLICT);
        }
        assertThat(db.queryForLong("select hits from retry_counter where id = 2")).isEqualTo(11);
        assertThat(db.queryForLong("select hits from retry_counter where id = 1")).isEqualTo(1);
    }
}
