package io.hibernatecas.toolkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.atomic.AtomicInteger;

import io.hibernatecas.CasOperations;
import io.hibernatecas.CasRetry;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.SqlCapture;
import io.hibernatecas.testing.TestDatabase;

import org.hibernate.exception.ConstraintViolationException;

/**
 * {@code findOrCreate} whose new row collides on another unique key than the one it looks up by: a constraint
 * violation that names the constraint, on every database, and never retried (MariaDB's
 * {@code on duplicate key update} swallows such a collision, so the row is inserted once more, plainly, inside a
 * savepoint, to let the database name the constraint).
 */
class FindOrCreateOtherKeyTest {

    @AllDatabases
    void collisionOnAnotherUniqueKeyIsAConstraintViolationNamingIt(TestDatabase db) {
        HibernateFixture h = fixture(db);
        h.inTransaction(s -> s.persist(new Member(1L, "a@example.org", "ann")));
        h.resetCounters();

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> CasOperations.findOrCreate(s, Member.class,
                "email", "b@example.org", () -> new Member(2L, null, "ann"))));

        assertThat(thrown).isInstanceOf(ConstraintViolationException.class);
        ConstraintViolationException violation = (ConstraintViolationException) thrown;
        assertThat(violation.getKind()).isEqualTo(ConstraintViolationException.ConstraintKind.UNIQUE);
        assertThat(violation.getConstraintName()).containsIgnoringCase("uk_member_handle");
        assertThat(h.<Long>fromTransaction(s -> s.createQuery("select count(m) from Member m", Long.class)
                .getSingleResult())).isEqualTo(1L);
        if (db.name().equals("MariaDB")) {
            assertThat(h.sql().inserts().stream().map(SqlCapture::normalize)).containsExactly(
                    "insert into toolkit_member (id,email,handle,version) values (?,?,?,?) "
                            + "on duplicate key update email=email",
                    "insert into toolkit_member (id,email,handle,version) values (?,?,?,?)");
        }
    }

    @AllDatabases
    void collisionOnTheIdentifierIsAConstraintViolationToo(TestDatabase db) {
        HibernateFixture h = fixture(db);
        h.inTransaction(s -> s.persist(new Member(1L, "a@example.org", "ann")));

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> CasOperations.findOrCreate(s, Member.class,
                "email", "b@example.org", () -> new Member(1L, null, "bob"))));

        assertThat(thrown).isInstanceOf(ConstraintViolationException.class);
        assertThat(((ConstraintViolationException) thrown).getKind())
                .isEqualTo(ConstraintViolationException.ConstraintKind.UNIQUE);
    }

    @AllDatabases
    void casRetryDoesNotRetryTheViolation(TestDatabase db) {
        HibernateFixture h = fixture(db);
        h.inTransaction(s -> s.persist(new Member(1L, "a@example.org", "ann")));
        AtomicInteger attempts = new AtomicInteger();

        Throwable thrown = catchThrowable(() -> CasRetry.of(h.sessionFactory()).maxRetries(3).inTransaction(em -> {
            attempts.incrementAndGet();
            CasOperations.findOrCreate(em, Member.class, "email", "b@example.org", () -> new Member(2L, null, "ann"));
        }));

        assertThat(thrown).isInstanceOf(ConstraintViolationException.class);
        assertThat(attempts).hasValue(1);
    }

    @AllDatabases
    void theSameKeyStillReturnsTheExistingRow(TestDatabase db) {
        HibernateFixture h = fixture(db);
        h.inTransaction(s -> s.persist(new Member(1L, "a@example.org", "ann")));

        Member found = h.fromTransaction(s -> CasOperations.findOrCreate(s, Member.class, "email", "a@example.org",
                () -> new Member(2L, null, "ann")));

        assertThat(found.getId()).isEqualTo(1L);
    }

    private static HibernateFixture fixture(TestDatabase db) {
        return HibernateTestFactory.forDatabase(db).entities(Member.class).build();
    }
}
