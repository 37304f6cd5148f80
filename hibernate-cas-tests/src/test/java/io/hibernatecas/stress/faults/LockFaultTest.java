package io.hibernatecas.stress.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.hibernatecas.CasRetry;
import io.hibernatecas.RetryExhaustedException;
import io.hibernatecas.RetryReason;
import io.hibernatecas.stress.BankAccount;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.DatabaseKind;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.Race;
import io.hibernatecas.testing.TestDatabase;

import jakarta.persistence.EntityManager;

/**
 * Lock timeouts and deadlocks in the middle of a unit of work that writes two rows: the first row's
 * {@code UPDATE} succeeded when the second one fails. Whether {@link CasRetry} retries or gives up, the first row's
 * write must not survive: the attempt's transaction is rolled back as a whole (MariaDB, for one, rolls back only the
 * timed-out statement, not the transaction).
 */
class LockFaultTest {

    @AllDatabases
    void lockTimeoutOnTheSecondRowExhaustsTheRetriesAndLeavesTheFirstRowUntouched(TestDatabase db, DatabaseKind kind)
            throws Exception {
        HibernateFixture h = Accounts.open(db);
        AtomicInteger attempts = new AtomicInteger();
        CasRetry retry = CasRetry.of(h.sessionFactory()).maxRetries(2).backoff(Duration.ZERO, Duration.ZERO);

        RetryExhaustedException exhausted;
        try (RowLock lock = RowLock.hold(db, 2)) {
            exhausted = catchThrowableOfType(RetryExhaustedException.class,
                    () -> retry.inTransaction(em -> {
                        attempts.incrementAndGet();
                        DatabaseFaults.shortLockTimeout(em, kind);
                        Accounts.transfer(em, "10.00");      // UPDATE account 1 succeeds, account 2 times out
                    }));
        }

        assertThat(exhausted).as("a RetryExhaustedException").isNotNull();
        assertThat(exhausted.getAttempts()).isEqualTo(3);
        assertThat(exhausted.getReason()).isEqualTo(RetryReason.LOCK_TIMEOUT);
        assertThat(exhausted).hasMessageStartingWith("Gave up after 3 attempts: could not execute statement [");
        assertThat(exhausted.getSuppressed()).hasSize(2);
        assertThat(attempts).hasValue(3);
        assertThat(Accounts.state(db)).containsExactly("1=100.00@v0", "2=100.00@v0");
    }

    @AllDatabases
    void deadlockVictimWithoutRetriesWritesNothingAndTheOtherTransferCommitsWhole(TestDatabase db) throws Exception {
        HibernateFixture h = Accounts.open(db);
        CasRetry once = CasRetry.of(h.sessionFactory()).maxRetries(0);
        CyclicBarrier bothHoldTheirFirstRow = new CyclicBarrier(2);

        Race.Result<Void, Void> race = Race.together(
                () -> {
                    once.inTransaction(em -> move(em, 1L, 2L, "10.00", bothHoldTheirFirstRow));
                    return null;
                },
                () -> {
                    once.inTransaction(em -> move(em, 2L, 1L, "20.00", bothHoldTheirFirstRow));
                    return null;
                });

        List<Throwable> failures = Stream.of(race.first().error(), race.second().error())
                .filter(Objects::nonNull).toList();
        assertThat(failures).singleElement().isInstanceOfSatisfying(RetryExhaustedException.class, e -> {
            assertThat(e.getReason()).isEqualTo(RetryReason.DEADLOCK);
            assertThat(e.getAttempts()).isEqualTo(1);
            assertThat(e).hasMessageStartingWith("Gave up after 1 attempt: ");
        });
        // exactly the survivor's transfer, whole; nothing of the victim's
        assertThat(Accounts.state(db)).containsExactly(race.first().failed()
                ? new String[] {"1=120.00@v1", "2=80.00@v1"}
                : new String[] {"1=90.00@v1", "2=110.00@v1"});
    }

    /** Debits {@code from} and flushes, waits until the other transaction did the same, credits {@code to}. */
    private static void move(EntityManager em, long from, long to, String amount, CyclicBarrier barrier) {
        BigDecimal value = new BigDecimal(amount);
        BankAccount source = em.find(BankAccount.class, from);
        BankAccount target = em.find(BankAccount.class, to);
        source.adjust(value.negate());
        em.flush();
        try {
            barrier.await(20, TimeUnit.SECONDS);
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
        target.adjust(value);
        em.flush();
    }
}
