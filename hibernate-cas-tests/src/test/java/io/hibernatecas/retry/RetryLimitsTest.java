package io.hibernatecas.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import io.hibernatecas.CasConfigurationException;
import io.hibernatecas.CasOperations;
import io.hibernatecas.CasRetry;
import io.hibernatecas.CasSettings;
import io.hibernatecas.RetryExhaustedException;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.TestDatabase;

import org.hibernate.Session;
import org.hibernate.context.internal.ManagedSessionContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;

import jakarta.persistence.OptimisticLockException;

/**
 * The limits of {@link CasRetry}: the failures it keeps, the largest retry count the setting accepts, and its
 * refusal to run inside a transaction already open on the calling thread.
 */
class RetryLimitsTest {

    private static final String REFUSAL_PREFIX = "CasRetry cannot start a transaction inside one that is already open "
            + "on this thread (";
    private static final String REFUSAL_SUFFIX = "): its attempts would run on another connection and could wait for "
            + "the open transaction's own row locks until they time out. Call CasRetry outside any transaction, or do "
            + "the work in the open transaction without CasRetry";

    @AllDatabases
    void exhaustionKeepsTheFirstThreeAndTheLastFailuresOnly(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Counter.class).build();
        AtomicInteger attempts = new AtomicInteger();
        CasRetry retry = CasRetry.of(h.sessionFactory()).maxRetries(40).backoff(Duration.ZERO, Duration.ZERO);

        Throwable thrown = catchThrowable(() -> retry.inTransaction(em -> {
            em.find(Counter.class, 1L);
            throw new OptimisticLockException("attempt " + attempts.incrementAndGet());
        }));

        assertThat(thrown).isInstanceOf(RetryExhaustedException.class).hasMessage("Gave up after 41 attempts: attempt 41");
        RetryExhaustedException exhausted = (RetryExhaustedException) thrown;
        assertThat(exhausted.getAttempts()).isEqualTo(41);
        assertThat(exhausted.getCause()).hasMessage("attempt 41");
        assertThat(Arrays.stream(exhausted.getSuppressed()).map(Throwable::getMessage))
                .containsExactly("attempt 1", "attempt 2", "attempt 3", "attempt 40");
        assertThat(attempts).hasValue(41);
    }

    @AllDatabases
    void maxRetriesAboveOneHundredFailsTheBootstrap(TestDatabase db) {
        assertThatThrownBy(() -> HibernateTestFactory.forDatabase(db).entities(Counter.class)
                .setting(CasSettings.RETRY_MAX_RETRIES, "101").build())
                .isInstanceOf(CasConfigurationException.class)
                .hasMessage("Invalid value '101' for setting 'hibernate.cas.retry.max_retries': "
                        + "expected a whole number from 0 to 100");

        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Counter.class)
                .setting(CasSettings.RETRY_MAX_RETRIES, "100").build();
        assertThat(CasRetry.of(h.sessionFactory()).maxRetries()).isEqualTo(100);
    }

    @AllDatabases
    void casRetryInsideCasRetryIsRefusedAtOnce(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Counter.class).build();
        h.inTransaction(s -> s.persist(new Counter(1L)));
        CasRetry retry = CasRetry.of(h.sessionFactory()).maxRetries(3);
        AtomicInteger outerAttempts = new AtomicInteger();

        Throwable thrown = catchThrowable(() -> retry.inTransaction(em -> {
            outerAttempts.incrementAndGet();
            retry.inTransaction(inner -> inner.find(Counter.class, 1L).increment());
        }));

        assertThat(thrown).isInstanceOf(IllegalStateException.class)
                .hasMessage(REFUSAL_PREFIX + "a CasRetry is already running on this thread" + REFUSAL_SUFFIX);
        assertThat(outerAttempts).hasValue(1);
        assertThat(hits(h)).isZero();
        // after the refusal the thread is free again
        retry.inTransaction(em -> em.find(Counter.class, 1L).increment());
        assertThat(hits(h)).isEqualTo(1);
    }

    @AllDatabases
    void casRetryInsideATransactionThatWroteTheRowIsRefusedInsteadOfWaitingForItsLock(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Counter.class).build();
        h.inTransaction(s -> s.persist(new Counter(1L)));
        CasRetry retry = CasRetry.of(h.sessionFactory()).maxRetries(3);

        try (Session outer = h.sessionFactory().openSession()) {
            outer.beginTransaction();
            outer.find(Counter.class, 1L).increment();
            outer.flush(); // the row is now locked by this transaction
            h.resetCounters();

            Throwable thrown = catchThrowable(() -> retry.inTransaction(em -> em.find(Counter.class, 1L).increment()));

            assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage(REFUSAL_PREFIX
                    + "a session of this factory has written in a transaction that is still active" + REFUSAL_SUFFIX);
            assertThat(h.jdbc().connectionsOpened()).isZero();
            outer.getTransaction().commit();
        }
        // the outer transaction is over: CasRetry runs again on this thread
        retry.inTransaction(em -> em.find(Counter.class, 1L).increment());
        assertThat(hits(h)).isEqualTo(2);
    }

    @AllDatabases
    void casOperationsWriteInAnOpenTransactionAlsoCountsAsOpen(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Counter.class).build();
        h.inTransaction(s -> s.persist(new Counter(1L)));
        CasRetry retry = CasRetry.of(h.sessionFactory());

        try (Session outer = h.sessionFactory().openSession()) {
            outer.beginTransaction();
            assertThat(CasOperations.increment(outer, Counter.class, 1L, "hits", 5)).isTrue();

            assertThatThrownBy(() -> retry.inTransaction(em -> em.find(Counter.class, 1L)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith(REFUSAL_PREFIX + "a session of this factory has written");
            outer.getTransaction().rollback();
        }
    }

    @AllDatabases
    void aSessionBoundByManagedSessionContextWithAnActiveTransactionIsRefused(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Counter.class).build();
        CasRetry retry = CasRetry.of(h.sessionFactory());

        try (Session bound = h.sessionFactory().openSession()) {
            ManagedSessionContext.bind(bound);
            try {
                retry.inTransaction(em -> em.find(Counter.class, 1L)); // bound, but no transaction: allowed
                bound.beginTransaction();
                assertThatThrownBy(() -> retry.inTransaction(em -> em.find(Counter.class, 1L)))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage(REFUSAL_PREFIX + "a session of this factory is bound to the thread "
                                + "(ManagedSessionContext) with an active transaction" + REFUSAL_SUFFIX);
                bound.getTransaction().rollback();
            }
            finally {
                ManagedSessionContext.unbind(h.sessionFactory().unwrap(SessionFactoryImplementor.class));
            }
        }
    }

    @AllDatabases
    void anOpenTransactionThatHasNotWrittenIsNotSeen(TestDatabase db) {
        // the documented limit: a transaction that only read holds no row lock and is not detected
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Counter.class).build();
        h.inTransaction(s -> s.persist(new Counter(1L)));
        CasRetry retry = CasRetry.of(h.sessionFactory());

        try (Session outer = h.sessionFactory().openSession()) {
            outer.beginTransaction();
            outer.find(Counter.class, 1L);
            retry.inTransaction(em -> em.find(Counter.class, 1L).increment());
            outer.getTransaction().commit();
        }
        assertThat(hits(h)).isEqualTo(1);
    }

    private static int hits(HibernateFixture h) {
        return h.<Integer>fromTransaction(s -> s.find(Counter.class, 1L).getHits());
    }
}
