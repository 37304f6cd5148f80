package io.hibernatecas.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.hibernatecas.CasRetry;
import io.hibernatecas.RetryReason;
import io.hibernatecas.VersionConflictException;
import io.hibernatecas.spi.RetryEvent;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.DatabaseKind;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.TestDatabase;

/**
 * A write to a row that another transaction changed after this one's snapshot, under {@code REPEATABLE READ}.
 * Each database says so differently, and {@link CasRetry} runs the work again in every case, which then reads the
 * new row:
 * <ul>
 * <li>PostgreSQL refuses the write with a serialization failure (40001) before our guard is evaluated;</li>
 * <li>H2 2.3 refuses it with its {@code DEADLOCK_1} code (40001, "Deadlock detected"), so it is reported as
 *     {@link RetryReason#DEADLOCK};</li>
 * <li>MariaDB 10.11.5 (InnoDB writes the current row and has no {@code innodb_snapshot_isolation} yet) lets the
 *     guard find the conflict.</li>
 * </ul>
 */
class SerializationFailureRetryTest {

    @AllDatabases
    void writeAfterAConcurrentCommitUnderRepeatableReadIsRetried(TestDatabase db, DatabaseKind kind) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Counter.class)
                .isolation(Connection.TRANSACTION_REPEATABLE_READ)
                .build();
        h.inTransaction(s -> s.persist(new Counter(1L)));
        AtomicInteger attempts = new AtomicInteger();
        List<RetryEvent> retries = new ArrayList<>();
        CasRetry retry = CasRetry.of(h.sessionFactory()).maxRetries(1).onRetry(retries::add);

        int hits = retry.fromTransaction(em -> {
            Counter counter = em.find(Counter.class, 1L); // the snapshot starts here
            if (attempts.incrementAndGet() == 1) {
                db.execute("update retry_counter set hits = hits + 10, version = version + 1 where id = 1");
            }
            counter.increment();
            em.flush();
            return counter.getHits();
        });

        assertThat(hits).isEqualTo(11);
        assertThat(attempts).hasValue(2);
        assertThat(retries).singleElement().satisfies(event -> {
            switch (kind) {
                case H2 -> {
                    assertThat(event.reason()).isEqualTo(RetryReason.DEADLOCK);
                    assertThat(Failures.sqlCode(event.failure())).isEqualTo("40001/40001");
                }
                case POSTGRESQL -> {
                    assertThat(event.reason()).isEqualTo(RetryReason.SERIALIZATION_FAILURE);
                    assertThat(Failures.sqlCode(event.failure())).isEqualTo("40001/0");
                }
                case MARIADB -> {
                    assertThat(event.reason()).isEqualTo(RetryReason.OPTIMISTIC_CONFLICT);
                    assertThat(event.failure()).isInstanceOf(VersionConflictException.class);
                }
            }
        });
        assertThat(db.queryForLong("select hits from retry_counter where id = 1")).isEqualTo(11);
    }
}
