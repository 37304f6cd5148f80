package io.hibernatecas.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.util.Map;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.CasStaleObjectStateException;
import io.hibernatecas.EntityDeletedException;
import io.hibernatecas.FieldConflictException;
import io.hibernatecas.VersionConflictException;
import io.hibernatecas.testing.ExactSql;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.Concurrently;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.SqlCapture;
import io.hibernatecas.testing.TestDatabase;

import org.hibernate.jpa.HibernatePersistenceConfiguration;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.LockModeType;
import jakarta.persistence.RollbackException;

/** The guard and the typed conflict on every path that writes an entity. */
class WritePathsTest {

    private static HibernateFixture fixture(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Account.class, Team.class).build();
        h.inTransaction(s -> {
            s.persist(new Account(1L, new BigDecimal("100.00"), "ann"));
            s.persist(new Team(1L, "red"));
        });
        h.sql().clear();
        return h;
    }

    @AllDatabases
    void autoFlushBeforeAQueryThrowsTheTypedConflict(TestDatabase db) {
        HibernateFixture h = fixture(db);

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            Account account = s.find(Account.class, 1L);
            db.execute("update account set balance = 1 where id = 1");
            account.setOwner("bob");
            s.createSelectionQuery("from Account", Account.class).getResultList();
        }));

        assertThat(thrown).isExactlyInstanceOf(FieldConflictException.class);
    }

    @AllDatabases
    void nativeCommitWithoutExplicitFlushThrowsTheTypedConflict(TestDatabase db) {
        HibernateFixture h = fixture(db);

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            Account account = s.find(Account.class, 1L);
            Concurrently.inTransaction(h.sessionFactory(), other -> other.find(Account.class, 1L).setOwner("zoe"));
            account.setOwner("bob");
        }));

        assertThat(thrown).isExactlyInstanceOf(VersionConflictException.class);
    }

    @AllDatabases
    void statelessSessionUpdateAndDeleteAreGuarded(TestDatabase db) {
        HibernateFixture h = fixture(db);

        Throwable update = catchThrowable(() -> h.sessionFactory().inStatelessTransaction(s -> {
            Account account = s.get(Account.class, 1L);
            db.execute("update account set balance = 1 where id = 1");
            h.sql().clear();
            account.setOwner("bob");
            s.update(account);
        }));
        // Hibernate's contract here is a StaleObjectStateException: ours is one, with the JPA view attached
        assertThat(update).isExactlyInstanceOf(CasStaleObjectStateException.class);
        assertThat(((CasStaleObjectStateException) update).getConflictException())
                .isExactlyInstanceOf(FieldConflictException.class).cause().isSameAs(update);
        assertThat(SqlCapture.normalize(h.sql().updates().get(0)))
                .isEqualTo("update account set balance=?,owner=?,version=? where id=? and balance=? and version=?");

        Throwable delete = catchThrowable(() -> h.sessionFactory().inStatelessTransaction(s -> {
            Account account = s.get(Account.class, 1L);
            db.execute("update account set balance = 2 where id = 1");
            s.delete(account);
        }));
        assertThat(delete).isExactlyInstanceOf(CasStaleObjectStateException.class);
        assertThat(CasConflictException.findIn(delete)).get().isExactlyInstanceOf(FieldConflictException.class);

        h.sessionFactory().inStatelessTransaction(s -> {
            Account account = s.get(Account.class, 1L);
            account.setBalance(new BigDecimal("3.00"));
            s.update(account);
            account.setOwner("twice");
            s.update(account);
        });
        assertThat(db.queryForLong("select version from account where id = 1")).isEqualTo(2);
    }

    @AllDatabases
    void statelessUpdateOfAnInstanceTheSessionDidNotLoadIsRefused(TestDatabase db) {
        HibernateFixture h = fixture(db);
        Account detached = h.fromTransaction(s -> s.find(Account.class, 1L));

        Throwable thrown = catchThrowable(() -> h.sessionFactory().inStatelessTransaction(s -> s.update(detached)));

        assertThat(thrown).isExactlyInstanceOf(IllegalStateException.class).hasMessage("Cannot check the @Cas guards "
                + "of [io.hibernatecas.core.Account#1]: this instance was not loaded by this session, so its loaded "
                + "values are unknown; load it with the same StatelessSession (get() or a query) before update() or "
                + "delete()");
    }

    @AllDatabases
    void optimisticForceIncrementAtCommitIsGuarded(TestDatabase db) {
        HibernateFixture h = fixture(db);

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            s.find(Account.class, 1L, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
            db.execute("update account set balance = 1 where id = 1");
            h.sql().clear();
        }));

        // a before-completion callback that throws a HibernateException is not wrapped: ours is one (a native
        // commit throws it as it is, like Hibernate's StaleObjectStateException)
        assertThat(thrown).isExactlyInstanceOf(CasStaleObjectStateException.class);
        assertThat(CasConflictException.findIn(thrown)).get().isExactlyInstanceOf(FieldConflictException.class);
        assertThat(SqlCapture.normalize(h.sql().updates().get(0)))
                .isEqualTo("update account set version=? where id=? and balance=? and version=?");
        assertThat(db.queryForLong("select version from account where id = 1")).isZero();
    }

    @AllDatabases
    void collectionOnlyChangeBumpsTheVersionWithAGuardedStatement(TestDatabase db) {
        HibernateFixture h = fixture(db);

        h.inTransaction(s -> s.find(Team.class, 1L).getTags().add("a"));
        assertThat(h.sql().updates()).anySatisfy(sql -> assertThat(SqlCapture.normalize(sql))
                .isEqualTo("update team set version=? where id=? and " + ExactSql.text(db.kind(), "name")
                        + " and version=?"));

        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> {
            Team team = s.find(Team.class, 1L);
            db.execute("update team set name = 'blue' where id = 1");
            team.getTags().add("b");
        }));
        assertThat(thrown).isExactlyInstanceOf(FieldConflictException.class);
        assertThat(db.queryForLong("select count(*) from team_tag")).isEqualTo(1);
    }

    @AllDatabases
    void staleDetachedMergeIsAVersionConflict(TestDatabase db) {
        HibernateFixture h = fixture(db);
        Account detached = h.fromTransaction(s -> s.find(Account.class, 1L));
        h.inTransaction(s -> s.find(Account.class, 1L).setOwner("zoe"));

        detached.setOwner("bob");
        Throwable thrown = catchThrowable(() -> h.inTransaction(s -> s.merge(detached)));

        assertThat(thrown).isExactlyInstanceOf(VersionConflictException.class)
                .hasMessage("Concurrent update of [io.hibernatecas.core.Account#1]: expected version 0 but the "
                        + "database has version 1");
    }

    @AllDatabases
    void jpaFlushThrowsTheConflictUnwrappedAndCommitWrapsItInRollbackException(TestDatabase db) {
        EntityManagerFactory emf = new HibernatePersistenceConfiguration("cas")
                .managedClasses(Account.class, Team.class)
                .properties(Map.of("jakarta.persistence.nonJtaDataSource", db.dataSource(),
                        "hibernate.hbm2ddl.auto", "create-drop"))
                .createEntityManagerFactory();
        try (emf) {
            try (EntityManager em = emf.createEntityManager()) {
                em.getTransaction().begin();
                em.persist(new Account(1L, new BigDecimal("100.00"), "ann"));
                em.getTransaction().commit();
            }
            try (EntityManager em = emf.createEntityManager()) {
                em.getTransaction().begin();
                em.find(Account.class, 1L).setOwner("bob");
                db.execute("update account set balance = 1 where id = 1");
                Throwable flush = catchThrowable(em::flush);
                assertThat(flush).isExactlyInstanceOf(FieldConflictException.class);
                assertThat(em.getTransaction().getRollbackOnly()).isTrue();
                em.getTransaction().rollback();
            }
            try (EntityManager em = emf.createEntityManager()) {
                em.getTransaction().begin();
                em.find(Account.class, 1L).setOwner("carl");
                db.execute("delete from account where id = 1");
                Throwable commit = catchThrowable(() -> em.getTransaction().commit());
                assertThat(commit).isExactlyInstanceOf(RollbackException.class)
                        .cause().isExactlyInstanceOf(EntityDeletedException.class);
            }
        }
    }
}
