package io.hibernatecas.stress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import io.hibernatecas.CasOperations;
import io.hibernatecas.CasRetry;
import io.hibernatecas.RetryExhaustedException;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.TestDatabase;

/**
 * One hot row, 8 threads incrementing it, three ways: a read-modify-write through {@link CasRetry}, a
 * {@link CasOperations#compareAndSet} loop (read, compare-and-set, read again on {@code false}), and
 * {@link CasOperations#increment}. However the race goes, the final count equals the number of increments that
 * reported success, and so does the version (every successful write bumps it once).
 */
class HotCounterStressTest {

    private static final int THREADS = 8;
    private static final int BOUNDED_INCREMENTS_PER_THREAD = 25;

    @AllDatabases
    void readModifyWriteThroughCasRetryLosesNoIncrement(TestDatabase db) throws Exception {
        HibernateFixture h = counter(db);
        Tally tally = new Tally();
        CasRetry retry = CasRetry.of(h.sessionFactory())
                .maxRetries(200)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(20))
                .onRetry(tally);

        Load.Result result = Load.run(h, THREADS, BOUNDED_INCREMENTS_PER_THREAD, (thread, random) -> {
            try {
                retry.inTransaction(em -> {
                    tally.attempt();
                    em.find(HotCounter.class, 1L).increment();
                });
                tally.commit();
            }
            catch (RetryExhaustedException e) {
                tally.exhausted(e);
            }
            catch (RuntimeException e) {
                tally.failed(e);
            }
        });

        List<String> violations = check(db, tally.commits(), tally.commits());
        if (!tally.balanced()) {
            violations.add("attempts do not add up: " + tally.summary());
        }
        StressReport.print("hot counter (CasRetry)", db.name(), result, tally, violations, "increments "
                + tally.commits());
        assertThat(violations).isEmpty();
        assertThat(tally.failures()).as("unexpected failures: %s", tally.firstFailure()).isZero();
        assertThat(tally.commits() + tally.exhausted()).isEqualTo(result.operations());
    }

    @AllDatabases
    void compareAndSetLoopLosesNoIncrement(TestDatabase db) throws Exception {
        HibernateFixture h = counter(db);
        Tally tally = new Tally();
        LongAdder lostRaces = new LongAdder();

        Load.Result result = Load.run(h, THREADS, BOUNDED_INCREMENTS_PER_THREAD, (thread, random) -> {
            // each try is a transaction of its own, so that the next read sees the value that beat it
            while (true) {
                tally.attempt();
                boolean set;
                try {
                    set = h.sessionFactory().fromTransaction(em -> {
                        long seen = em.find(HotCounter.class, 1L).getHits();
                        return CasOperations.compareAndSet(em, HotCounter.class, 1L, "hits", seen, seen + 1);
                    });
                }
                catch (RuntimeException e) {
                    tally.failed(e);
                    return;
                }
                if (set) {
                    tally.commit();
                    return;
                }
                lostRaces.increment();
            }
        });

        List<String> violations = check(db, tally.commits(), tally.commits());
        if (tally.attempts() != tally.commits() + lostRaces.sum() + tally.failures()) {
            violations.add("attempts " + tally.attempts() + " != successes " + tally.commits() + " + lost races "
                    + lostRaces.sum() + " + failures " + tally.failures());
        }
        StressReport.print("hot counter (compareAndSet loop)", db.name(), result, tally, violations,
                "compareAndSet false (lost races, read again) " + lostRaces.sum());
        assertThat(violations).isEmpty();
        assertThat(tally.failures()).as("unexpected failures: %s", tally.firstFailure()).isZero();
        assertThat(tally.commits()).isEqualTo(result.operations());
    }

    @AllDatabases
    void incrementLosesNoIncrementAndNeverConflicts(TestDatabase db) throws Exception {
        HibernateFixture h = counter(db);
        Tally tally = new Tally();
        LongAdder missing = new LongAdder();

        Load.Result result = Load.run(h, THREADS, BOUNDED_INCREMENTS_PER_THREAD, (thread, random) -> {
            tally.attempt();
            boolean found;
            try {
                found = h.sessionFactory().fromTransaction(
                        em -> CasOperations.increment(em, HotCounter.class, 1L, "hits", 1));
            }
            catch (RuntimeException e) {
                tally.failed(e);
                return;
            }
            if (found) {
                tally.commit();
            }
            else {
                missing.increment();
            }
        });

        List<String> violations = check(db, tally.commits(), tally.commits());
        if (missing.sum() != 0) {
            violations.add("increment reported the row missing " + missing.sum() + " times");
        }
        StressReport.print("hot counter (increment)", db.name(), result, tally, violations, "increments "
                + tally.commits());
        assertThat(violations).isEmpty();
        assertThat(tally.failures()).as("unexpected failures: %s", tally.firstFailure()).isZero();
        assertThat(tally.commits()).isEqualTo(result.operations());
    }

    private static HibernateFixture counter(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(HotCounter.class).build();
        h.inTransaction(s -> s.persist(new HotCounter(1L)));
        return h;
    }

    /** The row must hold exactly {@code hits} and {@code version}. */
    private static List<String> check(TestDatabase db, long hits, long version) {
        List<String> violations = new ArrayList<>();
        long actualHits = db.queryForLong("select hits from stress_counter where id = 1");
        long actualVersion = db.queryForLong("select version from stress_counter where id = 1");
        if (actualHits != hits) {
            violations.add("counter is " + actualHits + " after " + hits + " successful increments");
        }
        if (actualVersion != version) {
            violations.add("version is " + actualVersion + " after " + version + " successful writes");
        }
        return violations;
    }
}
