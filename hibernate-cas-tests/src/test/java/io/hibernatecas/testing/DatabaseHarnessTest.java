package io.hibernatecas.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;
import org.hibernate.StaleStateException;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.dialect.MariaDBDialect;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import jakarta.persistence.OptimisticLockException;

/** Sanity test of the harness itself, on H2, PostgreSQL and MariaDB. */
class DatabaseHarnessTest {

    @AllDatabases
    void eachInvocationGetsAFreshDatabaseAndTheRightDialect(TestDatabase db, DatabaseKind kind) throws Exception {
        assertThat(db.kind()).isEqualTo(kind);
        assertThat(db.name()).isEqualTo(kind.displayName());
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(HarnessEntity.class).build();

        Dialect dialect = h.sessionFactory().unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect();
        Class<? extends Dialect> expected = switch (kind) {
            case H2 -> H2Dialect.class;
            case POSTGRESQL -> PostgreSQLDialect.class;
            case MARIADB -> MariaDBDialect.class;
        };
        assertThat(dialect).isInstanceOf(expected);
        assertThat(db.queryForLong("select count(*) from harness_entity")).isZero();
        int defaultIsolation = kind == DatabaseKind.MARIADB
                ? Connection.TRANSACTION_REPEATABLE_READ : Connection.TRANSACTION_READ_COMMITTED;
        try (Connection c = db.connection()) {
            assertThat(c.getTransactionIsolation()).isEqualTo(defaultIsolation);
        }
        int hibernateIsolation = h.fromTransaction(s -> s.doReturningWork(Connection::getTransactionIsolation));
        assertThat(hibernateIsolation).isEqualTo(defaultIsolation);

        HibernateFixture serializable = HibernateTestFactory.forDatabase(db).entities(HarnessEntity.class)
                .isolation(Connection.TRANSACTION_SERIALIZABLE).setting("hibernate.hbm2ddl.auto", "none").build();
        int configured = serializable.fromTransaction(s -> s.doReturningWork(Connection::getTransactionIsolation));
        assertThat(configured).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
    }

    @AllDatabases
    void updateIsGuardedByIdAndVersion(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(HarnessEntity.class).build();
        h.inTransaction(s -> s.persist(new HarnessEntity(1L, "a")));
        h.resetCounters();

        h.inTransaction(s -> s.find(HarnessEntity.class, 1L).setName("b"));

        assertThat(h.sql().updates()).hasSize(1);
        assertThat(SqlCapture.normalize(h.sql().updates().get(0)))
                .matches("update harness_entity set .* where id=\\? and version=\\?");
        assertThat(h.jdbc().executionCount(SqlKind.SELECT)).as(h.jdbc().toString()).isEqualTo(1);
        assertThat(h.jdbc().executionCount(SqlKind.UPDATE)).isEqualTo(1);
        assertThat(h.jdbc().executeUpdateCalls()).isEqualTo(1);
        assertThat(h.jdbc().executeBatchCalls()).isZero();
        assertThat(db.queryForLong("select version from harness_entity where id = ?", 1L)).isEqualTo(1);
    }

    @AllDatabases
    void batchedUpdatesAreCountedPerJdbcBatch(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db)
                .entities(HarnessEntity.class)
                .setting("hibernate.jdbc.batch_size", 50)
                .build();
        h.inTransaction(s -> {
            for (long id = 1; id <= 120; id++) {
                s.persist(new HarnessEntity(id, "n" + id));
            }
        });
        assertThat(h.jdbc().batchSizes()).as(h.jdbc().toString()).containsExactly(50, 50, 20);
        assertThat(h.jdbc().rowCount(SqlKind.INSERT)).isEqualTo(120);
        h.resetCounters();

        h.inTransaction(s -> s.createSelectionQuery("from HarnessEntity", HarnessEntity.class)
                .getResultList()
                .forEach(e -> e.setName(e.getName() + "!")));

        JdbcCounter jdbc = h.jdbc();
        assertThat(jdbc.selects()).as(jdbc.toString()).isEqualTo(1);
        assertThat(jdbc.executeBatchCalls()).isEqualTo(3);
        assertThat(jdbc.batchSizes()).containsExactly(50, 50, 20);
        assertThat(jdbc.executionCount(SqlKind.UPDATE)).isEqualTo(3);
        assertThat(jdbc.rowCount(SqlKind.UPDATE)).isEqualTo(120);
        assertThat(jdbc.executeUpdateCalls()).isZero();
        // The statement inspector sees prepares, not executions: far fewer than 120 updates.
        assertThat(h.sql().updates()).isNotEmpty().hasSizeLessThanOrEqualTo(3)
                .allSatisfy(sql -> assertThat(SqlCapture.normalize(sql)).endsWith("where id=? and version=?"));
        assertThat(db.queryForLong("select count(*) from harness_entity where version = 1 and name like '%!'"))
                .isEqualTo(120);
    }

    @AllDatabases
    void outOfBandWriteBetweenReadAndWriteIsDetected(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(HarnessEntity.class).build();
        h.inTransaction(s -> s.persist(new HarnessEntity(1L, "a")));

        Race.Result<Object, Object> race = Race.interleave(
                pause -> h.fromTransaction(s -> {
                    HarnessEntity e = s.find(HarnessEntity.class, 1L);
                    pause.pause();
                    e.setName("first");
                    return null;
                }),
                () -> Concurrently.fromTransaction(h.sessionFactory(), s -> {
                    s.find(HarnessEntity.class, 1L).setName("second");
                    return null;
                }));

        assertThat(race.second().failed()).as("%s", race.second().error()).isFalse();
        assertThat(race.first().error()).isInstanceOfAny(StaleStateException.class, OptimisticLockException.class);
        assertThat(db.queryForLong("select version from harness_entity where id = 1")).isEqualTo(1);

        // plain JDBC write "behind Hibernate's back", then a stale Hibernate write in this thread
        assertThat(db.execute("update harness_entity set version = version + 1 where id = ?", 1L)).isEqualTo(1);
        List<Throwable> failures = new java.util.ArrayList<>();
        try {
            h.inTransaction(s -> {
                HarnessEntity e = s.find(HarnessEntity.class, 1L);
                Concurrently.inTransaction(h.sessionFactory(), other -> other.find(HarnessEntity.class, 1L)
                        .setName("sneaky"));
                e.setName("stale");
            });
        } catch (RuntimeException e) {
            failures.add(e);
        }
        assertThat(failures).singleElement()
                .isInstanceOfAny(StaleStateException.class, OptimisticLockException.class);
    }
}
