package io.hibernatecas.internal;

import jakarta.persistence.EntityManager;

import org.hibernate.engine.spi.SessionImplementor;

/** The Hibernate session behind a JPA {@code EntityManager} (a Hibernate {@code Session} is one already). */
final class Sessions {

    private Sessions() {
    }

    static SessionImplementor of(EntityManager entityManager, Operation operation) {
        if (entityManager == null) {
            throw new IllegalArgumentException("Cannot " + operation.method() + ": the EntityManager is null");
        }
        return entityManager instanceof SessionImplementor session ? session
                : entityManager.unwrap(SessionImplementor.class);
    }

    static void requireTransaction(SessionImplementor session, Operation operation) {
        session.checkTransactionNeededForUpdateOperation("CasOperations." + operation.method()
                + " requires an active transaction");
        OpenTransactions.writing(session);
    }
}
