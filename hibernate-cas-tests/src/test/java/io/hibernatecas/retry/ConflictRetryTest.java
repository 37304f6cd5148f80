package io.hibernatecas.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.CasRetry;
import io.hibernatecas.CasSettings;
import io.hibernatecas.EntityDeletedException;
import io.hibernatecas.RetryExhaustedException;
import io.hibernatecas.RetryReason;
import io.hibernatecas.VersionConflictException;
import io.hibernatecas.spi.RetryEvent;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.TestDatabase;

/**
 * Optimistic conflicts under {@link CasRetry}, on every database: a hot row raced by eight threads, the same race
 * with retries switched off by the factory's setting, exhaustion, and a deleted row that must not be retried.
 */
class ConflictRetryTest {

    private static final int THREADS = 8;

    @AllDatabases
    void hotCounterRacedByEightThreadsEndsAtExactlyTheNumberOfCommits(TestDatabase db) throws Exception {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Counter.class).build();
        h.inTransaction(s -> s.persist(new Counter(1L)));
        int incrementsPerThread = 10;
        CyclicBarrier allHaveRead = new CyclicBarrier(THREADS);
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger commits = new AtomicInteger();
        List<RetryExhaustedException> exhausted = new CopyOnWriteArrayList<>();
        List<RetryEvent> retries = new CopyOnWriteArrayList<>();
        CasRetry retry = CasRetry.of(h.sessionFactory())
                .maxRetries(50)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(20))
                .onRetry(retries::add);

        long start = System.nanoTime();
        runOnThreads(() -> {
            for (int i = 0; i < incrementsPerThread; i++) {
                boolean first = i == 0;
                AtomicInteger mine = new AtomicInteger();
                try {
                    retry.inTransaction(em -> {
                        attempts.incrementAndGet();
                        Counter counter = em.find(Counter.class, 1L);
                        if (first && mine.incrementAndGet() == 1) {
                            Failures.await(allHaveRead); // every thread's first write races seven others
                        }
                        counter.increment();
                    });
                    commits.incrementAndGet();
                }
                catch (RetryExhaustedException e) {
                    exhausted.add(e);
                }
            }
        });
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        Map<RetryReason, Integer> reasons = new TreeMap<>();
        retries.forEach(event -> reasons.merge(event.reason(), 1, Integer::sum));
        System.out.printf("[retry] %s hot counter: %d commits, %d attempts, %d retries %s, %d exhausted, %d ms%n",
                db.name(), commits.get(), attempts.get(), retries.size(), reasons, exhausted.size(), millis);
        assertThat(db.queryForLong("select hits from retry_counter where id = 1")).isEqualTo(commits.get());
        assertThat(commits.get() + exhausted.size()).isEqualTo(THREADS * incrementsPerThread);
        assertThat(exhausted).as("calls that ran out of 50 retries").isEmpty();
        assertThat(attempts.get()).isEqualTo(commits.get() + retries.size() + 51 * exhausted.size());
        assertThat(retries).hasSizeGreaterThanOrEqualTo(THREADS - 1)
                .allSatisfy(event -> assertThat(event.reason())
                        .isIn(RetryReason.OPTIMISTIC_CONFLICT, RetryReason.SERIALIZATION_FAILURE));
    }

    @AllDatabases
    void withMaxRetriesZeroFromTheFactoryEachConflictSurfacesOnceAndNothingIsRetried(TestDatabase db)
            throws Exception {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Counter.class)
                .setting(CasSettings.RETRY_MAX_RETRIES, "0")
                .build();
        h.inTransaction(s -> s.persist(new Counter(1L)));
        CyclicBarrier allHaveRead = new CyclicBarrier(THREADS);
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger commits = new AtomicInteger();
        List<RetryExhaustedException> exhausted = new CopyOnWriteArrayList<>();
        List<RetryEvent> retries = new CopyOnWriteArrayList<>();
        CasRetry retry = CasRetry.of(h.sessionFactory()).onRetry(retries::add);
        assertThat(retry.maxRetries()).isZero();

        runOnThreads(() -> {
            try {
                retry.inTransaction(em -> {
                    attempts.incrementAndGet();
                    Counter counter = em.find(Counter.class, 1L);
                    Failures.await(allHaveRead);
                    counter.increment();
                });
                commits.incrementAndGet();
            }
            catch (RetryExhaustedException e) {
                exhausted.add(e);
            }
        });

        assertThat(commits).hasValue(1);
        assertThat(attempts).hasValue(THREADS);
        assertThat(retries).isEmpty();
        assertThat(exhausted).hasSize(THREADS - 1).allSatisfy(e -> {
            assertThat(e.getAttempts()).isEqualTo(1);
            assertThat(e.getHttpStatus()).isEqualTo(409);
            assertThat(e.getReason()).isEqualTo(RetryReason.OPTIMISTIC_CONFLICT);
            assertThat(e.getCause()).isInstanceOf(VersionConflictException.class);
            assertThat(e.getSuppressed()).isEmpty();
            assertThat(e).hasMessage("Gave up after 1 attempt: " + e.getCause().getMessage());
        });
        assertThat(db.queryForLong("select hits from retry_counter where id = 1")).isEqualTo(1);
    }

    @AllDatabases
    void exhaustedRetriesReportTheAttemptsTheLastFailureAsCauseAndTheEarlierOnesSuppressed(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Counter.class).build();
        h.inTransaction(s -> s.persist(new Counter(1L)));
        List<RuntimeException> seen = new ArrayList<>();
        List<RetryEvent> retries = new ArrayList<>();
        CasRetry retry = CasRetry.of(h.sessionFactory())
                .maxRetries(2)
                .backoff(Duration.ofMillis(2), Duration.ofMillis(3))
                .onRetry(retries::add);

        Throwable thrown = catchThrowable(() -> retry.inTransaction(em -> {
            Counter counter = em.find(Counter.class, 1L);
            // another transaction commits a newer version between this one's read and write, every time
            db.execute("update retry_counter set version = version + 1 where id = 1");
            counter.increment();
            try {
                em.flush();
            }
            catch (RuntimeException e) {
                seen.add(e);
                throw e;
            }
        }));

        assertThat(seen).hasSize(3).allSatisfy(e -> assertThat(e).isInstanceOf(VersionConflictException.class));
        assertThat(seen).extracting(e -> ((CasConflictException) e).getExpectedVersion()).containsExactly(0, 1, 2);
        assertThat(seen).extracting(e -> ((CasConflictException) e).getActualVersion()).containsExactly(1, 2, 3);
        assertThat(thrown).isInstanceOf(RetryExhaustedException.class)
                .hasMessage("Gave up after 3 attempts: Concurrent update of [io.hibernatecas.retry.Counter#1]: "
                        + "expected version 2 but the database has version 3");
        RetryExhaustedException e = (RetryExhaustedException) thrown;
        assertThat(e.getAttempts()).isEqualTo(3);
        assertThat(e.getHttpStatus()).isEqualTo(409);
        assertThat(e.getReason()).isEqualTo(RetryReason.OPTIMISTIC_CONFLICT);
        assertThat(e.getCause()).isSameAs(seen.get(2));
        assertThat(e.getSuppressed()).containsExactly(seen.get(0), seen.get(1));
        assertThat(retries).extracting(RetryEvent::attempt).containsExactly(1, 2);
        assertThat(retries).extracting(RetryEvent::maxAttempts).containsExactly(3, 3);
        assertThat(retries).extracting(RetryEvent::failure).containsExactly(seen.get(0), seen.get(1));
        assertThat(retries).extracting(RetryEvent::reason)
                .containsOnly(RetryReason.OPTIMISTIC_CONFLICT);
        assertThat(retries.get(0).backoff()).isBetween(Duration.ofMillis(1), Duration.ofMillis(2));
        assertThat(retries.get(1).backoff()).isBetween(Duration.ofMillis(1).plusNanos(500_000), Duration.ofMillis(3));
        assertThat(db.queryForLong("select hits from retry_counter where id = 1")).isZero();
        assertThat(db.queryForLong("select version from retry_counter where id = 1")).isEqualTo(3);
    }

    @AllDatabases
    void rowDeletedBetweenReadAndWriteIsNotRetriedAndTheSameExceptionSurfaces(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Counter.class).build();
        h.inTransaction(s -> s.persist(new Counter(1L)));
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<RuntimeException> seen = new AtomicReference<>();
        List<RetryEvent> retries = new ArrayList<>();
        CasRetry retry = CasRetry.of(h.sessionFactory()).maxRetries(3).onRetry(retries::add);

        Throwable thrown = catchThrowable(() -> retry.inTransaction(em -> {
            attempts.incrementAndGet();
            Counter counter = em.find(Counter.class, 1L);
            db.execute("delete from retry_counter where id = 1");
            counter.increment();
            try {
                em.flush();
            }
            catch (RuntimeException e) {
                seen.set(e);
                throw e;
            }
        }));

        assertThat(thrown).isSameAs(seen.get()).isInstanceOf(EntityDeletedException.class)
                .hasMessage("[io.hibernatecas.retry.Counter#1] was deleted by another transaction (expected version 0)");
        assertThat(((EntityDeletedException) thrown).getHttpStatus()).isEqualTo(404);
        assertThat(attempts).hasValue(1);
        assertThat(retries).isEmpty();
    }

    /** Runs {@code work} on {@link #THREADS} threads at once and waits for all; a failure of any is rethrown. */
    private static void runOnThreads(Runnable work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(pool.submit(work));
            }
            for (Future<?> future : futures) {
                future.get(2 * Failures.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        finally {
            pool.shutdownNow();
        }
    }
}
