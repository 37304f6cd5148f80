package io.hibernatecas.toolkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.hibernatecas.CasOperations;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.ExactSql;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.SqlCapture;
import io.hibernatecas.testing.TestDatabase;

import org.hibernate.Session;

/**
 * {@code @TenantId}: every statement of the operations is restricted to the session's tenant, as Hibernate's own
 * reads are; another tenant's row is missing. {@code @SoftDelete} and {@code @SQLRestriction} entities are refused.
 */
class TenantIsolationTest {

    @AllDatabases
    void anotherTenantsRowIsMissingForEveryOperation(TestDatabase db) {
        HibernateFixture h = fixture(db);
        inTenant(h, "a", s -> {
            s.persist(new TenantCounter(1L, "java"));
            return null;
        });
        h.resetCounters();

        assertThat(TenantIsolationTest.<TenantCounter>inTenant(h, "b", s -> s.find(TenantCounter.class, 1L))).isNull();
        assertThat(TenantIsolationTest.<Boolean>inTenant(h, "b", s -> CasOperations.compareAndSet(s, TenantCounter.class, 1L, "name", "java",
                "kotlin"))).isFalse();
        assertThat(TenantIsolationTest.<Boolean>inTenant(h, "b", s -> CasOperations.increment(s, TenantCounter.class, 1L, "hits", 5))).isFalse();

        assertThat(h.sql().updates().stream().map(SqlCapture::normalize)).containsExactly(
                "update toolkit_tenant_counter set name=?,version=version+1 where id=? and tenant=? and "
                        + ExactSql.text(db.kind(), "name"),
                "update toolkit_tenant_counter set hits=hits+?,version=version+1 where id=? and tenant=?");
        assertThat(db.queryForLong("select hits from toolkit_tenant_counter where id = 1")).isZero();
        assertThat(db.queryForLong("select version from toolkit_tenant_counter where id = 1")).isZero();
        // the owner still writes it
        assertThat(TenantIsolationTest.<Boolean>inTenant(h, "a", s -> CasOperations.increment(s, TenantCounter.class, 1L, "hits", 5))).isTrue();
        assertThat(TenantIsolationTest.<Boolean>inTenant(h, "a", s -> CasOperations.update(s, s.find(TenantCounter.class, 1L),
                c -> c.setName("kotlin")))).isTrue();
        assertThat(h.sql().updates().stream().map(SqlCapture::normalize)).contains(
                "update toolkit_tenant_counter set name=?,version=? where id=? and tenant=? and "
                        + ExactSql.text(db.kind(), "name") + " and version=?");
        assertThat(db.queryForLong("select hits from toolkit_tenant_counter where id = 1")).isEqualTo(5);
    }

    @AllDatabases
    void findOrCreateFindsAndCreatesInTheSessionsTenantOnly(TestDatabase db) {
        HibernateFixture h = fixture(db);

        TenantCounter a = inTenant(h, "a", s -> CasOperations.findOrCreate(s, TenantCounter.class, "name", "java",
                () -> new TenantCounter(1L, null)));
        TenantCounter b = inTenant(h, "b", s -> CasOperations.findOrCreate(s, TenantCounter.class, "name", "java",
                () -> new TenantCounter(2L, null)));
        TenantCounter again = inTenant(h, "a", s -> CasOperations.findOrCreate(s, TenantCounter.class, "name", "java",
                () -> new TenantCounter(3L, null)));

        assertThat(a.getId()).isEqualTo(1L);
        assertThat(a.getTenant()).isEqualTo("a");
        assertThat(b.getId()).isEqualTo(2L);
        assertThat(b.getTenant()).isEqualTo("b");
        assertThat(again.getId()).isEqualTo(1L);
        assertThat(h.sql().selects().stream().map(SqlCapture::normalize))
                .contains("select id from toolkit_tenant_counter where name=? and tenant=?");
        assertThat(db.queryForLong("select count(*) from toolkit_tenant_counter where tenant = 'b'")).isEqualTo(1);
        assertThatThrownBy(() -> inTenant(h, "b", s -> CasOperations.findOrCreate(s, TenantCounter.class,
                java.util.Map.of("name", "java", "tenant", "a"), () -> new TenantCounter(4L, null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot findOrCreate by attribute 'tenant' of entity 'io.hibernatecas.toolkit.TenantCounter': "
                        + "it names another tenant than the session's");
    }

    @AllDatabases
    void twoTenantsRacingOnTheSameIdsNeverWriteEachOthersRows(TestDatabase db) throws Exception {
        HibernateFixture h = fixture(db);
        inTenant(h, "a", s -> {
            s.persist(new TenantCounter(1L, "one"));
            return null;
        });
        inTenant(h, "b", s -> {
            s.persist(new TenantCounter(2L, "two"));
            return null;
        });
        int rounds = 20;
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<int[]>> results = List.of("a", "b").stream().map(tenant -> threads.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                int[] written = new int[2];
                for (int i = 0; i < rounds; i++) {
                    for (long id = 1; id <= 2; id++) {
                        long row = id;
                        if (TenantIsolationTest.<Boolean>inTenant(h, tenant, s -> CasOperations.increment(s, TenantCounter.class, row, "hits", 1))) {
                            written[(int) row - 1]++;
                        }
                    }
                    TenantCounter mine = inTenant(h, tenant, s -> CasOperations.findOrCreate(s, TenantCounter.class,
                            "name", "shared", () -> new TenantCounter(tenant.equals("a") ? 10L : 20L, null)));
                    assertThat(mine.getTenant()).isEqualTo(tenant);
                }
                return written;
            })).toList();
            assertThat(results.get(0).get(60, TimeUnit.SECONDS)).containsExactly(rounds, 0);
            assertThat(results.get(1).get(60, TimeUnit.SECONDS)).containsExactly(0, rounds);
        }
        finally {
            threads.shutdownNow();
        }
        assertThat(db.queryForLong("select hits from toolkit_tenant_counter where id = 1")).isEqualTo(rounds);
        assertThat(db.queryForLong("select hits from toolkit_tenant_counter where id = 2")).isEqualTo(rounds);
        assertThat(db.queryForLong("select count(*) from toolkit_tenant_counter where name = 'shared'")).isEqualTo(2);
    }

    @AllDatabases
    void softDeleteAndSqlRestrictionAreRefused(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db)
                .entities(SoftDeletedNote.class, RestrictedNote.class).build();
        h.inTransaction(s -> {
            s.persist(new SoftDeletedNote(1L, "a"));
            s.persist(new RestrictedNote(1L, "a"));
        });

        h.inTransaction(s -> {
            assertThatThrownBy(() -> CasOperations.increment(s, SoftDeletedNote.class, 1L, "views", 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Cannot increment entity 'io.hibernatecas.toolkit.SoftDeletedNote': it is mapped with "
                            + "@SoftDelete, and CasOperations' statements would see and write deleted rows; load it "
                            + "and change it in the persistence context instead");
            assertThatThrownBy(() -> CasOperations.findOrCreate(s, SoftDeletedNote.class, "title", "b",
                    () -> new SoftDeletedNote(2L, null)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Cannot findOrCreate entity 'io.hibernatecas.toolkit.SoftDeletedNote': "
                            + "it is mapped with @SoftDelete");
            assertThatThrownBy(() -> CasOperations.compareAndSet(s, RestrictedNote.class, 1L, "views", 0, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Cannot compareAndSet entity 'io.hibernatecas.toolkit.RestrictedNote': it has an "
                            + "@SQLRestriction, which CasOperations' statements cannot apply; load it and change it in "
                            + "the persistence context instead");
        });
        assertThat(db.queryForLong("select views from toolkit_soft_note where id = 1")).isZero();
    }

    private static HibernateFixture fixture(TestDatabase db) {
        return HibernateTestFactory.forDatabase(db).entities(TenantCounter.class).build();
    }

    private static <R> R inTenant(HibernateFixture h, String tenant, Function<Session, R> work) {
        try (Session session = h.sessionFactory().withOptions().tenantIdentifier((Object) tenant).openSession()) {
            var transaction = session.beginTransaction();
            try {
                R result = work.apply(session);
                transaction.commit();
                return result;
            }
            finally {
                if (transaction.isActive()) {
                    transaction.rollback();
                }
            }
        }
    }
}
