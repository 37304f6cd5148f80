package io.hibernatecas.exact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.FieldConflictException;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.DatabaseKind;
import io.hibernatecas.testing.ExactSql;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.SqlCapture;
import io.hibernatecas.testing.TestDatabase;

import org.hibernate.boot.model.naming.PhysicalNamingStrategySnakeCaseImpl;

/**
 * {@code CHAR} columns declared in DDL where the name the statements use is not the attribute's: an embeddable's
 * column and an {@code nchar} column under a snake-case physical naming strategy, on an entity without a version
 * (the guards alone protect it). A second write in the same session is not a false conflict; a concurrent change of
 * case is, and nothing is overwritten. A {@code CHAR} type in a column declared {@code varchar} is compared as a
 * {@code varchar} (on MariaDB it was compared as a {@code CHAR}, so a concurrent trailing space was overwritten).
 */
class FixedLengthMappingsTest {

    private static String padded(DatabaseKind kind, String column) {
        return switch (kind) {
            case H2 -> column + "=?";
            case POSTGRESQL -> column + "=cast(? as varchar) collate \"c\"";
            case MARIADB -> column + "=convert(? using utf8mb4) collate utf8mb4_bin";
        };
    }

    @AllDatabases
    void embeddedAndNationalCharColumnsUnderANamingStrategyCompareAsTheyPad(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(PaddedParcel.class)
                .settings(Map.of("hibernate.physical_naming_strategy",
                        PhysicalNamingStrategySnakeCaseImpl.class.getName()))
                .build();
        h.inTransaction(s -> {
            PaddedParcel parcel = new PaddedParcel();
            parcel.id = 1L;
            parcel.binCode = "ab ";
            parcel.box.shelfCode = "cd";
            parcel.box.owner = "ann";
            s.persist(parcel);
            s.flush();
            parcel.note = "second write";
            s.flush();
            parcel.note = "third write";
        });

        assertThat(h.sql().updates()).hasSize(2);
        assertThat(SqlCapture.normalize(h.sql().updates().get(0)))
                .contains(" where id=? and ", padded(db.kind(), "bin_code"), padded(db.kind(), "shelf_code"),
                        ExactSql.text(db.kind(), "owner"));
        assertThat(db.queryForLong("select count(*) from padded_parcel where note = 'third write'")).isEqualTo(1);

        for (String column : new String[] { "bin_code", "shelf_code" }) {
            Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
                PaddedParcel parcel = s.find(PaddedParcel.class, 1L);
                db.execute("update padded_parcel set " + column + " = 'XY' where id = 1");
                parcel.note = "stale";
            }));
            assertThat(thrown).as(column).isExactlyInstanceOf(FieldConflictException.class);
            assertThat(((CasConflictException) thrown).getChangedAttributes()).as(column)
                    .containsExactly(column.equals("bin_code") ? "binCode" : "box");
            assertThat(db.queryForLong("select count(*) from padded_parcel where note = 'stale'")).isZero();
            db.execute("update padded_parcel set bin_code = 'ab', shelf_code = 'cd' where id = 1");
        }
    }

    @AllDatabases
    void aCharTypeInAColumnDeclaredVarcharComparesAsAVarchar(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(VaryingCode.class).build();
        h.inTransaction(s -> s.persist(new VaryingCode(1L, "abc")));
        h.resetCounters();

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            VaryingCode row = s.find(VaryingCode.class, 1L);
            db.execute("update varying_code set code = 'abc ' where id = 1");
            row.note = "mine";
        }));

        assertThat(h.sql().updates()).hasSize(1);
        assertThat(SqlCapture.normalize(h.sql().updates().get(0)))
                .endsWith(" where id=? and " + ExactSql.text(db.kind(), "code") + " and version=?");
        assertThat(thrown).isExactlyInstanceOf(FieldConflictException.class);
        assertThat(((CasConflictException) thrown).getChangedAttributes()).containsExactly("code");
        assertThat(db.queryForLong("select count(*) from varying_code where note is null")).isEqualTo(1);
    }
}
