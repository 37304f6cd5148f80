package io.hibernatecas.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.hibernatecas.CasRetry;
import io.hibernatecas.RetryExhaustedException;
import io.hibernatecas.spi.RetryEvent;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.DatabaseKind;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.TestDatabase;

import org.hibernate.exception.ConstraintViolationException;

import jakarta.persistence.EntityManager;

/**
 * What {@link CasRetry} must not retry comes out unchanged after one attempt, and whatever happens the attempt's
 * transaction is rolled back and its {@code EntityManager} closed, with no connection left open.
 */
class NonRetryableFailureTest {

    @AllDatabases
    void constraintViolationIsNotRetriedAndComesOutUnchanged(TestDatabase db, DatabaseKind kind) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Counter.class).build();
        h.inTransaction(s -> s.persist(new Counter(1L)));
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<RuntimeException> seen = new AtomicReference<>();
        List<RetryEvent> retries = new ArrayList<>();
        CasRetry retry = CasRetry.of(h.sessionFactory()).maxRetries(3).onRetry(retries::add);

        Throwable thrown = catchThrowable(() -> retry.inTransaction(em -> {
            attempts.incrementAndGet();
            em.persist(new Counter(1L)); // the primary key exists
            try {
                em.flush();
            }
            catch (RuntimeException e) {
                seen.set(e);
                throw e;
            }
        }));

        assertThat(thrown).isSameAs(seen.get()).isInstanceOf(ConstraintViolationException.class);
        assertThat(Failures.sqlCode(thrown)).isEqualTo(switch (kind) {
            case H2 -> "23505/23505";
            case POSTGRESQL -> "23505/0";
            case MARIADB -> "23000/1062";
        });
        assertThat(attempts).hasValue(1);
        assertThat(retries).isEmpty();
    }

    @AllDatabases
    void failuresOfTheWorkItselfAreNotRetriedAndComeOutUnchanged(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Counter.class).build();
        h.inTransaction(s -> s.persist(new Counter(1L)));
        List<Supplier<Throwable>> failures = List.of(
                () -> new IllegalStateException("invoice already paid"),
                () -> new UncheckedIOException(new IOException("disk full")),
                () -> new RuntimeException(new SQLException("connection reset", "08006")),
                () -> new AssertionError("an Error is never retried"));

        for (Supplier<Throwable> failure : failures) {
            AtomicInteger attempts = new AtomicInteger();
            AtomicReference<Throwable> thrownByWork = new AtomicReference<>();
            List<RetryEvent> retries = new ArrayList<>();
            CasRetry retry = CasRetry.of(h.sessionFactory()).maxRetries(3).onRetry(retries::add);

            Throwable thrown = catchThrowable(() -> retry.inTransaction(em -> {
                attempts.incrementAndGet();
                em.find(Counter.class, 1L).increment();
                em.flush(); // the UPDATE reached the database: only a rollback undoes it
                thrownByWork.set(failure.get());
                throw sneaky(thrownByWork.get());
            }));

            assertThat(thrown).as("%s", thrownByWork.get()).isSameAs(thrownByWork.get());
            assertThat(thrown.getSuppressed()).isEmpty();
            assertThat(attempts).hasValue(1);
            assertThat(retries).isEmpty();
            assertThat(db.queryForLong("select hits from retry_counter where id = 1")).isZero();
        }
    }

    @AllDatabases
    void everyPathRollsBackClosesTheEntityManagerAndLeavesNoConnectionOpen(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Counter.class).build();
        h.inTransaction(s -> s.persist(new Counter(1L)));
        List<EntityManager> used = new ArrayList<>();
        CasRetry retry = CasRetry.of(h.sessionFactory()).maxRetries(1).backoff(Duration.ZERO, Duration.ZERO);
        String bumpVersion = "update retry_counter set version = version + 1 where id = 1";

        // success
        retry.inTransaction(em -> {
            used.add(em);
            em.find(Counter.class, 1L).increment();
        });
        // a conflict, then success
        AtomicInteger attempt = new AtomicInteger();
        retry.inTransaction(em -> {
            used.add(em);
            Counter counter = em.find(Counter.class, 1L);
            if (attempt.incrementAndGet() == 1) {
                db.execute(bumpVersion);
            }
            counter.increment();
        });
        assertThat(db.queryForLong("select hits from retry_counter where id = 1")).isEqualTo(2);
        // conflicts until the retries are exhausted
        assertThat(catchThrowable(() -> retry.inTransaction(em -> {
            used.add(em);
            Counter counter = em.find(Counter.class, 1L);
            db.execute(bumpVersion);
            counter.increment();
        }))).isInstanceOf(RetryExhaustedException.class);
        // a written and flushed change, then an exception of the work, then an Error
        for (Throwable failure : List.of(new IllegalStateException("work failed"), new AssertionError("error"))) {
            assertThat(catchThrowable(() -> retry.inTransaction(em -> {
                used.add(em);
                em.find(Counter.class, 1L).increment();
                em.flush();
                throw sneaky(failure);
            }))).isSameAs(failure);
        }

        assertThat(used).hasSize(7).doesNotContainNull().allSatisfy(em -> assertThat(em.isOpen()).isFalse());
        assertThat(used).doesNotHaveDuplicates();
        assertThat(db.queryForLong("select hits from retry_counter where id = 1")).isEqualTo(2);
        assertThat(DatabaseSessions.otherConnections(db)).as("connections left open").isZero();
    }

    /** Throws an {@code Error} or a {@code RuntimeException} from a lambda that may throw neither checked. */
    private static RuntimeException sneaky(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        return (RuntimeException) failure;
    }
}
