package io.hibernatecas.core.inheritance;

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

/** A guard declared on the root of each inheritance strategy protects updates and deletes of a subclass instance. */
class InheritanceTest {

    private static HibernateFixture fixture(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db)
                .entities(Vehicle.class, Car.class, Animal.class, Dog.class, Shape.class, Circle.class).build();
        h.inTransaction(s -> {
            Car car = new Car();
            car.id = 1L;
            car.plate = "AB-1";
            s.persist(car);
            Dog dog = new Dog();
            dog.id = 1L;
            dog.name = "rex";
            s.persist(dog);
            Circle circle = new Circle();
            circle.id = 1L;
            circle.label = "c";
            s.persist(circle);
        });
        h.sql().clear();
        return h;
    }

    private static void assertGuarded(HibernateFixture h, TestDatabase db, String outOfBand,
            Consumer<Session> change, String expectedUpdate, String attribute) {
        h.sql().clear();
        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            change.accept(s);
            db.execute(outOfBand);
        }));
        assertThat(thrown).isExactlyInstanceOf(FieldConflictException.class);
        assertThat(((CasConflictException) thrown).getChangedAttributes()).containsExactly(attribute);
        assertThat(h.sql().updates()).anySatisfy(sql -> assertThat(SqlCapture.normalize(sql)).isEqualTo(expectedUpdate));
    }

    @AllDatabases
    void singleTableSubclassUpdateIsGuarded(TestDatabase db) {
        HibernateFixture h = fixture(db);
        assertGuarded(h, db, "update vehicle set plate = 'XY-9' where id = 1",
                s -> s.find(Car.class, 1L).seats = 5,
                "update vehicle set color=?,plate=?,version=?,seats=? where id=? and " + ExactSql.text(db.kind(), "plate")
                        + " and version=?", "plate");
    }

    @AllDatabases
    void joinedSubclassUpdateIsGuardedInTheRootTable(TestDatabase db) {
        HibernateFixture h = fixture(db);
        assertGuarded(h, db, "update animal set name = 'max' where id = 1",
                s -> s.find(Dog.class, 1L).breed = "collie",
                "update animal set color=?,name=?,version=? where id=? and " + ExactSql.text(db.kind(), "name")
                        + " and version=?", "name");
        assertThat(db.queryForLong("select count(*) from dog where breed is null")).isEqualTo(1);
    }

    @AllDatabases
    void tablePerClassSubclassUpdateIsGuarded(TestDatabase db) {
        HibernateFixture h = fixture(db);
        assertGuarded(h, db, "update circle set label = 'd' where id = 1",
                s -> s.find(Circle.class, 1L).radius = 3,
                "update circle set color=?,label=?,version=?,radius=? where id=? and " + ExactSql.text(db.kind(), "label")
                        + " and version=?", "label");
    }

    @AllDatabases
    void deletesOfSubclassInstancesAreGuarded(TestDatabase db) {
        HibernateFixture h = fixture(db);
        String[][] cases = {
                {"Car", "update vehicle set plate = 'Z' where id = 1", "delete from vehicle where id=? and version=? and " + ExactSql.text(db.kind(), "plate")},
                {"Dog", "update animal set name = 'Z' where id = 1", "delete from animal where id=? and version=? and " + ExactSql.text(db.kind(), "name")},
                {"Circle", "update circle set label = 'Z' where id = 1", "delete from circle where id=? and version=? and " + ExactSql.text(db.kind(), "label")}};
        for (String[] c : cases) {
            Class<?> type = switch (c[0]) {
                case "Car" -> Car.class;
                case "Dog" -> Dog.class;
                default -> Circle.class;
            };
            h.sql().clear();
            Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
                Object entity = s.find(type, 1L);
                db.execute(c[1]);
                s.remove(entity);
            }));
            assertThat(thrown).as(c[0]).isExactlyInstanceOf(FieldConflictException.class);
            assertThat(h.sql().deletes()).as(c[0]).anySatisfy(sql -> assertThat(SqlCapture.normalize(sql)).isEqualTo(c[2]));
        }
        assertThat(db.queryForLong("select count(*) from dog")).isEqualTo(1);
        assertThat(db.queryForLong("select count(*) from animal")).isEqualTo(1);
    }
}
