package io.hibernatecas.exact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.CasOperations;
import io.hibernatecas.FieldConflictException;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.DatabaseKind;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.SqlCapture;
import io.hibernatecas.testing.TestDatabase;

/**
 * A guard on a {@code CHAR} column compares the way the column pads. H2 and PostgreSQL return a {@code CHAR} value
 * padded to the column's length and MariaDB drops the padding, so the value a transaction holds after writing
 * ({@code "xy "}, {@code "xy"}) is not the text it reads back; compared byte for byte, the next guarded write of
 * the same row in the same session would be refused although nobody else wrote. Case and other characters stay
 * exact. Declared by Hibernate's type ({@code code}) or by the DDL ({@code label}, {@code columnDefinition}).
 */
class FixedLengthTest {

    private static final Map<DatabaseKind, String> GUARDS = Map.of(
            DatabaseKind.H2, "code=? and label=?",
            DatabaseKind.POSTGRESQL, "code=cast(? as varchar) collate \"c\" and label=cast(? as varchar) collate \"c\"",
            DatabaseKind.MARIADB, "code=convert(? using utf8mb4) collate utf8mb4_bin "
                    + "and label=convert(? using utf8mb4) collate utf8mb4_bin");

    private static HibernateFixture fixture(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(FixedWidth.class).build();
        h.inTransaction(s -> s.persist(new FixedWidth(1L, "abc", "abc")));
        h.resetCounters();
        return h;
    }

    @AllDatabases
    void aValueReadBackWithPaddingIsTheOneHeld(TestDatabase db) {
        HibernateFixture h = fixture(db);

        h.inTransaction(s -> s.find(FixedWidth.class, 1L).note = "read back");

        assertThat(SqlCapture.normalize(h.sql().updates().get(0)))
                .endsWith(" where id=? and " + GUARDS.get(db.kind()) + " and version=?");
        assertThat(db.queryForLong("select count(*) from fixed_width where note = 'read back'")).isEqualTo(1);
    }

    @AllDatabases
    void aSecondWriteInTheSameSessionIsNotAFalseConflict(TestDatabase db) {
        HibernateFixture h = fixture(db);

        h.inTransaction(s -> {
            FixedWidth row = new FixedWidth(2L, "xy ", "xy");
            s.persist(row);
            s.flush();
            row.note = "second write";
            s.flush();
            row.code = "z";
            row.label = "z  ";
            s.flush();
            row.note = "third write";
        });

        assertThat(db.queryForLong("select count(*) from fixed_width where id = 2 and note = 'third write'"))
                .isEqualTo(1);
        assertThat(db.queryForLong("select version from fixed_width where id = 2")).isEqualTo(3);
    }

    @AllDatabases
    void aChangeOfCaseOrCharactersIsAConflict(TestDatabase db) {
        HibernateFixture h = fixture(db);

        for (String written : new String[] { "ABC", "abd", "abc d" }) {
            Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
                FixedWidth row = s.find(FixedWidth.class, 1L);
                db.execute("update fixed_width set code = ?, label = ? where id = 1", written, written);
                row.note = "stale";
            }));
            assertThat(thrown).as(written).isExactlyInstanceOf(FieldConflictException.class);
            assertThat(((CasConflictException) thrown).getChangedAttributes()).as(written)
                    .containsExactlyInAnyOrder("code", "label");
            assertThat(db.queryForLong("select count(*) from fixed_width where note = 'stale'")).isZero();
            db.execute("update fixed_width set code = 'abc', label = 'abc' where id = 1");
        }
    }

    @AllDatabases
    void compareAndSetComparesAsTheColumnPads(TestDatabase db) {
        HibernateFixture h = fixture(db);

        assertThat((boolean) h.fromTransaction(s -> CasOperations.compareAndSet(s, FixedWidth.class, 1L, "label", "ABC",
                "no"))).isFalse();
        assertThat((boolean) h.fromTransaction(s -> CasOperations.compareAndSet(s, FixedWidth.class, 1L, "label", "abc",
                "def"))).isTrue();
        assertThat((boolean) h.fromTransaction(s -> CasOperations.compareAndSet(s, FixedWidth.class, 1L, "code", "abc   ",
                "ghi"))).isTrue();
        assertThat(db.queryForLong("select count(*) from fixed_width where code = 'ghi' and label = 'def'"))
                .isEqualTo(1);
    }
}
