package io.hibernatecas.exact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.CasOperations;
import io.hibernatecas.CasStaleObjectStateException;
import io.hibernatecas.FieldConflictException;
import io.hibernatecas.VersionConflictException;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.SqlCapture;
import io.hibernatecas.testing.TestDatabase;

/**
 * {@code CHAR} columns on other paths: a {@code StatelessSession} that updates a row twice (the snapshot of the
 * first update holds the value unpadded), and a conflict on a row whose identifier is a {@code CHAR} that the
 * database reads back padded (it is a version conflict on an existing row, not a deleted one); a merge of a
 * detached instance holding the value as persisted, {@code CasOperations.update}, a {@code JOINED} root column,
 * {@code compareAndSet} with an expected value padded otherwise, and {@code findOrCreate} on a unique
 * {@code char(8)} key.
 */
class FixedLengthPathsTest {

    @AllDatabases
    void aStatelessSessionUpdatesAPaddedRowTwiceAndDetectsACaseChange(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(FixedWidth.class).build();
        h.inTransaction(s -> s.persist(new FixedWidth(1L, "abc", "abc")));
        h.resetCounters();

        h.sessionFactory().inStatelessTransaction(s -> {
            FixedWidth row = s.get(FixedWidth.class, 1L);
            row.code = "xy ";
            row.label = "xy";
            s.update(row);
            row.note = "second";
            s.update(row);
        });
        assertThat(h.sql().updates()).hasSize(2);
        assertThat(db.queryForLong("select count(*) from fixed_width where note = 'second' and version = 2"))
                .isEqualTo(1);

        Throwable thrown = catchThrowable(() -> h.sessionFactory().inStatelessTransaction(s -> {
            FixedWidth row = s.get(FixedWidth.class, 1L);
            db.execute("update fixed_width set label = 'XY' where id = 1");
            row.note = "stale";
            s.update(row);
        }));
        assertThat(thrown).isInstanceOf(CasStaleObjectStateException.class);
        assertThat(((CasStaleObjectStateException) thrown).getConflictException().getChangedAttributes())
                .containsExactly("label");
        assertThat(db.queryForLong("select count(*) from fixed_width where note = 'stale'")).isZero();
    }

    @AllDatabases
    void aConflictOnARowWithAPaddedCharIdentifierIsAVersionConflict(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(PaddedKey.class).build();
        h.inTransaction(s -> s.persist(new PaddedKey("ab", "ann")));
        h.resetCounters();

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            PaddedKey row = s.find(PaddedKey.class, "ab");
            db.execute("update padded_key set version = version + 1 where code = 'ab'");
            row.name = "bob";
        }));

        assertThat(SqlCapture.normalize(h.sql().updates().get(0))).startsWith("update padded_key set name=?,version=? "
                + "where code=? and ");
        assertThat(thrown).isExactlyInstanceOf(VersionConflictException.class);
        assertThat(((CasConflictException) thrown).getChangedAttributes()).isEmpty();
        assertThat(db.queryForLong("select count(*) from padded_key where name = 'ann' and version = 1")).isEqualTo(1);
    }

    @AllDatabases
    void mergeCasOperationsUpdateAndAJoinedRootColumnCompareAsTheColumnPads(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(FixedWidth.class, PaddedAsset.class,
                PaddedTruck.class).build();
        FixedWidth detached = new FixedWidth(1L, "ab", "ab");
        h.inTransaction(s -> s.persist(detached));
        PaddedTruck truck = new PaddedTruck();
        truck.id = 1L;
        truck.tag = "t1";
        h.inTransaction(s -> s.persist(truck));
        h.resetCounters();

        // the detached instance holds "ab" as persisted; the row reads back padded on H2 and PostgreSQL
        detached.note = "merged";
        h.inTransaction(s -> s.merge(detached));
        assertThat(db.queryForLong("select count(*) from fixed_width where note = 'merged' and version = 1"))
                .isEqualTo(1);

        boolean written = h.fromTransaction(s -> CasOperations.update(s, s.find(FixedWidth.class, 1L),
                row -> row.code = "cd"));
        assertThat(written).isTrue();
        boolean stale = h.fromTransaction(s -> {
            FixedWidth row = s.find(FixedWidth.class, 1L);
            db.execute("update fixed_width set label = 'AB' where id = 1");
            return CasOperations.update(s, row, r -> r.note = "lost");
        });
        assertThat(stale).isFalse();
        assertThat(db.queryForLong("select count(*) from fixed_width where note = 'merged' and code = 'cd'"))
                .isEqualTo(1);

        h.resetCounters();
        h.inTransaction(s -> s.find(PaddedTruck.class, 1L).driver = "ann");
        assertThat(SqlCapture.normalize(h.sql().updates().get(0))).startsWith("update padded_asset set ");
        assertThat(db.queryForLong("select count(*) from padded_truck where driver = 'ann'")).isEqualTo(1);
        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            PaddedTruck row = s.find(PaddedTruck.class, 1L);
            db.execute("update padded_asset set tag = 'T1' where id = 1");
            row.driver = "bob";
        }));
        assertThat(thrown).isExactlyInstanceOf(FieldConflictException.class);
        assertThat(db.queryForLong("select count(*) from padded_truck where driver = 'ann'")).isEqualTo(1);
    }

    @AllDatabases
    void compareAndSetAndFindOrCreateOnDeclaredCharColumns(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(FixedWidth.class, PaddedTag.class).build();
        h.inTransaction(s -> s.persist(new FixedWidth(1L, "abc", "abc")));

        assertThat((boolean) h.fromTransaction(s -> CasOperations.compareAndSet(s, FixedWidth.class, 1L, "label",
                "abc  ", "def"))).isTrue();
        assertThat((boolean) h.fromTransaction(s -> CasOperations.compareAndSet(s, FixedWidth.class, 1L, "label",
                "DEF", "lost"))).isFalse();
        assertThat(db.queryForLong("select count(*) from fixed_width where label = 'def'")).isEqualTo(1);

        Long first = h.fromTransaction(s -> CasOperations.findOrCreate(s, PaddedTag.class, "name", "java", () -> {
            PaddedTag tag = new PaddedTag();
            tag.id = 7L;
            return tag;
        }).id);
        h.resetCounters();
        Long again = h.fromTransaction(s -> CasOperations.findOrCreate(s, PaddedTag.class, "name", "java", () -> {
            PaddedTag tag = new PaddedTag();
            tag.id = 8L;
            return tag;
        }).id);
        assertThat(again).isEqualTo(first).isEqualTo(7L);
        assertThat(h.sql().inserts()).isEmpty();
        assertThat(db.queryForLong("select count(*) from padded_tag")).isEqualTo(1);
    }
}
