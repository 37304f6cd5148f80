package io.hibernatecas.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.util.List;

import io.hibernatecas.UnverifiableUpdateException;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.DatabaseKind;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.TestDatabase;

/**
 * MariaDB Connector/J with {@code useBulkStmts=true} answers a batch of updates with {@code SUCCESS_NO_INFO} (-2) for
 * every row: Hibernate accepts that, and a stale row is silently not updated. Only MariaDB has such a mode, so only
 * MariaDB runs this test.
 */
class UnverifiableUpdatesTest {

    private static HibernateFixture bulk(TestDatabase db, String policy) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Account.class)
                .urlParameters("useBulkStmts=true")
                .setting("hibernate.jdbc.batch_size", 50)
                .setting("hibernate.cas.unverifiable_updates", policy)
                .build();
        h.inTransaction(s -> {
            for (long id = 1; id <= 50; id++) {
                s.persist(new Account(id, new BigDecimal("10.00"), "owner"));
            }
        });
        return h;
    }

    private static void updateAllWithOneStaleRow(HibernateFixture h, TestDatabase db) {
        h.inTransaction(s -> {
            List<Account> accounts = s.createSelectionQuery("from Account", Account.class).getResultList();
            db.execute("update account set balance = 1 where id = 25");
            accounts.forEach(a -> a.setOwner("changed"));
        });
    }

    @AllDatabases(DatabaseKind.MARIADB)
    void bulkModeAnswerFailsTheFlushNamingTheDriverSetting(TestDatabase db) {
        HibernateFixture h = bulk(db, "fail");

        Throwable thrown = catchThrowable(() -> updateAllWithOneStaleRow(h, db));

        assertThat(thrown).isExactlyInstanceOf(UnverifiableUpdateException.class).hasMessage("The JDBC driver "
                + "answered SUCCESS_NO_INFO (-2) for a guarded UPDATE of io.hibernatecas.core.Account in a batch, so a "
                + "concurrent change could pass unseen; turn off the driver's bulk mode (MariaDB/MySQL: "
                + "useBulkStmts=false, rewriteBatchedStatements=false) or set hibernate.cas.unverifiable_updates=warn "
                + "to accept unverified updates");
        assertThat(db.queryForLong("select count(*) from account where owner = 'changed'")).isZero();
    }

    @AllDatabases(DatabaseKind.MARIADB)
    void aConnectionThatCountsAffectedRowsIsRefusedAtTheFirstGuardedWrite(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Account.class)
                .urlParameters("useAffectedRows=true").build();
        h.inTransaction(s -> s.persist(new Account(1L, new BigDecimal("10.00"), "owner")));

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> s.find(Account.class, 1L).setOwner("x")));

        assertThat(thrown).isExactlyInstanceOf(UnverifiableUpdateException.class).hasMessage("The JDBC connection "
                + "counts affected instead of matched rows (useAffectedRows=true), so a guarded UPDATE of "
                + "io.hibernatecas.core.Account that writes unchanged values would look like a conflict and a conflict "
                + "could not be told from it; remove useAffectedRows=true from the JDBC URL or set "
                + "hibernate.cas.unverifiable_updates=warn");
        assertThat(db.queryForLong("select count(*) from account where owner = 'x'")).isZero();
    }

    @AllDatabases(DatabaseKind.MARIADB)
    void withWarnTheUpdatesCommitAndTheStaleRowIsLostAsTheDriverHidesIt(TestDatabase db) {
        HibernateFixture h = bulk(db, "warn");

        updateAllWithOneStaleRow(h, db);

        assertThat(db.queryForLong("select count(*) from account where owner = 'changed'")).isEqualTo(49);
        assertThat(db.queryForLong("select owner = 'owner' from account where id = 25")).isEqualTo(1);
    }
}
