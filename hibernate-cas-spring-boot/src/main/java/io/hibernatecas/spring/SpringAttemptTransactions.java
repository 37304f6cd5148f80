package io.hibernatecas.spring;

import java.util.Objects;

import io.hibernatecas.spi.AttemptTransactions;

import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

/**
 * Runs each attempt of {@code CasRetry} in a new transaction of Spring's {@link PlatformTransactionManager}, so
 * that repositories and {@code @Transactional} beans called by the work take part in it (they join it) and the
 * {@code EntityManager} handed to the work is the one they use.
 * <pre>{@code
 * CasRetry retry = CasRetry.of(emf).transactions(new SpringAttemptTransactions(transactionManager, emf));
 * retry.inTransaction(em -> invoices.findById(id).orElseThrow().pay());    // a repository, no em needed
 * }</pre>
 * <b>Never inside a transaction.</b> An attempt needs a transaction of its own: joining the caller's would retry
 * inside a transaction that the conflict already doomed, and a separate one would commit on its own while the
 * caller's may still roll back, and wait forever on a row lock the caller holds. So {@link #begin()} refuses at
 * once, with an {@link IllegalStateException}, when a Spring transaction is active on the calling thread.
 */
public final class SpringAttemptTransactions implements AttemptTransactions {

    static final String INSIDE_TRANSACTION = "CasRetry cannot run inside an active transaction (%s): each attempt "
            + "needs a transaction of its own, and the outer one could neither see its commit undone nor release "
            + "the row locks it waits for. Call CasRetry outside @Transactional methods (from the controller or an "
            + "untransactional service), or retry the whole transactional method with @Retryable";

    private final PlatformTransactionManager transactionManager;
    private final EntityManagerFactory entityManagerFactory;

    public SpringAttemptTransactions(PlatformTransactionManager transactionManager,
            EntityManagerFactory entityManagerFactory) {
        this.transactionManager = Objects.requireNonNull(transactionManager, "transactionManager");
        this.entityManagerFactory = Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
    }

    @Override
    public Attempt begin() {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            String name = TransactionSynchronizationManager.getCurrentTransactionName();
            throw new IllegalStateException(String.format(INSIDE_TRANSACTION,
                    name == null ? "unnamed" : "'" + name + "'"));
        }
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
        definition.setName("CasRetry attempt");
        TransactionStatus status = transactionManager.getTransaction(definition);
        EntityManager em = EntityManagerFactoryUtils.getTransactionalEntityManager(entityManagerFactory);
        if (em == null) {
            transactionManager.rollback(status);
            throw new IllegalStateException("The transaction manager " + transactionManager.getClass().getName()
                    + " bound no EntityManager of this EntityManagerFactory to its transaction; CasRetry needs a "
                    + "JpaTransactionManager (or JtaTransactionManager) of the same persistence unit");
        }
        return new SpringAttempt(status, em);
    }

    @Override
    public String toString() {
        return "Spring " + transactionManager.getClass().getSimpleName();
    }

    private final class SpringAttempt implements Attempt {

        private final TransactionStatus status;
        private final EntityManager em;

        SpringAttempt(TransactionStatus status, EntityManager em) {
            this.status = status;
            this.em = em;
        }

        @Override
        public EntityManager entityManager() {
            return em;
        }

        @Override
        public void commit() {
            transactionManager.commit(status);
        }

        @Override
        public void release(Throwable failure) {
            if (status.isCompleted()) {
                return;
            }
            try {
                transactionManager.rollback(status);
            }
            catch (RuntimeException e) {
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e);
            }
        }
    }
}
