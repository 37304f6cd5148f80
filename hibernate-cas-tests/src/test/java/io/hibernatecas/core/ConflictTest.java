package io.hibernatecas.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.ConflictReason;
import io.hibernatecas.EntityDeletedException;
import io.hibernatecas.FieldConflictException;
import io.hibernatecas.VersionConflictException;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.Concurrently;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.SqlCapture;
import io.hibernatecas.testing.TestDatabase;

/**
 * A second transaction commits between the first one's read and its write; the first one's flush must fail with
 * the typed conflict, its getters and message, and exactly one diagnostic statement.
 */
class ConflictTest {

    private static HibernateFixture accounts(TestDatabase db, Object... settings) {
        var builder = HibernateTestFactory.forDatabase(db).entities(Account.class, Ledger.class);
        for (int i = 0; i < settings.length; i += 2) {
            builder.setting((String) settings[i], settings[i + 1]);
        }
        HibernateFixture h = builder.build();
        h.inTransaction(s -> {
            s.persist(new Account(1L, new BigDecimal("100.00"), "ann"));
            s.persist(new Ledger(7L, "open"));
        });
        h.sql().clear();
        return h;
    }

    @AllDatabases
    void updateCarriesGuardAndVersionInOneStatementAndNothingElse(TestDatabase db) {
        HibernateFixture h = accounts(db);

        h.inTransaction(s -> s.find(Account.class, 1L).setOwner("bob"));

        assertThat(h.sql().statements()).hasSize(2);
        assertThat(SqlCapture.normalize(h.sql().updates().get(0)))
                .isEqualTo("update account set balance=?,owner=?,version=? where id=? and balance=? and version=?");
        assertThat(db.queryForLong("select version from account where id = 1")).isEqualTo(1);
    }

    @AllDatabases
    void concurrentVersionChangeThrowsVersionConflict(TestDatabase db) {
        HibernateFixture h = accounts(db);

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            Account account = s.find(Account.class, 1L);
            Concurrently.inTransaction(h.sessionFactory(), other -> other.find(Account.class, 1L).setOwner("zoe"));
            h.sql().clear();
            account.setOwner("bob");
            s.flush();
        }));

        assertThat(thrown).isExactlyInstanceOf(VersionConflictException.class);
        VersionConflictException conflict = (VersionConflictException) thrown;
        assertThat(conflict.getEntityName()).isEqualTo(Account.class.getName());
        assertThat(conflict.getIdentifier()).isEqualTo(1L);
        assertThat(conflict.getEntity()).isInstanceOf(Account.class);
        assertThat(conflict.getReason()).isEqualTo(ConflictReason.VERSION_CHANGED);
        assertThat(conflict.getExpectedVersion()).isEqualTo(0);
        assertThat(conflict.getActualVersion()).isEqualTo(1);
        assertThat(conflict.getChangedAttributes()).isEmpty();
        assertThat(conflict.getExpectedValue("balance")).isEqualTo(new BigDecimal("100.00"));
        assertThat(conflict.getHttpStatus()).isEqualTo(409);
        assertThat(conflict.getConflicts()).hasSize(1);
        assertThat(conflict).hasMessage("Concurrent update of [io.hibernatecas.core.Account#1]: expected version 0 "
                + "but the database has version 1");
        // the failed UPDATE, then exactly one diagnostic SELECT
        assertThat(h.sql().statements()).hasSize(2);
        assertThat(SqlCapture.normalize(h.sql().statements().get(1)))
                .startsWith("select id, version, balance from account where id in (?)");
        assertThat(db.queryForLong("select version from account where id = 1")).isEqualTo(1);
    }

    @AllDatabases
    void casChangeByPlainSqlWithoutVersionBumpThrowsFieldConflict(TestDatabase db) {
        HibernateFixture h = accounts(db);

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            Account account = s.find(Account.class, 1L);
            db.execute("update account set balance = 90 where id = 1");
            account.setOwner("bob");
            s.flush();
        }));

        assertThat(thrown).isExactlyInstanceOf(FieldConflictException.class);
        FieldConflictException conflict = (FieldConflictException) thrown;
        assertThat(conflict.getReason()).isEqualTo(ConflictReason.FIELD_CHANGED);
        assertThat(conflict.getExpectedVersion()).isEqualTo(0);
        assertThat(conflict.getActualVersion()).isEqualTo(0);
        assertThat(conflict.getChangedAttributes()).containsExactly("balance");
        assertThat(conflict.getExpectedValue("balance")).isEqualTo(new BigDecimal("100.00"));
        assertThat((BigDecimal) conflict.getActualValue("balance")).isEqualByComparingTo("90");
        assertThat(conflict.getHttpStatus()).isEqualTo(409);
        assertThat(conflict).hasMessage("Concurrent update of [io.hibernatecas.core.Account#1]: @Cas attribute "
                + "'balance' was changed by another transaction");
        assertThat(conflict.getMessage()).doesNotContain("100").doesNotContain("90");
        assertThat(db.queryForLong("select balance from account where id = 1")).isEqualTo(90);
        assertThat(db.queryForLong("select version from account where id = 1")).isZero();
    }

    @AllDatabases
    void fieldValuesAppearInTheMessageOnlyWhenEnabled(TestDatabase db) {
        HibernateFixture h = accounts(db, "hibernate.cas.messages.include_values", "true");

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            Ledger ledger = s.find(Ledger.class, 7L);
            db.execute("update ledger set status = 'closed' where id = 7");
            ledger.setMemo("late");
        }));

        assertThat(thrown).isExactlyInstanceOf(FieldConflictException.class)
                .hasMessage("Concurrent update of [io.hibernatecas.core.Ledger#7]: @Cas attribute 'status' "
                        + "(expected 'open' but the database has 'closed') was changed by another transaction");
    }

    @AllDatabases
    void rowDeletedByAnotherTransactionThrowsEntityDeleted(TestDatabase db) {
        HibernateFixture h = accounts(db);

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            Account account = s.find(Account.class, 1L);
            Concurrently.inTransaction(h.sessionFactory(), other -> other.remove(other.find(Account.class, 1L)));
            account.setOwner("bob");
            s.flush();
        }));

        assertThat(thrown).isExactlyInstanceOf(EntityDeletedException.class)
                .hasMessage("[io.hibernatecas.core.Account#1] was deleted by another transaction (expected version 0)");
        EntityDeletedException deleted = (EntityDeletedException) thrown;
        assertThat(deleted.getReason()).isEqualTo(ConflictReason.DELETED);
        assertThat(deleted.getHttpStatus()).isEqualTo(404);
        assertThat(deleted.getActualVersion()).isNull();
    }

    @AllDatabases
    void unversionedRowDeletedByAnotherTransactionHasNoVersionInTheMessage(TestDatabase db) {
        HibernateFixture h = accounts(db);

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            Ledger ledger = s.find(Ledger.class, 7L);
            db.execute("delete from ledger where id = 7");
            ledger.setMemo("late");
        }));

        assertThat(thrown).isExactlyInstanceOf(EntityDeletedException.class)
                .hasMessage("[io.hibernatecas.core.Ledger#7] was deleted by another transaction");
    }

    @AllDatabases
    void deleteOfAChangedRowThrowsTheConflict(TestDatabase db) {
        HibernateFixture h = accounts(db);

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            Account account = s.find(Account.class, 1L);
            db.execute("update account set balance = 1 where id = 1");
            h.sql().clear();
            s.remove(account);
            s.flush();
        }));

        assertThat(thrown).isExactlyInstanceOf(FieldConflictException.class);
        assertThat(SqlCapture.normalize(h.sql().deletes().get(0)))
                .isEqualTo("delete from account where id=? and version=? and balance=?");
        assertThat(db.queryForLong("select count(*) from account")).isEqualTo(1);
    }

    @AllDatabases
    void deleteRaceWithAnotherDeleteReportsDeleted(TestDatabase db) {
        HibernateFixture h = accounts(db);

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            Account account = s.find(Account.class, 1L);
            Concurrently.inTransaction(h.sessionFactory(), other -> other.remove(other.find(Account.class, 1L)));
            s.remove(account);
            s.flush();
        }));

        assertThat(thrown).isExactlyInstanceOf(EntityDeletedException.class);
        assertThat(((CasConflictException) thrown).getHttpStatus()).isEqualTo(404);
    }

    @AllDatabases
    void nullLoadedValueIsCheckedWithIsNull(TestDatabase db) {
        HibernateFixture h = accounts(db);
        h.inTransaction(s -> s.persist(new Account(2L, null, "nil")));
        h.sql().clear();

        h.inTransaction(s -> s.find(Account.class, 2L).setOwner("still nil"));
        assertThat(SqlCapture.normalize(h.sql().updates().get(0)))
                .isEqualTo("update account set balance=?,owner=?,version=? where id=? and balance is null and version=?");

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            Account account = s.find(Account.class, 2L);
            db.execute("update account set balance = 5 where id = 2");
            account.setOwner("bob");
        }));
        assertThat(thrown).isExactlyInstanceOf(FieldConflictException.class);
        FieldConflictException conflict = (FieldConflictException) thrown;
        assertThat(conflict.getExpectedValue("balance")).isNull();
        assertThat((BigDecimal) conflict.getActualValue("balance")).isEqualByComparingTo("5");
    }

    @AllDatabases
    void valueChangedToNullByAnotherTransactionIsAConflict(TestDatabase db) {
        HibernateFixture h = accounts(db);

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            Account account = s.find(Account.class, 1L);
            db.execute("update account set balance = null where id = 1");
            account.setOwner("bob");
        }));

        assertThat(thrown).isExactlyInstanceOf(FieldConflictException.class);
        FieldConflictException conflict = (FieldConflictException) thrown;
        assertThat(conflict.getChangedAttributes()).containsExactly("balance");
        assertThat(conflict.getActualValue("balance")).isNull();
    }

    @AllDatabases
    void withoutDiagnosisTheConflictIsStillTypedAndNoStatementIsAdded(TestDatabase db) {
        HibernateFixture h = accounts(db, "hibernate.cas.diagnose", "false");

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            Account account = s.find(Account.class, 1L);
            db.execute("update account set version = 5 where id = 1");
            h.sql().clear();
            account.setOwner("bob");
            s.flush();
        }));

        assertThat(thrown).isExactlyInstanceOf(VersionConflictException.class)
                .hasMessage("Concurrent update of [io.hibernatecas.core.Account#1]: the guarded statement matched "
                        + "no row (expected version 0); the reason was not diagnosed (hibernate.cas.diagnose=false)");
        CasConflictException conflict = (CasConflictException) thrown;
        assertThat(conflict.getReason()).isEqualTo(ConflictReason.UNKNOWN);
        assertThat(conflict.getEntity()).isInstanceOf(Account.class);
        assertThat(conflict.getIdentifier()).isEqualTo(1L);
        assertThat(conflict.getExpectedVersion()).isEqualTo(0);
        assertThat(conflict.getActualVersion()).isNull();
        assertThat(h.sql().statements()).hasSize(1);
    }

    @AllDatabases
    void unversionedEntityWithoutDiagnosisThrowsFieldConflict(TestDatabase db) {
        HibernateFixture h = accounts(db, "hibernate.cas.diagnose", "false");

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            Ledger ledger = s.find(Ledger.class, 7L);
            db.execute("update ledger set status = 'x' where id = 7");
            ledger.setMemo("m");
        }));

        assertThat(thrown).isExactlyInstanceOf(FieldConflictException.class)
                .hasMessage("Concurrent update of [io.hibernatecas.core.Ledger#7]: the guarded statement matched "
                        + "no row; the reason was not diagnosed (hibernate.cas.diagnose=false)");
    }
}
