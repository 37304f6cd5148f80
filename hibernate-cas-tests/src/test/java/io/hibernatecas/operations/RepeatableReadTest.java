package io.hibernatecas.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.Collections;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.hibernatecas.CasOperations;
import io.hibernatecas.CasRetry;
import io.hibernatecas.RetryReason;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.Concurrently;
import io.hibernatecas.testing.DatabaseKind;
import io.hibernatecas.testing.HarnessConfig;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.Race;
import io.hibernatecas.testing.TestDatabase;

/**
 * Under {@code REPEATABLE READ} a database may answer the race with a serialization failure instead of letting the
 * operation see the other transaction's row. That is acceptable only as a failure {@link CasRetry} retries; these
 * tests pin, per database, which outcome each race has.
 */
class RepeatableReadTest {

    @AllDatabases
    void findOrCreateRaceEndsInTheSameRowOrARetryableFailure(TestDatabase db, DatabaseKind kind) {
        HibernateFixture h = repeatableRead(db);
        List<RetryReason> retries = Collections.synchronizedList(new ArrayList<>());
        CasRetry retry = CasRetry.of(h.sessionFactory()).maxRetries(2).onRetry(event -> retries.add(event.reason()));
        AtomicBoolean paused = new AtomicBoolean();

        Race.Result<Long, Long> race = Race.interleave(
                pause -> retry.fromTransaction(em -> {
                    em.createNativeQuery("select count(*) from note", Long.class).getSingleResult(); // the snapshot
                    return CasOperations.findOrCreate(em, Tag.class, "name", "iso", () -> {
                        if (paused.compareAndSet(false, true)) {
                            pause.pause();                              // the other caller creates the row now
                        }
                        return new Tag(null, "first");
                    }).getId();
                }),
                () -> Concurrently.fromTransaction(h.sessionFactory(), s -> CasOperations.findOrCreate(s, Tag.class,
                        "name", "iso", () -> new Tag(null, "second")).getId()));

        assertThat(race.first().get()).isEqualTo(race.second().get());
        // PostgreSQL: "could not serialize access" (40001) from the insert; H2: the snapshot hides the row from
        // every read, even "for update", reported as a TransactionSerializationException; MariaDB 10.11: none, its
        // locking reads see the committed row; MariaDB with innodb_snapshot_isolation=ON: 1020 from the insert
        assertThat(retries).isEqualTo(kind == DatabaseKind.MARIADB && !snapshotIsolation() ? List.of()
                : List.of(RetryReason.SERIALIZATION_FAILURE));
    }

    @AllDatabases
    void compareAndSetRaceEndsInFalseOrARetryableFailure(TestDatabase db, DatabaseKind kind) {
        HibernateFixture h = repeatableRead(db);
        h.inTransaction(s -> s.persist(new Wallet(1L, 100, "alice")));
        List<RetryReason> retries = Collections.synchronizedList(new ArrayList<>());
        CasRetry retry = CasRetry.of(h.sessionFactory()).maxRetries(2).onRetry(event -> retries.add(event.reason()));
        AtomicBoolean paused = new AtomicBoolean();

        Race.Result<Boolean, Boolean> race = Race.interleave(
                pause -> retry.fromTransaction(em -> {
                    em.createNativeQuery("select count(*) from note", Long.class).getSingleResult(); // the snapshot
                    if (paused.compareAndSet(false, true)) {
                        pause.pause();
                    }
                    return CasOperations.compareAndSet(em, Wallet.class, 1L, "owner", "alice", "bob");
                }),
                () -> Concurrently.fromTransaction(h.sessionFactory(),
                        s -> CasOperations.compareAndSet(s, Wallet.class, 1L, "owner", "alice", "eve")));

        assertThat(race.second().get()).isTrue();
        assertThat(race.first().get()).isFalse();
        // PostgreSQL: 40001 from the update; MariaDB with innodb_snapshot_isolation=ON: 1020 from the update;
        // H2 and MariaDB 10.11 update the latest row, which no longer matches
        assertThat(retries).isEqualTo(kind == DatabaseKind.POSTGRESQL || kind == DatabaseKind.MARIADB
                && snapshotIsolation() ? List.of(RetryReason.SERIALIZATION_FAILURE) : List.of());
        assertThat(db.queryForLong("select count(*) from wallet where owner = 'eve' and version = 1")).isEqualTo(1);
    }

    /** The MariaDB 11.4 run: {@code innodb_snapshot_isolation=ON}. */
    private static boolean snapshotIsolation() {
        return HarnessConfig.mariaDbServer().isPresent();
    }

    private static HibernateFixture repeatableRead(TestDatabase db) {
        return HibernateTestFactory.forDatabase(db)
                .entities(Wallet.class, Counter.class, Tag.class, Label.class, Setting.class, Note.class,
                        Document.class, Parcel.class)
                .isolation(Connection.TRANSACTION_REPEATABLE_READ)
                .build();
    }
}
