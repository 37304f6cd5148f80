package io.hibernatecas.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.util.List;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.Conflict;
import io.hibernatecas.ConflictReason;
import io.hibernatecas.FieldConflictException;
import io.hibernatecas.testing.AllDatabases;
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
}
