package io.hibernatecas.stress.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.hibernatecas.CasRetry;
import io.hibernatecas.RetryExhaustedException;
import io.hibernatecas.RetryReason;
import io.hibernatecas.internal.RetryClassifier;
import io.hibernatecas.spi.RetryEvent;
import io.hibernatecas.stress.BankAccount;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.DatabaseKind;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.TestDatabase;

import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;

/**
 * The connection dies under a unit of work of {@link CasRetry}: killed by an administrator while its flush waits for
 * a row lock held by a third transaction, killed in the next attempt after a retry, or the lock holder killed while
 * the retry backs off. A killed connection is not a conflict: it is thrown at once, the very exception the driver
 * and Hibernate produced, and nothing of the unit of work is in the database.
 * <p>
 * The first two tests run on PostgreSQL and MariaDB only: H2 runs inside the test's JVM, and its
 * {@code abort_session} does not interrupt a session that waits for a row lock (the victim waits out its lock
 * timeout and gets a retryable lock timeout instead), so there is no connection to kill mid-statement.
 */
class KilledConnectionTest {

    @AllDatabases({DatabaseKind.POSTGRESQL, DatabaseKind.MARIADB})
    void connectionKilledWhileTheFlushWaitsForALockFailsAtOnceAndWritesNothing(TestDatabase db) throws Exception {
        HibernateFixture h = Accounts.open(db);
        List<RetryEvent> retries = new CopyOnWriteArrayList<>();
        CasRetry retry = CasRetry.of(h.sessionFactory()).maxRetries(3).onRetry(retries::add);
        AtomicInteger attempts = new AtomicInteger();
        AtomicLong victim = new AtomicLong(-1);

        Throwable thrown;
        try (RowLock lock = RowLock.hold(db, 2)) {
            CompletableFuture<Void> killer = background(() -> killOnceBlocked(db, victim), lock);
            thrown = catchThrowable(() -> retry.inTransaction(em -> {
                attempts.incrementAndGet();
                victim.set(DatabaseFaults.sessionId(em, db.kind()));
                Accounts.transfer(em, "10.00");     // UPDATE account 1 goes through, UPDATE account 2 waits
            }));
            killer.get(30, TimeUnit.SECONDS);
        }

        assertKilled(db, thrown);
        assertThat(attempts).hasValue(1);
        assertThat(retries).isEmpty();
        assertThat(Accounts.state(db)).containsExactly("1=100.00@v0", "2=100.00@v0");

        retry.inTransaction(em -> Accounts.transfer(em, "10.00"));
        assertThat(Accounts.state(db)).containsExactly("1=90.00@v1", "2=110.00@v1");
    }

    @AllDatabases({DatabaseKind.POSTGRESQL, DatabaseKind.MARIADB})
    void connectionOfTheNextAttemptKilledFailsAtOnceAndWritesNothing(TestDatabase db) throws Exception {
        HibernateFixture h = Accounts.open(db);
        AtomicInteger attempts = new AtomicInteger();
        AtomicLong victim = new AtomicLong(-1);
        AtomicReference<RowLock> lock = new AtomicReference<>();
        AtomicReference<CompletableFuture<Void>> killer = new AtomicReference<>();
        List<RetryEvent> retries = new CopyOnWriteArrayList<>();
        CasRetry retry = CasRetry.of(h.sessionFactory()).maxRetries(3).backoff(Duration.ZERO, Duration.ZERO)
                .onRetry(retries::add)
                .onRetry(event -> {
                    // before the next attempt: a third transaction takes account 2, and the next attempt's
                    // connection is killed as soon as it waits for it
                    try {
                        lock.set(RowLock.hold(db, 2));
                    }
                    catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    victim.set(-1);
                    killer.set(background(() -> killOnceBlocked(db, victim), lock.get()));
                });

        Throwable thrown;
        try {
            thrown = catchThrowable(() -> retry.inTransaction(em -> {
                int attempt = attempts.incrementAndGet();
                victim.set(DatabaseFaults.sessionId(em, db.kind()));
                if (attempt == 1) {
                    em.find(BankAccount.class, 1L);
                    db.execute("update stress_account set version = version + 1 where id = 1");  // a conflict
                }
                Accounts.transfer(em, "10.00");
            }));
            killer.get().get(30, TimeUnit.SECONDS);
        }
        finally {
            if (lock.get() != null) {
                lock.get().close();
            }
        }

        assertKilled(db, thrown);
        assertThat(attempts).hasValue(2);
        assertThat(retries).singleElement().extracting(RetryEvent::reason).isEqualTo(RetryReason.OPTIMISTIC_CONFLICT);
        assertThat(Accounts.state(db)).containsExactly("1=100.00@v1", "2=100.00@v0");
    }

    @AllDatabases
    void lockHolderKilledDuringTheBackoffLetsTheRetryCommit(TestDatabase db, DatabaseKind kind) throws Exception {
        HibernateFixture h = Accounts.open(db);
        AtomicInteger attempts = new AtomicInteger();
        List<RetryEvent> retries = new CopyOnWriteArrayList<>();
        try (RowLock lock = RowLock.hold(db, 2)) {
            CasRetry retry = CasRetry.of(h.sessionFactory()).maxRetries(3)
                    .backoff(Duration.ofMillis(200), Duration.ofMillis(200))
                    .onRetry(retries::add)
                    .onRetry(event -> DatabaseFaults.kill(db, lock.sessionId()));  // the pause follows

            retry.inTransaction(em -> {
                attempts.incrementAndGet();
                DatabaseFaults.shortLockTimeout(em, kind);
                Accounts.transfer(em, "10.00");
            });
        }

        assertThat(attempts).hasValue(2);
        assertThat(retries).singleElement().extracting(RetryEvent::reason).isEqualTo(RetryReason.LOCK_TIMEOUT);
        // the killed holder's uncommitted +1000 is gone, the transfer is in exactly once
        assertThat(Accounts.state(db)).containsExactly("1=90.00@v1", "2=110.00@v1");
    }

    /**
     * The failure of a killed connection, as the driver reports it and Hibernate converts it, not retryable and not
     * wrapped by {@code CasRetry}: PostgreSQL {@code 57P01 admin_shutdown}, MariaDB a socket closed by the server.
     */
    private static void assertKilled(TestDatabase db, Throwable thrown) {
        assertThat(thrown).as(Accounts.chain(thrown)).isNotNull().isNotInstanceOf(RetryExhaustedException.class);
        assertThat(RetryClassifier.classify(thrown)).isEmpty();
        if (db.kind() == DatabaseKind.POSTGRESQL) {
            assertThat(thrown).isExactlyInstanceOf(GenericJDBCException.class)
                    .hasMessageStartingWith("could not execute statement [FATAL: terminating connection due to "
                            + "administrator command");
            assertThat(Accounts.sqlState(thrown)).isEqualTo("57P01/0");
        }
        else {
            assertThat(thrown).isExactlyInstanceOf(JDBCConnectionException.class)
                    .hasMessageStartingWith("could not execute statement [(conn=").hasMessageContaining("Socket error");
            assertThat(Accounts.sqlState(thrown)).isEqualTo("08000/-1");
        }
    }

    /**
     * Runs {@code killer} on a thread of its own. Should it fail, {@code lock} is released, so that the victim waiting
     * for it does not hang the build; the test then fails on the killer's exception.
     */
    private static CompletableFuture<Void> background(Runnable killer, RowLock lock) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                killer.run();
                done.complete(null);
            }
            catch (Throwable e) {
                lock.close();
                done.completeExceptionally(e);
            }
        }, "cas-fault-killer");
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    /** Waits for the session in {@code victim} to wait for a lock, then kills it. */
    private static void killOnceBlocked(TestDatabase db, AtomicLong victim) {
        long deadline = System.nanoTime() + DatabaseFaults.WAIT.toNanos();
        while (victim.get() < 0 && System.nanoTime() - deadline < 0) {
            DatabaseFaults.sleep(10);
        }
        long id = victim.get();
        DatabaseFaults.awaitLockWait(db, id);
        DatabaseFaults.kill(db, id);
    }
}
