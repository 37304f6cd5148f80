package io.hibernatecas.paths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.sql.Connection;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.ConflictReason;
import io.hibernatecas.core.Account;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.TestDatabase;

import org.hibernate.cfg.JdbcSettings;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/** A statement that matched no row whose row, read again, holds what was expected, is not called a version change. */
class ChangedBackTest {

    @AllDatabases
    void rowChangedAndChangedBackIsAConflictOfUnknownReasonNotAVersionChange(TestDatabase db) {
        // another transaction changes the version back between the failed UPDATE and the diagnostic read
        StatementInspector changeBack = sql -> {
            if (sql.startsWith("select id, version, balance from account where")) {
                db.execute("update account set version = 0 where id = 1");
            }
            return sql;
        };
        // READ COMMITTED: under REPEATABLE READ InnoDB keeps the lock of the row the failed UPDATE scanned, and the
        // other transaction could not change the row back before the diagnostic read
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Account.class)
                .isolation(Connection.TRANSACTION_READ_COMMITTED)
                .setting(JdbcSettings.STATEMENT_INSPECTOR, changeBack).build();
        h.inTransaction(s -> s.persist(new Account(1L, new BigDecimal("100.00"), "ann")));

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            Account account = s.find(Account.class, 1L);
            db.execute("update account set version = 5 where id = 1");
            account.setOwner("bob");
        }));

        assertThat(thrown).isExactlyInstanceOf(CasConflictException.class)
                .hasMessage("Concurrent update of [io.hibernatecas.core.Account#1]: the guarded statement matched no "
                        + "row (expected version 0); the row now holds the expected values (changed and changed "
                        + "back, or a driver that counts affected instead of matched rows)");
        CasConflictException conflict = (CasConflictException) thrown;
        assertThat(conflict.getReason()).isEqualTo(ConflictReason.UNKNOWN);
        assertThat(conflict.getExpectedVersion()).isEqualTo(0);
        assertThat(conflict.getActualVersion()).isEqualTo(0);
        assertThat(conflict.getChangedAttributes()).isEmpty();
        assertThat(db.queryForLong("select count(*) from account where owner = 'ann' and version = 0")).isEqualTo(1);
    }
}
