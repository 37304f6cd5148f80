package io.hibernatecas.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.util.List;

import org.assertj.core.groups.Tuple;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.Conflict;
import io.hibernatecas.ConflictReason;
import io.hibernatecas.FieldConflictException;
import io.hibernatecas.VersionConflictException;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.Concurrently;
import io.hibernatecas.testing.DatabaseKind;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.SqlCapture;
import io.hibernatecas.testing.SqlKind;
import io.hibernatecas.testing.TestDatabase;

/** A flush of 120 guarded rows with batch size 50: batching stays on, and every conflict of the flush is reported. */
class BatchedFlushTest {

    private static HibernateFixture hundredTwentyAccounts(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Account.class)
                .setting("hibernate.jdbc.batch_size", 50).build();
        h.inTransaction(s -> {
            for (long id = 1; id <= 120; id++) {
                s.persist(new Account(id, new BigDecimal("10.00"), "owner" + id));
            }
        });
        h.resetCounters();
        return h;
    }

    private static List<Account> all(org.hibernate.Session s) {
        return s.createSelectionQuery("from Account order by id", Account.class).getResultList();
    }

    @AllDatabases
    void guardedUpdatesAreBatchedWithoutExtraStatements(TestDatabase db) {
        HibernateFixture h = hundredTwentyAccounts(db);

        h.inTransaction(s -> all(s).forEach(a -> a.setOwner(a.getOwner() + "!")));

        assertThat(h.jdbc().batchSizes()).as(h.jdbc().toString()).containsExactly(50, 50, 20);
        assertThat(h.jdbc().selects()).isEqualTo(1);
        assertThat(h.jdbc().executionCount()).isEqualTo(4);
        assertThat(h.sql().updates()).isNotEmpty().allSatisfy(sql -> assertThat(SqlCapture.normalize(sql))
                .isEqualTo("update account set balance=?,owner=?,version=? where id=? and balance=? and version=?"));
        assertThat(db.queryForLong("select count(*) from account where version = 1")).isEqualTo(120);
    }

    @AllDatabases
    void conflictsInTwoBatchesAreBothReportedWithOneDiagnosticRead(TestDatabase db) {
        HibernateFixture h = hundredTwentyAccounts(db);

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            List<Account> accounts = all(s);
            db.execute("update account set balance = 1 where id = 10");
            db.execute("update account set version = 7 where id = 75");
            h.resetCounters();
            accounts.forEach(a -> a.setOwner(a.getOwner() + "!"));
            s.flush();
        }));

        assertThat(thrown).isExactlyInstanceOf(FieldConflictException.class)
                .hasMessage("Concurrent update of [io.hibernatecas.core.Account#10]: @Cas attribute 'balance' was "
                        + "changed by another transaction (and 1 more conflicting row in this flush; see getConflicts())");
        CasConflictException conflict = (CasConflictException) thrown;
        assertThat(conflict.getIdentifier()).isEqualTo(10L);
        assertThat(((Account) conflict.getEntity()).getId()).isEqualTo(10L);
        assertThat(conflict.getConflicts()).extracting(Conflict::getIdentifier, Conflict::getReason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(10L, ConflictReason.FIELD_CHANGED),
                        org.assertj.core.groups.Tuple.tuple(75L, ConflictReason.VERSION_CHANGED));
        assertThat(conflict.getConflicts().get(1).getActualVersion()).isEqualTo(7);
        // the first batch (rows 1-50) ran and failed; then exactly one SELECT diagnosed all 120 rows
        assertThat(h.jdbc().executeBatchCalls()).as(h.jdbc().toString()).isEqualTo(1);
        assertThat(h.jdbc().executionCount(SqlKind.SELECT)).isEqualTo(1);
        assertThat(h.jdbc().executionCount()).isEqualTo(2);
        assertThat(db.queryForLong("select count(*) from account where version = 1")).isZero();
    }

    @AllDatabases
    void twoRowsOfOneBatchEachUpdatedOnceByAnotherTransactionAreBothReported(TestDatabase db) {
        HibernateFixture h = hundredTwentyAccounts(db);

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            List<Account> accounts = all(s);
            // a concurrent Hibernate update bumps each version by exactly one: the version this flush would write
            Concurrently.inTransaction(h.sessionFactory(), other -> {
                other.find(Account.class, 10L).setOwner("zoe");
                other.find(Account.class, 20L).setOwner("zed");
            });
            h.resetCounters();
            accounts.forEach(a -> a.setOwner(a.getOwner() + "!"));
            s.flush();
        }));

        assertThat(thrown).isExactlyInstanceOf(VersionConflictException.class)
                .hasMessage("Concurrent update of [io.hibernatecas.core.Account#10]: expected version 0 but the "
                        + "database has version 1 (and 1 more conflicting row in this flush; see getConflicts())");
        CasConflictException conflict = (CasConflictException) thrown;
        assertThat(conflict.getIdentifier()).isEqualTo(10L);
        assertThat(conflict.getConflicts())
                .extracting(Conflict::getIdentifier, Conflict::getReason, Conflict::getActualVersion)
                .containsExactly(Tuple.tuple(10L, ConflictReason.VERSION_CHANGED, 1),
                        Tuple.tuple(20L, ConflictReason.VERSION_CHANGED, 1));
        // the first batch (rows 1-50) ran, every one of its row counts was checked, then one diagnostic SELECT
        assertThat(h.jdbc().executeBatchCalls()).as(h.jdbc().toString()).isEqualTo(1);
        assertThat(h.jdbc().batchSizes()).containsExactly(50);
        assertThat(h.jdbc().executionCount(SqlKind.SELECT)).isEqualTo(1);
        assertThat(h.jdbc().executionCount()).isEqualTo(2);
        assertThat(db.queryForLong("select count(*) from account where version = 1")).isEqualTo(2);
        assertThat(db.queryForLong("select count(*) from account where owner in ('zoe', 'zed')")).isEqualTo(2);
    }

    /**
     * PostgreSQL only: its driver refuses a statement with more than 32,767 parameters, which the diagnostic read of
     * a 100,000-row flush exceeded when it bound every row in one {@code IN} list; the other databases have no such
     * limit, and loading 100,000 rows three times would add minutes to the build.
     */
    @AllDatabases(DatabaseKind.POSTGRESQL)
    void aFlushOfOneHundredThousandRowsIsDiagnosedInChunksOfOneThousand(TestDatabase db) {
        int rows = 100_000;
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Account.class)
                .setting("hibernate.jdbc.batch_size", 1000).build();
        h.sessionFactory().inStatelessTransaction(s -> {
            for (long id = 1; id <= rows; id++) {
                s.insert(new Account(id, new BigDecimal("10.00"), "o"));
            }
        });

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            List<Account> accounts = all(s);
            db.execute("update account set balance = 1 where id = 5");
            db.execute("delete from account where id = 99999");
            h.resetCounters();
            accounts.forEach(a -> a.setOwner("p"));
            s.flush();
        }));

        assertThat(thrown).isExactlyInstanceOf(FieldConflictException.class);
        CasConflictException conflict = (CasConflictException) thrown;
        assertThat(conflict.getConflicts()).extracting(Conflict::getIdentifier, Conflict::getReason)
                .containsExactly(Tuple.tuple(5L, ConflictReason.FIELD_CHANGED),
                        Tuple.tuple(99999L, ConflictReason.DELETED));
        assertThat(h.jdbc().executeBatchCalls()).isEqualTo(1);
        assertThat(h.jdbc().executionCount(SqlKind.SELECT)).as("diagnostic reads").isEqualTo(rows / 1000);
        assertThat(h.sql().selects()).allSatisfy(sql -> assertThat(sql).contains(" in (?"));
        assertThat(db.queryForLong("select count(*) from account where owner = 'p'")).isZero();
    }
}
