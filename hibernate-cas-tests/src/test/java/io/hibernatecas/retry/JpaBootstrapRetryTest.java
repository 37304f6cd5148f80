package io.hibernatecas.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.hibernatecas.CasRetry;
import io.hibernatecas.RetryExhaustedException;
import io.hibernatecas.RetryReason;
import io.hibernatecas.VersionConflictException;
import io.hibernatecas.spi.RetryEvent;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.TestDatabase;

import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.hibernate.tool.schema.Action;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.RollbackException;

/**
 * Under a JPA bootstrap (as Spring and Jakarta EE containers do it) a conflict found by {@code commit()} arrives as
 * a {@link RollbackException} wrapping ours: {@link CasRetry} sees through it to retry, and reports it as it is.
 */
class JpaBootstrapRetryTest {

    @AllDatabases
    void conflictFoundByCommitUnderJpaBootstrapIsRetriedAndReportedAsThrown(TestDatabase db) {
        EntityManagerFactory emf = db.closeAtEnd(new HibernatePersistenceConfiguration("cas-retry")
                .managedClass(Counter.class)
                .jdbcUrl(db.jdbcUrl())
                .jdbcCredentials(db.user(), db.password())
                .jdbcPoolSize(2)
                .schemaToolingAction(Action.CREATE_DROP)
                .createEntityManagerFactory());
        CasRetry retry = CasRetry.of(emf);
        retry.inTransaction(em -> em.persist(new Counter(1L)));
        String bumpVersion = "update retry_counter set version = version + 1 where id = 1";

        Throwable thrown = catchThrowable(() -> retry.maxRetries(0).inTransaction(em -> {
            Counter counter = em.find(Counter.class, 1L);
            db.execute(bumpVersion);
            counter.increment(); // no flush: commit() finds the conflict
        }));

        assertThat(thrown).isInstanceOf(RetryExhaustedException.class)
                .hasMessage("Gave up after 1 attempt: Concurrent update of [io.hibernatecas.retry.Counter#1]: "
                        + "expected version 0 but the database has version 1")
                .cause().isInstanceOf(RollbackException.class)
                .cause().isInstanceOf(VersionConflictException.class);
        RetryExhaustedException exhausted = (RetryExhaustedException) thrown;
        assertThat(exhausted.getConflict()).isSameAs(thrown.getCause().getCause());
        assertThat(exhausted.toProblemDetail()).containsExactly(
                entry("type", "urn:hibernate-cas:problem:retry-exhausted"),
                entry("title", "Concurrent update"),
                entry("status", 409),
                entry("detail", exhausted.getMessage()),
                entry("attempts", 1),
                entry("reason", "optimistic-conflict"),
                entry("entity", "io.hibernatecas.retry.Counter"),
                entry("id", "1"));

        AtomicInteger attempts = new AtomicInteger();
        List<RetryEvent> retries = new ArrayList<>();
        int hits = retry.onRetry(retries::add).fromTransaction(em -> {
            Counter counter = em.find(Counter.class, 1L);
            if (attempts.incrementAndGet() == 1) {
                db.execute(bumpVersion);
            }
            counter.increment();
            return counter.getHits();
        });

        assertThat(hits).isEqualTo(1);
        assertThat(attempts).hasValue(2);
        assertThat(retries).singleElement().satisfies(event -> {
            assertThat(event.reason()).isEqualTo(RetryReason.OPTIMISTIC_CONFLICT);
            assertThat(event.failure()).isInstanceOf(RollbackException.class)
                    .cause().isInstanceOf(VersionConflictException.class);
        });
        assertThat(db.queryForLong("select hits from retry_counter where id = 1")).isEqualTo(1);
    }
}
