package io.hibernatecas.benchmarks;

import io.hibernatecas.CasOperations;
import io.hibernatecas.CasRetry;
import io.hibernatecas.RetryExhaustedException;
import io.hibernatecas.benchmarks.model.HotCounter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.hibernate.SessionFactory;
import org.hibernate.StaleStateException;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;

/**
 * Every JMH thread increments the same row ({@code hot_counter#1}) as fast as it can. Run with 1, 2, 4 and 8
 * threads ({@code -t}; {@link BenchmarkMain} runs each count).
 * <p>
 * <b>What is reported.</b> JMH's score counts the operations each thread completed inside the measurement window,
 * divided by that thread's own time; {@link Tally} counts attempts (transactions begun) and successes per
 * iteration. Neither is exact when an operation can sleep for hundreds of milliseconds ({@code CasRetry}'s backoff):
 * JMH keeps the other threads running until the sleeper returns, and those operations count in no score. So the
 * benchmark also measures each measurement iteration by the wall clock, from the iteration's setup to its tear-down
 * (all threads stopped): increments committed and attempts begun in that window, and its length. These
 * {@code windows} go into the {@code lostUpdateCheck} fact, and the report computes increments per second and
 * attempts per success from them.
 * <ul>
 * <li>{@code plain_retry}: the baseline without the library (hibernate-cas disabled): read the entity, add one,
 *     commit; on an {@code OptimisticLockException} start again at once with a new {@code EntityManager};</li>
 * <li>{@code cas_retry}: the same read-modify-write in {@code CasRetry} with the factory's default backoff
 *     (10 ms doubling up to 500 ms, with jitter), {@code maxRetries(10_000)};</li>
 * <li>{@code cas_retry_no_backoff}: {@code CasRetry} with {@code backoff(ZERO, ZERO)}, to separate what the backoff
 *     does from what the rest of the loop costs;</li>
 * <li>{@code pessimistic_write}: {@code find(..., PESSIMISTIC_WRITE)} ({@code select ... for update}), add one,
 *     commit;</li>
 * <li>{@code cas_increment}: {@code CasOperations.increment} in a transaction;</li>
 * <li>{@code jdbc_increment}: raw JDBC {@code n = n + ?} in a transaction.</li>
 * </ul>
 * At the end of each trial the row must hold exactly the number of successful increments (warm-up included); if
 * not, the trial fails with "LOST UPDATES" and the run stops. The check and the trial's attempts are recorded as a
 * {@link Facts} record ({@code lostUpdateCheck}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class ContentionBenchmark {

    /** Attempts per success must stay bounded; a retry loop that gives up fails the trial. */
    private static final int MAX_RETRIES = 10_000;

    @Param({"h2", "postgresql", "mariadb"})
    public String db;

    @Param({"plain_retry", "cas_retry", "cas_retry_no_backoff", "pessimistic_write", "cas_increment",
            "jdbc_increment"})
    public String strategy;

    private BenchDataSource dataSource;
    private SessionFactory factory;
    private CasRetry retry;
    private int threads;
    private final AtomicLong successes = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong exhausted = new AtomicLong();
    private final List<List<Long>> windows = new ArrayList<>();
    private boolean measuring;
    private long windowStart;
    private long successesAtStart;
    private long attemptsAtStart;

    /**
     * Per thread and iteration; JMH reports the totals beside the score. They include the operations JMH runs while
     * it waits for a sleeping thread (see the class comment), so the report uses the wall-clock windows instead.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Tally {
        /** Transactions begun. */
        public long attempts;
        /** Increments committed. */
        public long successes;

        @Setup(Level.Iteration)
        public void reset() {
            attempts = 0;
            successes = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws Exception {
        threads = params.getThreads();
        dataSource = new BenchDataSource(Endpoints.of(DatabaseKind.of(db)), threads + 2);
        factory = HibernateBoot.over(dataSource).cas(!strategy.equals("plain_retry")).build(HotCounter.class);
        HotRow.create(factory);
        retry = CasRetry.of(factory).maxRetries(MAX_RETRIES);
        if (strategy.equals("cas_retry_no_backoff")) {
            retry = retry.backoff(Duration.ZERO, Duration.ZERO);
        }
    }

    @Setup(Level.Iteration)
    public void openWindow(IterationParams iteration) {
        measuring = iteration.getType() == IterationType.MEASUREMENT;
        successesAtStart = successes.get();
        attemptsAtStart = attempts.get();
        windowStart = System.nanoTime();
    }

    /** Runs once all threads have stopped; records a measurement iteration's wall-clock window. */
    @TearDown(Level.Iteration)
    public void closeWindow() {
        long nanos = System.nanoTime() - windowStart;
        long committed = successes.get() - successesAtStart;
        long begun = attempts.get() - attemptsAtStart;
        if (measuring) {
            windows.add(List.of(committed, begun, nanos));
        }
        System.out.printf("[contention window] %s%d increments, %d attempts in %.3f s: %.0f increments/s, "
                + "%.2f attempts per success%n", measuring ? "" : "(warm-up) ", committed, begun, nanos / 1e9,
                committed / (nanos / 1e9), committed == 0 ? Double.NaN : (double) begun / committed);
    }

    @Benchmark
    public void increment(Tally tally) throws Exception {
        switch (strategy) {
            case "plain_retry" -> plainRetry(tally);
            case "cas_retry", "cas_retry_no_backoff" -> casRetry(tally);
            case "pessimistic_write" -> pessimisticWrite(tally);
            case "cas_increment" -> {
                tally.attempts++;
                attempts.incrementAndGet();
                inTransaction(em -> require(CasOperations.increment(em, HotCounter.class, HotRow.ID, "n", 1)));
            }
            case "jdbc_increment" -> {
                tally.attempts++;
                attempts.incrementAndGet();
                require(HotRow.jdbcIncrement(dataSource, 1) == 1);
            }
            default -> throw new IllegalArgumentException("Unknown strategy " + strategy);
        }
        tally.successes++;
        successes.incrementAndGet();
    }

    private void plainRetry(Tally tally) {
        for (int attempt = 1; ; attempt++) {
            tally.attempts++;
            attempts.incrementAndGet();
            try {
                inTransaction(em -> {
                    HotCounter counter = em.find(HotCounter.class, HotRow.ID);
                    counter.setN(counter.getN() + 1);
                });
                return;
            }
            catch (RuntimeException e) {
                if (!causedBy(e, OptimisticLockException.class, StaleStateException.class)
                        || attempt > MAX_RETRIES) {
                    throw e;
                }
            }
        }
    }

    private void casRetry(Tally tally) {
        try {
            retry.inTransaction(em -> {
                tally.attempts++;
                attempts.incrementAndGet();
                HotCounter counter = em.find(HotCounter.class, HotRow.ID);
                counter.setN(counter.getN() + 1);
            });
        }
        catch (RetryExhaustedException e) {
            exhausted.incrementAndGet();
            throw e;
        }
    }

    /** A lock wait that times out (H2 after 10 s) is retried and counted; it is not expected. */
    private void pessimisticWrite(Tally tally) {
        for (int attempt = 1; ; attempt++) {
            tally.attempts++;
            attempts.incrementAndGet();
            try {
                inTransaction(em -> {
                    HotCounter counter = em.find(HotCounter.class, HotRow.ID, LockModeType.PESSIMISTIC_WRITE);
                    counter.setN(counter.getN() + 1);
                });
                return;
            }
            catch (RuntimeException e) {
                if (!causedBy(e, PessimisticLockException.class, LockTimeoutException.class)
                        || attempt > MAX_RETRIES) {
                    throw e;
                }
            }
        }
    }

    private static void require(boolean written) {
        if (!written) {
            throw new IllegalStateException("The increment found no row");
        }
    }

    private interface Work {
        void run(EntityManager em);
    }

    private void inTransaction(Work work) {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            work.run(em);
            em.getTransaction().commit();
        }
        finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    @SafeVarargs
    private static boolean causedBy(Throwable failure, Class<? extends Throwable>... types) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(cause)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The lost-update check: the counter must equal the increments that reported success. */
    @TearDown(Level.Trial)
    public void verify() throws Exception {
        try {
            long stored = HotRow.read(dataSource);
            long succeeded = successes.get();
            Map<String, Object> fact = Facts.of("lostUpdateCheck", "contention", db);
            fact.put("strategy", strategy);
            fact.put("threads", threads);
            fact.put("successes", succeeded);
            fact.put("attempts", attempts.get());
            fact.put("exhausted", exhausted.get());
            fact.put("counter", stored);
            fact.put("ok", stored == succeeded);
            fact.put("windows", windows);
            Facts.record(fact);
            if (stored != succeeded) {
                String message = "LOST UPDATES: " + strategy + " on " + db + " with " + threads + " threads: "
                        + succeeded + " increments succeeded but the counter holds " + stored;
                System.err.println(message);
                throw new IllegalStateException(message);
            }
        }
        finally {
            factory.close();
            dataSource.close();
        }
    }
}
