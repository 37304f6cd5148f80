package io.hibernatecas.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.hibernatecas.CasOperations;
import io.hibernatecas.operations.Wallet.Status;
import io.hibernatecas.testing.ExactSql;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.Concurrently;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.Race;
import io.hibernatecas.testing.SqlCapture;
import io.hibernatecas.testing.SqlKind;
import io.hibernatecas.testing.TestDatabase;

class CompareAndSetTest {

    @AllDatabases
    void swapsInOneStatementGuardedByTheExpectedValueAndBumpsTheVersion(TestDatabase db) {
        HibernateFixture h = OperationsFixture.on(db);
        h.inTransaction(s -> s.persist(new Wallet(1L, 100, "alice")));
        h.resetCounters();

        boolean swapped = h.fromTransaction(s ->
                CasOperations.compareAndSet(s, Wallet.class, 1L, "status", Status.OPEN, Status.FROZEN));

        assertThat(swapped).isTrue();
        assertThat(h.sql().statements()).singleElement().satisfies(sql -> assertThat(SqlCapture.normalize(sql))
                .isEqualTo("update wallet set status=?,version=version+1 where id=? and "
                        + ExactSql.enumText(db.kind(), "status")));
        assertThat(h.jdbc().executionCount()).as(h.jdbc().toString()).isEqualTo(1);
        assertThat(db.queryForLong("select count(*) from wallet where id = 1 and status = 'FROZEN'")).isEqualTo(1);
        assertThat(db.queryForLong("select version from wallet where id = 1")).isEqualTo(1);
    }

    @AllDatabases
    void differentCurrentValueOrMissingRowChangesNothing(TestDatabase db) {
        HibernateFixture h = OperationsFixture.on(db);
        h.inTransaction(s -> s.persist(new Wallet(1L, 100, "alice")));
        h.resetCounters();

        boolean stale = h.fromTransaction(s -> CasOperations.compareAndSet(s, Wallet.class, 1L, "balance", 99L, 0L));
        boolean missing = h.fromTransaction(s -> CasOperations.compareAndSet(s, Wallet.class, 2L, "balance", 100, 0));

        assertThat(stale).isFalse();
        assertThat(missing).isFalse();
        assertThat(h.jdbc().executionCount(SqlKind.UPDATE)).isEqualTo(2);
        assertThat(db.queryForLong("select balance from wallet where id = 1")).isEqualTo(100);
        assertThat(db.queryForLong("select version from wallet where id = 1")).isZero();
    }

    @AllDatabases
    void expectedNullIsComparedWithIsNull(TestDatabase db) {
        HibernateFixture h = OperationsFixture.on(db);
        h.inTransaction(s -> s.persist(new Wallet(1L, 100, null)));
        h.resetCounters();

        boolean first = h.fromTransaction(s -> CasOperations.compareAndSet(s, Wallet.class, 1L, "owner", null, "bob"));
        boolean second = h.fromTransaction(s -> CasOperations.compareAndSet(s, Wallet.class, 1L, "owner", null, "eve"));

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(h.sql().updates()).hasSize(2).allSatisfy(sql -> assertThat(SqlCapture.normalize(sql))
                .isEqualTo("update wallet set owner=?,version=version+1 where id=? and owner is null"));
        assertThat(db.queryForLong("select count(*) from wallet where owner = 'bob' and version = 1")).isEqualTo(1);
    }

    @AllDatabases
    void secondTransactionBetweenReadAndSwapMakesTheSwapFail(TestDatabase db) {
        HibernateFixture h = OperationsFixture.on(db);
        h.inTransaction(s -> s.persist(new Wallet(1L, 100, "alice")));

        Race.Result<Boolean, Boolean> race = Race.interleave(
                pause -> h.fromTransaction(s -> {
                    long read = s.createNativeQuery("select balance from wallet where id = 1", Long.class)
                            .getSingleResult();
                    pause.pause();
                    boolean swapped = CasOperations.compareAndSet(s, Wallet.class, 1L, "balance", read, read - 30);
                    s.persist(new Note("still usable"));
                    return swapped;
                }),
                () -> Concurrently.fromTransaction(h.sessionFactory(),
                        s -> CasOperations.compareAndSet(s, Wallet.class, 1L, "balance", 100L, 50L)));

        assertThat(race.second().get()).isTrue();
        assertThat(race.first().get()).isFalse();
        assertThat(db.queryForLong("select balance from wallet where id = 1")).isEqualTo(50);
        assertThat(db.queryForLong("select version from wallet where id = 1")).isEqualTo(1);
        assertThat(db.queryForLong("select count(*) from note")).isEqualTo(1);
    }

    @AllDatabases
    void concurrentSwapsFromTheSameValueSucceedOnce(TestDatabase db) {
        HibernateFixture h = OperationsFixture.on(db);
        h.inTransaction(s -> s.persist(new Wallet(1L, 100, "alice")));

        Race.Result<Boolean, Boolean> race = Race.together(
                () -> h.fromTransaction(s -> CasOperations.compareAndSet(s, Wallet.class, 1L, "owner", "alice", "bob")),
                () -> h.fromTransaction(s -> CasOperations.compareAndSet(s, Wallet.class, 1L, "owner", "alice", "eve")));

        assertThat(race.first().get() ^ race.second().get()).as("exactly one swap wins").isTrue();
        String winner = race.first().get() ? "bob" : "eve";
        assertThat(db.queryForLong("select count(*) from wallet where owner = ? and version = 1", winner)).isEqualTo(1);
    }

    @AllDatabases
    void managedInstanceOfTheRowIsFlushedBeforeAndRefreshedAfter(TestDatabase db) {
        HibernateFixture h = OperationsFixture.on(db);
        h.inTransaction(s -> s.persist(new Wallet(1L, 100, "alice")));
        h.resetCounters();

        h.inTransaction(s -> {
            Wallet wallet = s.find(Wallet.class, 1L);
            wallet.setOwner("bob");                    // pending: flushed before the swap, not lost by the refresh
            assertThat(CasOperations.compareAndSet(s, Wallet.class, 1L, "balance", 100L, 70L)).isTrue();
            assertThat(wallet.getBalance()).isEqualTo(70);
            assertThat(wallet.getOwner()).isEqualTo("bob");
            assertThat(wallet.getVersion()).isEqualTo(2);
        });

        // find, the flush of owner, the swap, the refresh; nothing stale at commit
        assertThat(h.jdbc().executionCount(SqlKind.UPDATE)).as(h.jdbc().toString()).isEqualTo(2);
        assertThat(db.queryForLong("select count(*) from wallet where balance = 70 and owner = 'bob' and version = 2"))
                .isEqualTo(1);
    }

    @AllDatabases
    void timestampVersionIsSetToTheCurrentTime(TestDatabase db) {
        HibernateFixture h = OperationsFixture.on(db);
        h.inTransaction(s -> s.persist(new Document(1L, "draft")));
        Instant before = h.fromTransaction(s -> s.find(Document.class, 1L).getRevision());
        h.resetCounters();

        boolean renamed = h.fromTransaction(s ->
                CasOperations.compareAndSet(s, Document.class, 1L, "title", "draft", "final"));

        assertThat(renamed).isTrue();
        assertThat(SqlCapture.normalize(h.sql().updates().get(0)))
                .isEqualTo("update document set title=?,revision=? where id=? and " + ExactSql.text(db.kind(), "title"));
        Document after = h.fromTransaction(s -> s.find(Document.class, 1L));
        assertThat(after.getTitle()).isEqualTo("final");
        assertThat(after.getRevision()).isAfterOrEqualTo(before);
    }
}
