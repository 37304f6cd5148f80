package io.hibernatecas.enhanced;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.CasOperations;
import io.hibernatecas.FieldConflictException;
import io.hibernatecas.testing.ExactSql;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.SqlCapture;
import io.hibernatecas.testing.TestDatabase;

import org.hibernate.Hibernate;
import org.hibernate.engine.spi.ManagedEntity;
import org.hibernate.engine.spi.PersistentAttributeInterceptable;
import org.hibernate.engine.spi.SelfDirtinessTracker;
import org.junit.jupiter.api.Test;

/**
 * Bytecode-enhanced entities (enhanced by the build, {@code EnhanceTestClasses}). A lazy guard is checked once this
 * transaction has read it; one it never fetched is not in the statement: the transaction never saw the column and
 * Hibernate does not write it, so another transaction's value stays.
 */
class EnhancedEntityTest {

    private static HibernateFixture fixture(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Profile.class).build();
        h.inTransaction(s -> s.persist(new Profile(1L, "ann", "bio")));
        h.resetCounters();
        return h;
    }

    @Test
    void theEntityClassIsEnhanced() {
        assertThat(ManagedEntity.class).isAssignableFrom(Profile.class);
        assertThat(PersistentAttributeInterceptable.class).isAssignableFrom(Profile.class);
        assertThat(SelfDirtinessTracker.class).isAssignableFrom(Profile.class);
    }

    @AllDatabases
    void aNeverFetchedLazyGuardIsLeftOutAndItsColumnIsNotOverwritten(TestDatabase db) {
        HibernateFixture h = fixture(db);

        h.inTransaction(s -> {
            Profile profile = s.find(Profile.class, 1L);
            assertThat(Hibernate.isPropertyInitialized(profile, "bio")).isFalse();
            db.execute("update profile set bio = 'theirs' where id = 1");
            profile.setOwner("bob");
        });

        assertThat(SqlCapture.normalize(h.sql().updates().get(0))).endsWith(" where id=? and "
                + ExactSql.text(db.kind(), "name") + " and version=?")
                .doesNotContain("bio");
        assertThat(db.queryForLong("select count(*) from profile where bio = 'theirs' and owner = 'bob'"))
                .isEqualTo(1);

        // a concurrent change of the non-lazy guard is still a conflict
        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            Profile profile = s.find(Profile.class, 1L);
            db.execute("update profile set name = 'zoe' where id = 1");
            profile.setOwner("carl");
        }));
        assertThat(thrown).isExactlyInstanceOf(FieldConflictException.class);
        assertThat(((CasConflictException) thrown).getChangedAttributes()).containsExactly("name");
    }

    @AllDatabases
    void aFetchedLazyGuardIsChecked(TestDatabase db) {
        HibernateFixture h = fixture(db);

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            Profile profile = s.find(Profile.class, 1L);
            assertThat(profile.getBio()).isEqualTo("bio");
            db.execute("update profile set bio = 'theirs' where id = 1");
            h.resetCounters();
            profile.setOwner("bob");
        }));

        assertThat(thrown).isExactlyInstanceOf(FieldConflictException.class);
        assertThat(((CasConflictException) thrown).getChangedAttributes()).containsExactly("bio");
        assertThat(SqlCapture.normalize(h.sql().updates().get(0)))
                .endsWith(" where id=? and " + ExactSql.text(db.kind(), "bio") + " and "
                        + ExactSql.text(db.kind(), "name") + " and version=?");
        assertThat(db.queryForLong("select count(*) from profile where owner is null")).isEqualTo(1);
    }

    @AllDatabases
    void deleteAndStatelessUpdateWithANeverFetchedLazyGuard(TestDatabase db) {
        HibernateFixture h = fixture(db);

        h.sessionFactory().inStatelessTransaction(s -> {
            Profile profile = s.get(Profile.class, 1L);
            profile.setOwner("stateless");
            s.update(profile);
        });
        assertThat(db.queryForLong("select count(*) from profile where owner = 'stateless' and bio = 'bio'"))
                .isEqualTo(1);

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            Profile profile = s.find(Profile.class, 1L);
            db.execute("update profile set name = 'zoe' where id = 1");
            h.resetCounters();
            s.remove(profile);
        }));
        assertThat(thrown).isExactlyInstanceOf(FieldConflictException.class);
        assertThat(SqlCapture.normalize(h.sql().deletes().get(0)))
                .isEqualTo("delete from profile where id=? and version=? and " + ExactSql.text(db.kind(), "name"));

        h.inTransaction(s -> s.remove(s.find(Profile.class, 1L)));
        assertThat(db.queryForLong("select count(*) from profile")).isZero();
    }

    @AllDatabases
    void casOperationsUpdateLeavesOutANeverFetchedLazyGuard(TestDatabase db) {
        HibernateFixture h = fixture(db);

        boolean written = h.fromTransaction(s -> {
            Profile profile = s.find(Profile.class, 1L);
            db.execute("update profile set bio = 'theirs' where id = 1");
            h.resetCounters();
            boolean result = CasOperations.update(s, profile, p -> p.setOwner("bob"));
            assertThat(Hibernate.isPropertyInitialized(profile, "bio")).isFalse();
            return result;
        });

        assertThat(written).isTrue();
        assertThat(h.sql().updates()).hasSize(1);
        // the attribute the change changed is guarded too (owner is null), the unfetched lazy guard is not
        assertThat(SqlCapture.normalize(h.sql().updates().get(0))).endsWith(" where id=? and owner is null and "
                + ExactSql.text(db.kind(), "name") + " and version=?")
                .doesNotContain("bio");
        assertThat(db.queryForLong("select count(*) from profile where bio = 'theirs' and owner = 'bob'"))
                .isEqualTo(1);
    }

    @AllDatabases
    void casOperationsUpdateChecksALazyGuardTheChangeFetched(TestDatabase db) {
        HibernateFixture h = fixture(db);

        db.execute("update profile set bio = 'theirs' where id = 1");
        boolean written = h.fromTransaction(s -> {
            Profile profile = s.find(Profile.class, 1L);
            h.resetCounters();
            // the change reads bio (fetched now) and writes owner from it: bio is guarded with what was read
            return CasOperations.update(s, profile, p -> p.setOwner("read " + p.getBio()));
        });

        assertThat(written).isTrue();
        assertThat(SqlCapture.normalize(h.sql().updates().get(h.sql().updates().size() - 1)))
                .startsWith("update profile set owner=?,version=? where id=? and owner is null and ")
                .contains(ExactSql.text(db.kind(), "bio"), ExactSql.text(db.kind(), "name"))
                .endsWith(" and version=?");
        assertThat(db.queryForLong("select count(*) from profile where bio = 'theirs' and owner = 'read theirs'"))
                .isEqualTo(1);

        // read, then changed by another transaction before the update: the guard fails, nothing is written
        boolean second = h.fromTransaction(s -> {
            Profile profile = s.find(Profile.class, 1L);
            assertThat(profile.getBio()).isEqualTo("theirs");
            db.execute("update profile set bio = 'again' where id = 1");
            return CasOperations.update(s, profile, p -> p.setOwner("carl"));
        });
        assertThat(second).isFalse();
        assertThat(db.queryForLong("select count(*) from profile where bio = 'again' and owner = 'read theirs'"))
                .isEqualTo(1);
    }

    @AllDatabases
    void casOperationsUpdateWritesALazyAttributeSetWithoutReadingIt(TestDatabase db) {
        HibernateFixture h = fixture(db);

        boolean written = h.fromTransaction(s -> {
            Profile profile = s.find(Profile.class, 1L);
            h.resetCounters();
            return CasOperations.update(s, profile, p -> p.setBio("mine"));
        });

        assertThat(written).isTrue();
        assertThat(h.sql().updates()).hasSize(1);
        // set without reading: written, and not guarded (the transaction never saw the column; as in the flush)
        assertThat(SqlCapture.normalize(h.sql().updates().get(0))).isEqualTo("update profile set bio=?,version=? "
                + "where id=? and " + ExactSql.text(db.kind(), "name") + " and version=?");
        assertThat(db.queryForLong("select count(*) from profile where bio = 'mine'")).isEqualTo(1);
    }

    @AllDatabases
    void compareAndSetOfALazyAttributeOfAManagedUnfetchedInstance(TestDatabase db) {
        HibernateFixture h = fixture(db);

        h.inTransaction(s -> {
            Profile profile = s.find(Profile.class, 1L);
            assertThat(CasOperations.compareAndSet(s, Profile.class, 1L, "bio", "bio", "swapped")).isTrue();
            assertThat(CasOperations.compareAndSet(s, Profile.class, 1L, "bio", "bio", "again")).isFalse();
            assertThat(profile.getBio()).isEqualTo("swapped");
            profile.setOwner("bob");
        });

        assertThat(db.queryForLong("select count(*) from profile where bio = 'swapped' and owner = 'bob'"))
                .isEqualTo(1);
    }
}
