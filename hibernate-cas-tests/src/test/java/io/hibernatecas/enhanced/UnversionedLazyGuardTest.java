package io.hibernatecas.enhanced;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.CasOperations;
import io.hibernatecas.FieldConflictException;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.ExactSql;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.SqlCapture;
import io.hibernatecas.testing.TestDatabase;

import org.hibernate.engine.spi.PersistentAttributeInterceptable;
import org.junit.jupiter.api.Test;

/**
 * A lazy guard on an enhanced entity without a version: once read, a concurrent change of it fails the
 * {@code UPDATE}, the {@code DELETE} and {@code CasOperations.update}, and the row keeps the other transaction's
 * value (no version check could catch it instead).
 */
class UnversionedLazyGuardTest {

    private static HibernateFixture fixture(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Memo.class).build();
        h.inTransaction(s -> s.persist(new Memo(1L, "t", "body")));
        h.resetCounters();
        return h;
    }

    @Test
    void theEntityClassIsEnhanced() {
        assertThat(PersistentAttributeInterceptable.class).isAssignableFrom(Memo.class);
    }

    @AllDatabases
    void aReadLazyGuardFailsTheUpdateAndTheDelete(TestDatabase db) {
        HibernateFixture h = fixture(db);

        Throwable updated = catchThrowable(() -> h.inTransaction(s -> {
            Memo memo = s.find(Memo.class, 1L);
            assertThat(memo.getBody()).isEqualTo("body");
            db.execute("update memo set body = 'theirs' where id = 1");
            h.resetCounters();
            memo.setOwner("mine");
        }));
        assertThat(updated).isExactlyInstanceOf(FieldConflictException.class);
        assertThat(((CasConflictException) updated).getChangedAttributes()).containsExactly("body");
        assertThat(h.sql().updates()).hasSize(1);
        assertThat(SqlCapture.normalize(h.sql().updates().get(0))).endsWith(" where id=? and "
                + ExactSql.text(db.kind(), "body") + " and " + ExactSql.text(db.kind(), "title"));
        assertThat(db.queryForLong("select count(*) from memo where body = 'theirs' and owner is null")).isEqualTo(1);

        Throwable deleted = catchThrowable(() -> h.inTransaction(s -> {
            Memo memo = s.find(Memo.class, 1L);
            assertThat(memo.getBody()).isEqualTo("theirs");
            db.execute("update memo set body = 'again' where id = 1");
            h.resetCounters();
            s.remove(memo);
        }));
        assertThat(deleted).isExactlyInstanceOf(FieldConflictException.class);
        assertThat(SqlCapture.normalize(h.sql().deletes().get(0))).isEqualTo("delete from memo where id=? and "
                + ExactSql.text(db.kind(), "body") + " and " + ExactSql.text(db.kind(), "title"));
        assertThat(db.queryForLong("select count(*) from memo where body = 'again'")).isEqualTo(1);
    }

    @AllDatabases
    void casOperationsUpdateChecksAReadLazyGuard(TestDatabase db) {
        HibernateFixture h = fixture(db);

        boolean written = h.fromTransaction(s -> {
            Memo memo = s.find(Memo.class, 1L);
            assertThat(memo.getBody()).isEqualTo("body");
            db.execute("update memo set body = 'theirs' where id = 1");
            h.resetCounters();
            return CasOperations.update(s, memo, m -> m.setOwner("mine"));
        });

        assertThat(written).isFalse();
        assertThat(SqlCapture.normalize(h.sql().updates().get(0))).isEqualTo("update memo set owner=? where id=? "
                + "and owner is null and " + ExactSql.text(db.kind(), "body") + " and "
                + ExactSql.text(db.kind(), "title"));
        assertThat(db.queryForLong("select count(*) from memo where body = 'theirs' and owner is null")).isEqualTo(1);
    }
}
