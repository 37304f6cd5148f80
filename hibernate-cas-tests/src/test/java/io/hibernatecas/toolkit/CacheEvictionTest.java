package io.hibernatecas.toolkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;

import io.hibernatecas.CasOperations;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.TestDatabase;

import org.hibernate.Session;
import org.hibernate.stat.Statistics;

/**
 * A toolkit write evicts exactly the written row's entry from the second-level cache (a real JCache region, Caffeine),
 * not the whole region: of three cached counters, only the written one is read from the database afterwards.
 */
class CacheEvictionTest {

    @AllDatabases
    void incrementEvictsOnlyTheWrittenRow(TestDatabase db) {
        assertOnlyRowOneIsEvicted(db, s -> CasOperations.increment(s, CachedCounter.class, 1L, "hits", 5), 5, "c1");
    }

    @AllDatabases
    void compareAndSetEvictsOnlyTheWrittenRow(TestDatabase db) {
        assertOnlyRowOneIsEvicted(db, s -> CasOperations.compareAndSet(s, CachedCounter.class, 1L, "label", "c1",
                "changed"), 0, "changed");
    }

    @AllDatabases
    void updateEvictsOnlyTheWrittenRow(TestDatabase db) {
        assertOnlyRowOneIsEvicted(db, s -> CasOperations.update(s, s.find(CachedCounter.class, 1L),
                c -> c.setLabel("changed")), 0, "changed");
    }

    @AllDatabases
    void aRolledBackWriteLeavesNoStaleEntry(TestDatabase db) {
        HibernateFixture h = cached(db);
        Statistics statistics = h.sessionFactory().getStatistics();

        try (Session session = h.sessionFactory().openSession()) {
            session.beginTransaction();
            assertThat(CasOperations.increment(session, CachedCounter.class, 1L, "hits", 5)).isTrue();
            session.getTransaction().rollback();
        }
        statistics.clear();

        assertThat(h.fromTransaction(s -> s.find(CachedCounter.class, 1L)).getHits()).isZero();
        assertThat(h.fromTransaction(s -> s.find(CachedCounter.class, 2L)).getHits()).isZero();
        assertThat(statistics.getSecondLevelCacheMissCount()).isEqualTo(1);
        assertThat(statistics.getSecondLevelCacheHitCount()).isEqualTo(1);
    }

    private static void assertOnlyRowOneIsEvicted(TestDatabase db, Consumer<Session> write, int hits, String label) {
        HibernateFixture h = cached(db);
        Statistics statistics = h.sessionFactory().getStatistics();

        h.inTransaction(write);
        statistics.clear();

        CachedCounter one = h.fromTransaction(s -> s.find(CachedCounter.class, 1L));
        h.inTransaction(s -> {
            s.find(CachedCounter.class, 2L);
            s.find(CachedCounter.class, 3L);
        });

        assertThat(one.getHits()).isEqualTo(hits);
        assertThat(one.getLabel()).isEqualTo(label);
        assertThat(statistics.getSecondLevelCacheMissCount()).as("row 1 only is read from the database").isEqualTo(1);
        assertThat(statistics.getSecondLevelCacheHitCount()).as("rows 2 and 3 stay cached").isEqualTo(2);
    }

    /** Three counters, each in the cache (put by their insert). */
    private static HibernateFixture cached(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(CachedCounter.class)
                .setting("hibernate.cache.use_second_level_cache", "true")
                .setting("hibernate.cache.region.factory_class", "jcache")
                .setting("hibernate.javax.cache.provider",
                        "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider")
                .setting("hibernate.javax.cache.missing_cache_strategy", "create")
                .setting("hibernate.generate_statistics", "true")
                .build();
        h.inTransaction(s -> {
            s.persist(new CachedCounter(1L, "c1"));
            s.persist(new CachedCounter(2L, "c2"));
            s.persist(new CachedCounter(3L, "c3"));
        });
        h.sessionFactory().getStatistics().clear();
        h.inTransaction(s -> {
            for (long id = 1; id <= 3; id++) {
                s.find(CachedCounter.class, id);
            }
        });
        assertThat(h.sessionFactory().getStatistics().getSecondLevelCacheHitCount()).as("all three cached").isEqualTo(3);
        return h;
    }
}
