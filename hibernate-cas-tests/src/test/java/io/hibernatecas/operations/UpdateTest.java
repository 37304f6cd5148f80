package io.hibernatecas.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

class UpdateTest {

    @AllDatabases
    void writesOnlyTheChangedAttributesGuardedByTheirLoadedValuesAndNothingAtCommit(TestDatabase db) {
        HibernateFixture h = OperationsFixture.on(db);
        h.inTransaction(s -> s.persist(new Wallet(1L, 100, "alice")));

        h.inTransaction(s -> {
            Wallet wallet = s.find(Wallet.class, 1L);
            h.resetCounters();
            boolean written = CasOperations.update(s, wallet, w -> {
                w.setBalance(150);
                w.setStatus(Status.FROZEN);
            });
            assertThat(written).isTrue();
            assertThat(wallet.getVersion()).isEqualTo(1);
            s.flush();
        });

        assertThat(h.sql().statements()).singleElement().satisfies(sql -> assertThat(SqlCapture.normalize(sql))
                .isEqualTo("update wallet set balance=?,status=?,version=? where id=? and balance=? and "
                        + ExactSql.enumText(db.kind(), "status") + " "
                        + "and version=?"));
        assertThat(h.jdbc().executionCount()).as(h.jdbc().toString()).isEqualTo(1);
        assertThat(db.queryForLong("select count(*) from wallet where balance = 150 and status = 'FROZEN' "
                + "and owner = 'alice' and version = 1")).isEqualTo(1);
    }

    @AllDatabases
    void concurrentChangeMakesItFalseAndTheEntityHoldsTheDatabaseState(TestDatabase db) {
        HibernateFixture h = OperationsFixture.on(db);
        h.inTransaction(s -> s.persist(new Wallet(1L, 100, "alice")));

        Race.Result<Wallet, Object> race = Race.interleave(
                pause -> h.fromTransaction(s -> {
                    Wallet wallet = s.find(Wallet.class, 1L);
                    pause.pause();
                    h.resetCounters();
                    assertThat(CasOperations.update(s, wallet, w -> w.setBalance(150))).isFalse();
                    assertThat(s.contains(wallet)).isTrue();
                    s.persist(new Note("still usable"));
                    return wallet;
                }),
                () -> Concurrently.fromTransaction(h.sessionFactory(), s -> {
                    s.find(Wallet.class, 1L).setBalance(999);
                    return null;
                }));

        Wallet wallet = race.first().get();
        assertThat(wallet.getBalance()).isEqualTo(999);
        assertThat(wallet.getVersion()).isEqualTo(1);
        assertThat(SqlCapture.normalize(h.sql().updates().get(0)))
                .isEqualTo("update wallet set balance=?,version=? where id=? and balance=? and version=?");
        assertThat(h.jdbc().executionCount(SqlKind.UPDATE)).as(h.jdbc().toString()).isEqualTo(1);
        assertThat(db.queryForLong("select balance from wallet where id = 1")).isEqualTo(999);
        assertThat(db.queryForLong("select count(*) from note")).isEqualTo(1);
    }

    @AllDatabases
    void deletedRowMakesItFalseAndTheEntityDetached(TestDatabase db) {
        HibernateFixture h = OperationsFixture.on(db);
        h.inTransaction(s -> s.persist(new Wallet(1L, 100, "alice")));

        h.inTransaction(s -> {
            Wallet wallet = s.find(Wallet.class, 1L);
            Concurrently.inTransaction(h.sessionFactory(), other -> other.remove(other.find(Wallet.class, 1L)));
            assertThat(CasOperations.update(s, wallet, w -> w.setOwner("bob"))).isFalse();
            assertThat(s.contains(wallet)).isFalse();
            s.persist(new Note("still usable"));
        });

        assertThat(db.queryForLong("select count(*) from wallet")).isZero();
        assertThat(db.queryForLong("select count(*) from note")).isEqualTo(1);
    }

    @AllDatabases
    void nullLoadedValueIsGuardedWithIsNull(TestDatabase db) {
        HibernateFixture h = OperationsFixture.on(db);
        h.inTransaction(s -> s.persist(new Wallet(1L, 100, null)));

        h.inTransaction(s -> {
            Wallet wallet = s.find(Wallet.class, 1L);
            h.resetCounters();
            assertThat(CasOperations.update(s, wallet, w -> w.setOwner("bob"))).isTrue();
        });

        assertThat(h.sql().statements()).singleElement().satisfies(sql -> assertThat(SqlCapture.normalize(sql))
                .isEqualTo("update wallet set owner=?,version=? where id=? and owner is null and version=?"));
        assertThat(db.queryForLong("select count(*) from wallet where owner = 'bob' and version = 1")).isEqualTo(1);
    }

    @AllDatabases
    void earlierUnflushedChangesStayPendingAndFlushWithTheNewVersion(TestDatabase db) {
        HibernateFixture h = OperationsFixture.on(db);
        h.inTransaction(s -> s.persist(new Wallet(1L, 100, "alice")));

        h.inTransaction(s -> {
            Wallet wallet = s.find(Wallet.class, 1L);
            wallet.setOwner("carol");                                  // not part of the update
            h.resetCounters();
            assertThat(CasOperations.update(s, wallet, w -> w.setBalance(10))).isTrue();
        });

        assertThat(h.sql().updates()).hasSize(2);
        assertThat(SqlCapture.normalize(h.sql().updates().get(1))).endsWith("where id=? and version=?");
        assertThat(db.queryForLong("select count(*) from wallet where balance = 10 and owner = 'carol' "
                + "and version = 2")).isEqualTo(1);
    }

    @AllDatabases
    void changingAnAttributeUpdateCannotWriteIsRefusedAndUndone(TestDatabase db) {
        HibernateFixture h = OperationsFixture.on(db);
        h.inTransaction(s -> s.persist(new Wallet(1L, 100, "alice")));
        h.resetCounters();

        h.inTransaction(s -> {
            Wallet wallet = s.find(Wallet.class, 1L);
            assertThatThrownBy(() -> CasOperations.update(s, wallet, w -> {
                w.setBalance(5);
                w.setCurrency("USD");
            }))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Cannot update attribute 'currency' of entity 'io.hibernatecas.operations.Wallet': "
                            + "it is not updatable (updatable = false); update accepts [balance, owner, status]");
            assertThat(wallet.getCurrency()).isEqualTo("EUR");
            assertThat(wallet.getBalance()).isEqualTo(100);
        });

        assertThat(h.jdbc().executionCount(SqlKind.UPDATE)).isZero();
    }

    @AllDatabases
    void clientHeldVersionAndValuesReplaceTheLoadedOnes(TestDatabase db) {
        HibernateFixture h = OperationsFixture.on(db);
        h.inTransaction(s -> s.persist(new Wallet(1L, 100, "alice")));
        h.inTransaction(s -> s.find(Wallet.class, 1L).setOwner("bob"));        // version 1

        h.inTransaction(s -> {
            Wallet wallet = s.find(Wallet.class, 1L);
            CasOperations.expectVersion(s, wallet, 0);                          // the client saw version 0
            assertThat(CasOperations.update(s, wallet, w -> w.setBalance(1))).isFalse();
            assertThat(wallet.getBalance()).isEqualTo(100);
            h.resetCounters();
            CasOperations.expectVersion(s, wallet, 1);
            CasOperations.expectValues(s, wallet, java.util.Map.of("owner", "bob"));
            assertThat(CasOperations.update(s, wallet, w -> w.setBalance(2))).isTrue();
        });

        assertThat(h.sql().updates()).singleElement().satisfies(sql -> assertThat(SqlCapture.normalize(sql))
                .isEqualTo("update wallet set balance=?,version=? where id=? and balance=? and "
                        + ExactSql.text(db.kind(), "owner") + " and version=?"));
        assertThat(db.queryForLong("select count(*) from wallet where balance = 2 and version = 2")).isEqualTo(1);
    }

    @AllDatabases
    void pendingInsertIsFlushedFirst(TestDatabase db) {
        HibernateFixture h = OperationsFixture.on(db);

        h.inTransaction(s -> {
            Wallet wallet = new Wallet(1L, 100, "alice");
            s.persist(wallet);
            assertThat(CasOperations.update(s, wallet, w -> w.setBalance(60))).isTrue();
            assertThat(wallet.getVersion()).isEqualTo(1);
        });

        assertThat(h.jdbc().executionCount(SqlKind.INSERT)).isEqualTo(1);
        assertThat(h.jdbc().executionCount(SqlKind.UPDATE)).as(h.jdbc().toString()).isEqualTo(1);
        assertThat(db.queryForLong("select count(*) from wallet where balance = 60 and version = 1")).isEqualTo(1);
    }

    @AllDatabases
    void unmanagedEntityIsRefused(TestDatabase db) {
        HibernateFixture h = OperationsFixture.on(db);

        h.inTransaction(s -> assertThatThrownBy(() -> CasOperations.update(s, new Wallet(1L, 1, "x"),
                w -> w.setBalance(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot update an instance of 'io.hibernatecas.operations.Wallet': it is not managed by "
                        + "this EntityManager (find it first, or merge it)"));
    }
}
