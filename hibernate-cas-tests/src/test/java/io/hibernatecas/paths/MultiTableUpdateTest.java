package io.hibernatecas.paths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.function.Consumer;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.FieldConflictException;
import io.hibernatecas.testing.ExactSql;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.SqlCapture;
import io.hibernatecas.testing.TestDatabase;

import org.hibernate.Session;

/**
 * An update that changes only a JOINED subclass table or a secondary table still checks the guards of the
 * identifier table: the coordinator makes Hibernate write that table too, with the guards in its WHERE clause.
 */
class MultiTableUpdateTest {

    private static HibernateFixture fixture(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db)
                .entities(Asset.class, Machine.class, Part.class, Gear.class, Memo.class).build();
        h.inTransaction(s -> {
            Machine machine = new Machine();
            machine.id = 1L;
            machine.status = "ok";
            machine.hours = 1;
            s.persist(machine);
            Gear gear = new Gear();
            gear.id = 1L;
            gear.status = "ok";
            gear.teeth = 12;
            s.persist(gear);
            Memo memo = new Memo();
            memo.id = 1L;
            memo.title = "t";
            memo.scribble = "s";
            s.persist(memo);
        });
        h.resetCounters();
        return h;
    }

    private static void assertGuarded(HibernateFixture h, TestDatabase db, Consumer<Session> change, String outOfBand,
            String guardedUpdate, String otherUpdate, String attribute) {
        h.inTransaction(change::accept);
        assertThat(h.sql().updates()).map(SqlCapture::normalize).contains(guardedUpdate);
        assertThat(h.sql().statements()).as(h.sql().toString()).map(SqlCapture::normalize)
                .anySatisfy(sql -> assertThat(sql).contains(otherUpdate));

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            change.accept(s);
            db.execute(outOfBand);
        }));
        assertThat(thrown).isExactlyInstanceOf(FieldConflictException.class);
        assertThat(((CasConflictException) thrown).getChangedAttributes()).containsExactly(attribute);
        h.resetCounters();
    }

    @AllDatabases
    void subclassOnlyChangeOfAnUnversionedJoinedEntityChecksTheRootGuard(TestDatabase db) {
        HibernateFixture h = fixture(db);
        assertGuarded(h, db, s -> s.find(Machine.class, 1L).hours++, "update asset set status = 'bad' where id = 1",
                "update asset set status=? where id=? and "
                        + ExactSql.text(db.kind(), "status"), "update machine set hours=? where id=?",
                "status");
        assertThat(db.queryForLong("select hours from machine where id = 1")).isEqualTo(2);
    }

    @AllDatabases
    void subclassOnlyChangeWithDynamicUpdateChecksTheRootGuard(TestDatabase db) {
        HibernateFixture h = fixture(db);
        assertGuarded(h, db, s -> s.find(Gear.class, 1L).teeth++, "update part set status = 'bad' where id = 1",
                "update part set status=? where id=? and "
                        + ExactSql.text(db.kind(), "status"), "update gear set teeth=? where id=?", "status");
        assertThat(db.queryForLong("select teeth from gear where id = 1")).isEqualTo(13);
    }

    @AllDatabases
    void secondaryTableOnlyChangeExcludedFromTheVersionChecksTheGuard(TestDatabase db) {
        HibernateFixture h = fixture(db);
        assertGuarded(h, db, s -> s.find(Memo.class, 1L).scribble += "!", "update memo set title = 'x' where id = 1",
                "update memo set title=?,version=? where id=? and "
                        + ExactSql.text(db.kind(), "title") + " and version=?",
                "memo_extra", "title");
        assertThat(db.queryForLong("select version from memo where id = 1")).isZero();
        assertThat(db.queryForLong("select count(*) from memo_extra where scribble = 's!'")).isEqualTo(1);
    }
}
