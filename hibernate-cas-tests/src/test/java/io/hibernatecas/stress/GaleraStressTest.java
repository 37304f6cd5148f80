package io.hibernatecas.stress;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

import io.hibernatecas.CasOperations;
import io.hibernatecas.CasRetry;
import io.hibernatecas.testing.GaleraCluster;
import io.hibernatecas.testing.HibernateFixture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bank and the hot counter on a three-node MariaDB Galera cluster, writers spread over every node (one
 * Hibernate factory per node, thread {@code t} on node {@code t % 3}). Every write, also {@code compareAndSet} and
 * {@code increment}, goes through {@link CasRetry}: a node refuses a commit whose rows another node committed
 * first (certification failure), and only a new transaction gets past that. Checked at the end, on every node:
 * no update lost (the exact invariants of {@link BankTransferStressTest} and {@link HotCounterStressTest}), and
 * every attempt accounted for: {@code attempts = commits (+ lost compare-and-set races) + retried + exhausted},
 * with no other failure. Runs in the {@code galera} profile only, bounded by default, for
 * {@code cas.stress.seconds} when set.
 */
class GaleraStressTest {

    /** Two writers per node. */
    private static final int THREADS = 6;
    private static final int BOUNDED_OPERATIONS_PER_THREAD = 25;

    private GaleraCluster cluster;

    @AfterEach
    void drop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private List<HibernateFixture> nodes(String label, Class<?>... entities) {
        cluster = GaleraCluster.create(label);
        return cluster.factories(entities);
    }

    private static List<CasRetry> retries(List<HibernateFixture> nodes, Tally tally) {
        List<CasRetry> retries = new ArrayList<>();
        for (HibernateFixture node : nodes) {
            retries.add(CasRetry.of(node.sessionFactory()).maxRetries(200)
                    .backoff(Duration.ofMillis(1), Duration.ofMillis(20)).onRetry(tally));
        }
        return retries;
    }

    @Test
    void transfersOnEveryNodeKeepEveryBalanceExact() throws Exception {
        List<HibernateFixture> nodes = nodes("galera_bank", BankAccount.class);
        Bank.open(nodes.get(0).sessionFactory());
        Tally tally = new Tally();
        List<Bank> banks = nodes.stream().map(node -> new Bank(node.sessionFactory(), tally)).toList();

        Load.Result result = Load.run(null, THREADS, BOUNDED_OPERATIONS_PER_THREAD,
                (thread, random) -> banks.get(thread % banks.size()).transfer(random));

        long[] net = new long[Bank.ACCOUNTS];
        long[] writes = new long[Bank.ACCOUNTS];
        for (Bank bank : banks) {
            for (int i = 0; i < Bank.ACCOUNTS; i++) {
                net[i] += bank.net()[i];
                writes[i] += bank.writes()[i];
            }
        }
        List<String> violations = new ArrayList<>();
        for (int node = 0; node < cluster.size(); node++) {
            try (Connection c = cluster.node(node).connection()) {
                int n = node + 1;
                Bank.check(c, net, writes).forEach(v -> violations.add("node " + n + ": " + v));
            }
        }
        if (!tally.balanced()) {
            violations.add("attempts do not add up: " + tally.summary());
        }
        long moved = banks.stream().mapToLong(Bank::moved).sum();
        long declined = banks.stream().mapToLong(Bank::declined).sum();
        StressReport.print("bank", "Galera (3 nodes)", result, tally, violations,
                "transfers " + moved + " moved, " + declined + " declined for lack of funds");

        assertThat(violations).isEmpty();
        assertThat(tally.failures()).as("failures other than retried conflicts: %s", tally.firstFailure()).isZero();
        assertThat(tally.commits() + tally.exhausted()).isEqualTo(result.operations());
        assertThat(moved + declined).isEqualTo(tally.commits());
    }

    @Test
    void readModifyWriteOnEveryNodeLosesNoIncrement() throws Exception {
        List<HibernateFixture> nodes = counter("galera_counter_retry");
        Tally tally = new Tally();
        List<CasRetry> retries = retries(nodes, tally);

        Load.Result result = Load.run(null, THREADS, BOUNDED_OPERATIONS_PER_THREAD, (thread, random) -> {
            tally.outcome(() -> retries.get(thread % retries.size()).fromTransaction(em -> {
                tally.attempt();
                em.find(HotCounter.class, 1L).increment();
                return true;
            })).ifPresent(committed -> tally.commit());
        });

        List<String> violations = check(tally.commits());
        if (!tally.balanced()) {
            violations.add("attempts do not add up: " + tally.summary());
        }
        StressReport.print("hot counter (CasRetry)", "Galera (3 nodes)", result, tally, violations,
                "increments " + tally.commits());
        assertThat(violations).isEmpty();
        assertThat(tally.failures()).as("unexpected failures: %s", tally.firstFailure()).isZero();
        assertThat(tally.commits() + tally.exhausted()).isEqualTo(result.operations());
    }

    @Test
    void compareAndSetLoopOnEveryNodeLosesNoIncrement() throws Exception {
        List<HibernateFixture> nodes = counter("galera_counter_cas");
        Tally tally = new Tally();
        List<CasRetry> retries = retries(nodes, tally);
        LongAdder lostRaces = new LongAdder();
        LongAdder failedCalls = new LongAdder();

        Load.Result result = Load.run(null, THREADS, BOUNDED_OPERATIONS_PER_THREAD, (thread, random) -> {
            CasRetry retry = retries.get(thread % retries.size());
            while (true) {
                // a refused commit is retried by CasRetry; a false answer is a lost race: read again
                Optional<Boolean> set = tally.outcome(() -> retry.fromTransaction(em -> {
                    tally.attempt();
                    long seen = em.find(HotCounter.class, 1L).getHits();
                    return CasOperations.compareAndSet(em, HotCounter.class, 1L, "hits", seen, seen + 1);
                }));
                if (set.isEmpty()) {
                    failedCalls.increment();
                    return;
                }
                if (set.get()) {
                    tally.commit();
                    return;
                }
                lostRaces.increment();
            }
        });

        List<String> violations = check(tally.commits());
        long accounted = tally.commits() + lostRaces.sum() + tally.retries() + tally.exhausted() + tally.failures();
        if (tally.attempts() != accounted) {
            violations.add("attempts " + tally.attempts() + " != successes + lost races + retried + exhausted + "
                    + "failures " + accounted + ": " + tally.summary());
        }
        StressReport.print("hot counter (compareAndSet loop)", "Galera (3 nodes)", result, tally, violations,
                "compareAndSet false (lost races, read again) " + lostRaces.sum());
        assertThat(violations).isEmpty();
        assertThat(tally.failures()).as("unexpected failures: %s", tally.firstFailure()).isZero();
        assertThat(tally.commits() + failedCalls.sum()).isEqualTo(result.operations());
    }

    @Test
    void incrementOnEveryNodeLosesNoIncrement() throws Exception {
        List<HibernateFixture> nodes = counter("galera_counter_increment");
        Tally tally = new Tally();
        List<CasRetry> retries = retries(nodes, tally);
        LongAdder missing = new LongAdder();

        Load.Result result = Load.run(null, THREADS, BOUNDED_OPERATIONS_PER_THREAD, (thread, random) -> {
            tally.outcome(() -> retries.get(thread % retries.size()).fromTransaction(em -> {
                tally.attempt();
                return CasOperations.increment(em, HotCounter.class, 1L, "hits", 1);
            })).ifPresent(found -> {
                if (found) {
                    tally.commit();
                }
                else {
                    missing.increment();
                }
            });
        });

        List<String> violations = check(tally.commits());
        if (missing.sum() != 0) {
            violations.add("increment reported the row missing " + missing.sum() + " times");
        }
        if (!tally.balanced()) {
            violations.add("attempts do not add up: " + tally.summary());
        }
        StressReport.print("hot counter (increment)", "Galera (3 nodes)", result, tally, violations,
                "increments " + tally.commits());
        assertThat(violations).isEmpty();
        assertThat(tally.failures()).as("unexpected failures: %s", tally.firstFailure()).isZero();
        assertThat(tally.commits() + tally.exhausted()).isEqualTo(result.operations());
    }

    private List<HibernateFixture> counter(String label) {
        List<HibernateFixture> nodes = nodes(label, HotCounter.class);
        nodes.get(0).inTransaction(s -> s.persist(new HotCounter(1L)));
        return nodes;
    }

    /** Every node must hold exactly {@code increments} hits and as many versions. */
    private List<String> check(long increments) {
        List<String> violations = new ArrayList<>();
        for (int node = 0; node < cluster.size(); node++) {
            long hits = cluster.node(node).queryForLong("select hits from stress_counter where id = 1");
            long version = cluster.node(node).queryForLong("select version from stress_counter where id = 1");
            if (hits != increments) {
                violations.add("node " + (node + 1) + ": counter is " + hits + " after " + increments
                        + " successful increments");
            }
            if (version != increments) {
                violations.add("node " + (node + 1) + ": version is " + version + " after " + increments
                        + " successful writes");
            }
        }
        return violations;
    }
}
