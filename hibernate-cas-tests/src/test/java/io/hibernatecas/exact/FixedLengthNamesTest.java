package io.hibernatecas.exact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.CasOperations;
import io.hibernatecas.FieldConflictException;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.DatabaseKind;
import io.hibernatecas.testing.ExactSql;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.SqlCapture;
import io.hibernatecas.testing.TestDatabase;

/**
 * A column the mapping declares {@code char(n)} is recognised by its table and column exactly as the statements name
 * them: with quoted names it still compares as the column pads, and a {@code varchar} column of the same name in a
 * table whose name differs only in case stays exact (it was taken for the {@code CHAR} one when names were compared
 * unquoted and lower-cased, and on MariaDB a concurrent {@code 'abc '} then matched {@code 'abc'} and was
 * overwritten).
 */
class FixedLengthNamesTest {

    private static final Map<DatabaseKind, String> CHAR_GUARD = Map.of(
            DatabaseKind.H2, "\"label\"=?",
            DatabaseKind.POSTGRESQL, "\"label\"=cast(? as varchar) collate \"c\"",
            DatabaseKind.MARIADB, "`label`=convert(? using utf8mb4) collate utf8mb4_bin");

    private static String quoted(DatabaseKind kind, String name) {
        return kind == DatabaseKind.MARIADB ? "`" + name + "`" : "\"" + name + "\"";
    }

    private static HibernateFixture fixture(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(PadRow.class, PadRowTwin.class).build();
        h.inTransaction(s -> {
            s.persist(new PadRow(1L, "abc"));
            s.persist(new PadRowTwin(1L, "abc"));
        });
        h.resetCounters();
        return h;
    }

    @AllDatabases
    void aQuotedCharColumnComparesAsItPads(TestDatabase db) {
        HibernateFixture h = fixture(db);

        h.inTransaction(s -> {
            PadRow row = new PadRow(2L, "xy ");
            s.persist(row);
            s.flush();
            row.note = "second write";
            s.flush();
            row.note = "third write";
        });

        assertThat(h.sql().updates()).hasSize(2);
        assertThat(SqlCapture.normalize(h.sql().updates().get(0)))
                .endsWith(" where id=? and " + CHAR_GUARD.get(db.kind()) + " and version=?");
        String table = quoted(db.kind(), "Pad_Row");
        assertThat(db.queryForLong("select count(*) from " + table + " where id = 2 and note = 'third write'"))
                .isEqualTo(1);

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            PadRow row = s.find(PadRow.class, 1L);
            db.execute("update " + table + " set " + quoted(db.kind(), "Label") + " = 'ABC' where id = 1");
            row.note = "stale";
        }));
        assertThat(thrown).isExactlyInstanceOf(FieldConflictException.class);
        assertThat(((CasConflictException) thrown).getChangedAttributes()).containsExactly("label");
        assertThat(db.queryForLong("select count(*) from " + table + " where note = 'stale'")).isZero();
    }

    @AllDatabases
    void aVarcharColumnNamedLikeACharOneInATableNamedAlikeStaysExact(TestDatabase db) {
        HibernateFixture h = fixture(db);

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            PadRowTwin twin = s.find(PadRowTwin.class, 1L);
            db.execute("update pad_row set label = 'abc ' where id = 1");
            h.resetCounters();
            twin.note = "mine";
        }));

        assertThat(h.sql().updates()).hasSize(1);
        assertThat(SqlCapture.normalize(h.sql().updates().get(0)))
                .startsWith("update pad_row set ")
                .endsWith(" where id=? and " + ExactSql.text(db.kind(), "label"));
        assertThat(thrown).isExactlyInstanceOf(FieldConflictException.class);
        assertThat(((CasConflictException) thrown).getChangedAttributes()).containsExactly("label");
        assertThat(db.queryForLong("select count(*) from pad_row where label = 'abc ' and note is null"))
                .isEqualTo(1);

        assertThat((boolean) h.fromTransaction(s -> CasOperations.compareAndSet(s, PadRowTwin.class, 1L, "label", "abc",
                "lost"))).isFalse();
        assertThat(db.queryForLong("select count(*) from pad_row where label = 'lost'")).isZero();
    }

    @AllDatabases
    void aCharColumnOfASchemaQualifiedTableComparesAsItPads(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(SchemaPad.class)
                .setting("hibernate.hbm2ddl.create_namespaces", true).build();
        h.inTransaction(s -> {
            SchemaPad row = new SchemaPad();
            row.id = 1L;
            row.label = "xy ";
            s.persist(row);
            s.flush();
            row.note = "second write";
            s.flush();
            row.note = "third write";
        });

        assertThat(h.sql().updates()).hasSize(2);
        assertThat(SqlCapture.normalize(h.sql().updates().get(0))).endsWith(" where id=? and "
                + CHAR_GUARD.get(db.kind()).replace(quoted(db.kind(), "label"), "label") + " and version=?");
        String table = db.kind() == DatabaseKind.MARIADB ? "schema_pad" : "cas_pad.schema_pad";
        assertThat(db.queryForLong("select count(*) from " + table + " where note = 'third write'")).isEqualTo(1);
    }
}
