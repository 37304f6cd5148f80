package io.hibernatecas.internal;

import io.hibernatecas.spi.AttemptTransactions;

import org.hibernate.engine.spi.SessionFactoryImplementor;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

/**
 * The default transactions of {@code CasRetry}: each attempt gets a new {@link EntityManager} of the factory and a
 * resource-local transaction on it; release rolls back what is still active and closes the {@code EntityManager}.
 */
public final class ResourceLocalAttempts implements AttemptTransactions {

    private final EntityManagerFactory factory;

    public ResourceLocalAttempts(EntityManagerFactory factory) {
        this.factory = factory;
    }

    /**
     * What shows a transaction of this factory open on the calling thread ({@link OpenTransactions}), in words, or
     * {@code null}: the attempts would run on another connection and could wait for its row locks.
     */
    public String openOnThisThread() {
        // a closed factory: nothing can be open on it, and begin() reports Hibernate's own error
        return factory.isOpen() ? OpenTransactions.openOnThisThread(factory.unwrap(SessionFactoryImplementor.class))
                : null;
    }

    @Override
    public Attempt begin() {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
        }
        catch (RuntimeException | Error e) {
            release(em, e);
            throw e;
        }
        return new Attempt() {
            @Override
            public EntityManager entityManager() {
                return em;
            }

            @Override
            public void commit() {
                em.getTransaction().commit();
            }

            @Override
            public void release(Throwable failure) {
                ResourceLocalAttempts.release(em, failure);
            }
        };
    }

    /** Rolls back what is still active and closes {@code em}; problems go to {@code failure}, else are thrown. */
    private static void release(EntityManager em, Throwable failure) {
        RuntimeException problem = null;
        try {
            if (em.isOpen() && em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
        }
        catch (RuntimeException e) {
            problem = e;
        }
        try {
            if (em.isOpen()) {
                em.close();
            }
        }
        catch (RuntimeException e) {
            if (problem == null) {
                problem = e;
            }
            else {
                problem.addSuppressed(e);
            }
        }
        if (problem != null) {
            if (failure == null) {
                throw problem;
            }
            failure.addSuppressed(problem);
        }
    }

    @Override
    public String toString() {
        return "resource-local";
    }
}
