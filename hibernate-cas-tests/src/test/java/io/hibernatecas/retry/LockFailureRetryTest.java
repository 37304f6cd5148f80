package io.hibernatecas.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.hibernatecas.CasRetry;
import io.hibernatecas.RetryReason;
import io.hibernatecas.spi.RetryEvent;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.DatabaseKind;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.Race;
import io.hibernatecas.testing.TestDatabase;

import jakarta.persistence.LockModeType;

/**
 * Deadlocks and lock timeouts provoked on purpose, on every database, and retried by {@link CasRetry} until the
 * work commits. Each test also pins the SQLState and vendor code the database really reported.
 */
class LockFailureRetryTest {

    @AllDatabases
    void deadlockVictimIsRetriedAndBothTransactionsCommit(TestDatabase db, DatabaseKind kind) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Counter.class).build();
        h.inTransaction(s -> {
            s.persist(new Counter(1L));
            s.persist(new Counter(2L));
        });
        CyclicBarrier bothHoldTheirFirstLock = new CyclicBarrier(2);
        AtomicInteger attempts = new AtomicInteger();
        List<RetryEvent> retries = new CopyOnWriteArrayList<>();
        CasRetry retry = CasRetry.of(h.sessionFactory())
                .maxRetries(3)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(100))
                .onRetry(retries::add);

        Race.Result<Void, Void> race = Race.together(
                () -> lockBothInOrder(retry, 1L, 2L, bothHoldTheirFirstLock, attempts),
                () -> lockBothInOrder(retry, 2L, 1L, bothHoldTheirFirstLock, attempts));

        assertThat(race.first().error()).as("first transaction").isNull();
        assertThat(race.second().error()).as("second transaction").isNull();
        assertThat(retries).singleElement().satisfies(event -> {
            assertThat(event.reason()).isEqualTo(RetryReason.DEADLOCK);
            assertThat(event.attempt()).isEqualTo(1);
            assertThat(Failures.sqlCode(event.failure())).as("%s", event.failure()).isEqualTo(switch (kind) {
                case H2 -> "40001/40001";
                case POSTGRESQL -> "40P01/0";
                case MARIADB -> "40001/1213";
            });
        });
        assertThat(attempts).hasValue(3);
        assertThat(db.queryForLong("select sum(hits) from retry_counter")).isEqualTo(4);
    }

    @AllDatabases
    void lockTimeoutIsRetriedOnceTheLockIsReleased(TestDatabase db, DatabaseKind kind) throws Exception {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Counter.class).build();
        h.inTransaction(s -> s.persist(new Counter(1L)));
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> h.inTransaction(s -> {
            s.find(Counter.class, 1L, LockModeType.PESSIMISTIC_WRITE);
            held.countDown();
            Failures.await(release);
        }));
        Failures.await(held);
        AtomicInteger attempts = new AtomicInteger();
        List<RetryEvent> retries = new CopyOnWriteArrayList<>();
        CasRetry retry = CasRetry.of(h.sessionFactory())
                .maxRetries(2)
                .backoff(Duration.ofMillis(5), Duration.ofMillis(50))
                .onRetry(event -> {
                    retries.add(event);
                    release.countDown();
                });

        int value = retry.fromTransaction(em -> {
            attempts.incrementAndGet();
            DatabaseSessions.shortLockTimeout(em, kind);
            Counter counter = em.find(Counter.class, 1L, LockModeType.PESSIMISTIC_WRITE);
            counter.increment();
            return counter.getHits();
        });

        holder.get(Failures.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(value).isEqualTo(1);
        assertThat(attempts).hasValue(2);
        assertThat(retries).singleElement().satisfies(event -> {
            assertThat(event.reason()).isEqualTo(RetryReason.LOCK_TIMEOUT);
            assertThat(Failures.sqlCode(event.failure())).as("%s", event.failure()).isEqualTo(switch (kind) {
                case H2 -> "HYT00/50200";
                case POSTGRESQL -> "55P03/0";
                case MARIADB -> "HY000/1205";
            });
        });
        assertThat(db.queryForLong("select hits from retry_counter where id = 1")).isEqualTo(1);
    }

    /** Locks row {@code first}, waits (first attempt only) until the other thread holds its row, locks {@code second}. */
    private static Void lockBothInOrder(CasRetry retry, long first, long second, CyclicBarrier barrier,
            AtomicInteger attempts) {
        AtomicInteger mine = new AtomicInteger();
        retry.inTransaction(em -> {
            attempts.incrementAndGet();
            Counter a = em.find(Counter.class, first, LockModeType.PESSIMISTIC_WRITE);
            if (mine.incrementAndGet() == 1) {
                Failures.await(barrier);
            }
            Counter b = em.find(Counter.class, second, LockModeType.PESSIMISTIC_WRITE);
            a.increment();
            b.increment();
        });
        return null;
    }
}
