package io.hibernatecas.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.hibernatecas.CasRetry;
import io.hibernatecas.VersionConflictException;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.TestDatabase;

import jakarta.persistence.EntityManager;

/** What happens between two attempts: the listener, and an interrupt during the pause. */
class RetryPauseTest {

    @AllDatabases
    void interruptDuringThePauseStopsRetryingRestoresTheFlagAndThrowsTheLastFailure(TestDatabase db)
            throws Exception {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Counter.class).build();
        h.inTransaction(s -> s.persist(new Counter(1L)));
        CountDownLatch pausing = new CountDownLatch(1);
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<RuntimeException> seen = new AtomicReference<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean interruptedAfterwards = new AtomicBoolean();
        CasRetry retry = CasRetry.of(h.sessionFactory())
                .maxRetries(5)
                .backoff(Duration.ofSeconds(20), Duration.ofSeconds(20))
                .onRetry(event -> pausing.countDown());

        Thread worker = new Thread(() -> {
            try {
                retry.inTransaction(em -> {
                    attempts.incrementAndGet();
                    conflictingIncrement(em, db, seen);
                });
            }
            catch (Throwable t) {
                thrown.set(t);
                interruptedAfterwards.set(Thread.currentThread().isInterrupted());
            }
        }, "cas-retry-worker");
        long start = System.nanoTime();
        worker.start();
        Failures.await(pausing);
        worker.interrupt();
        worker.join(Failures.WAIT.toMillis());

        assertThat(worker.isAlive()).isFalse();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).as("seconds").isLessThan(10);
        assertThat(thrown.get()).isSameAs(seen.get()).isInstanceOf(VersionConflictException.class);
        assertThat(thrown.get().getSuppressed()).singleElement().isInstanceOf(InterruptedException.class);
        assertThat(interruptedAfterwards).isTrue();
        assertThat(attempts).hasValue(1);
    }

    @AllDatabases
    void listenerThatThrowsEndsTheRetriesAndCarriesTheFailureAsSuppressed(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Counter.class).build();
        h.inTransaction(s -> s.persist(new Counter(1L)));
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<RuntimeException> seen = new AtomicReference<>();
        IllegalStateException listenerFailure = new IllegalStateException("metrics backend down");
        AtomicInteger firstListenerCalls = new AtomicInteger();
        CasRetry retry = CasRetry.of(h.sessionFactory())
                .maxRetries(3)
                .onRetry(event -> firstListenerCalls.incrementAndGet())
                .onRetry(event -> {
                    throw listenerFailure;
                });

        Throwable thrown = catchThrowable(() -> retry.inTransaction(em -> {
            attempts.incrementAndGet();
            conflictingIncrement(em, db, seen);
        }));

        assertThat(thrown).isSameAs(listenerFailure);
        assertThat(thrown.getSuppressed()).containsExactly(seen.get());
        assertThat(firstListenerCalls).hasValue(1);
        assertThat(attempts).hasValue(1);
    }

    /** Reads the counter, lets another transaction commit a newer version, writes: always a version conflict. */
    private static void conflictingIncrement(EntityManager em, TestDatabase db, AtomicReference<RuntimeException> seen) {
        Counter counter = em.find(Counter.class, 1L);
        db.execute("update retry_counter set version = version + 1 where id = 1");
        counter.increment();
        try {
            em.flush();
        }
        catch (RuntimeException e) {
            seen.set(e);
            throw e;
        }
    }
}
