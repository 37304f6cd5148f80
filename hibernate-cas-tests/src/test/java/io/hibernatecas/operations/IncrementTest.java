package io.hibernatecas.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.hibernatecas.CasOperations;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.SqlCapture;
import io.hibernatecas.testing.SqlKind;
import io.hibernatecas.testing.TestDatabase;

class IncrementTest {

    private static final int THREADS = 8;
    private static final int INCREMENTS = 25;

    @AllDatabases
    void incrementsInOneStatementAndBumpsTheVersion(TestDatabase db) {
        HibernateFixture h = OperationsFixture.on(db);
        h.inTransaction(s -> s.persist(new Counter(1L)));
        h.resetCounters();

        boolean incremented = h.fromTransaction(s -> CasOperations.increment(s, Counter.class, 1L, "hits", 5));

        assertThat(incremented).isTrue();
        assertThat(h.sql().statements()).singleElement().satisfies(sql -> assertThat(SqlCapture.normalize(sql))
                .isEqualTo("update counter set hits=hits+?,version=version+1 where id=?"));
        assertThat(h.jdbc().executionCount()).as(h.jdbc().toString()).isEqualTo(1);
        assertThat(db.queryForLong("select hits from counter where id = 1")).isEqualTo(5);
        assertThat(db.queryForLong("select version from counter where id = 1")).isEqualTo(1);
    }

    @AllDatabases
    void concurrentIncrementsNeverLoseOne(TestDatabase db) throws Exception {
        HibernateFixture h = OperationsFixture.on(db);
        h.inTransaction(s -> s.persist(new Counter(1L)));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    int applied = 0;
                    for (int i = 0; i < INCREMENTS; i++) {
                        if (h.fromTransaction(s -> CasOperations.increment(s, Counter.class, 1L, "hits", 1))) {
                            applied++;
                        }
                    }
                    return applied;
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(INCREMENTS);
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(db.queryForLong("select hits from counter where id = 1")).isEqualTo(THREADS * INCREMENTS);
        assertThat(db.queryForLong("select version from counter where id = 1")).isEqualTo(THREADS * INCREMENTS);
    }

    @AllDatabases
    void missingRowIsFalse(TestDatabase db) {
        HibernateFixture h = OperationsFixture.on(db);

        boolean incremented = h.fromTransaction(s -> CasOperations.increment(s, Counter.class, 42L, "hits", 1));

        assertThat(incremented).isFalse();
        assertThat(h.jdbc().executionCount(SqlKind.UPDATE)).isEqualTo(1);
    }

    @AllDatabases
    void managedInstanceIsFlushedBeforeAndRefreshedAfter(TestDatabase db) {
        HibernateFixture h = OperationsFixture.on(db);
        h.inTransaction(s -> s.persist(new Counter(1L)));
        h.resetCounters();

        h.inTransaction(s -> {
            Counter counter = s.find(Counter.class, 1L);
            counter.setName("pending");
            assertThat(CasOperations.increment(s, Counter.class, 1L, "total", 2)).isTrue();
            assertThat(counter.getTotal()).isEqualByComparingTo("2");
            assertThat(counter.getName()).isEqualTo("pending");
            assertThat(counter.getVersion()).isEqualTo(2L);
        });

        // the flush of the pending name and the increment; the commit finds nothing stale to write
        assertThat(h.jdbc().executionCount(SqlKind.UPDATE)).as(h.jdbc().toString()).isEqualTo(2);
        assertThat(db.queryForLong("select count(*) from counter where name = 'pending' and version = 2")).isEqualTo(1);
    }

    @AllDatabases
    void deltaIsConvertedToTheAttributeTypeOrRefused(TestDatabase db) {
        HibernateFixture h = OperationsFixture.on(db);
        h.inTransaction(s -> s.persist(new Counter(1L)));

        h.inTransaction(s -> {
            assertThat(CasOperations.increment(s, Counter.class, 1L, "total", new BigDecimal("1.25"))).isTrue();
            assertThat(CasOperations.increment(s, Counter.class, 1L, "total", 3L)).isTrue();
            assertThat(CasOperations.increment(s, Counter.class, 1L, "hits", -2L)).isTrue();
            assertThatThrownBy(() -> CasOperations.increment(s, Counter.class, 1L, "hits", 2.5))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Cannot increment attribute 'hits' of entity 'io.hibernatecas.operations.Counter': "
                            + "the delta 2.5 is not a java.lang.Integer");
            assertThatThrownBy(() -> CasOperations.increment(s, Counter.class, 1L, "hits", null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Cannot increment attribute 'hits' of entity 'io.hibernatecas.operations.Counter': "
                            + "the delta is null");
        });

        assertThat(db.queryForLong("select hits from counter where id = 1")).isEqualTo(-2);
        BigDecimal total = h.fromTransaction(s -> s.find(Counter.class, 1L).getTotal());
        assertThat(total).isEqualByComparingTo("4.25");
    }
}
