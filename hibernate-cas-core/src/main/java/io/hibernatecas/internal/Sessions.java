package io.hibernatecas.internal;

import java.util.EnumMap;
import java.util.Map;

import jakarta.persistence.EntityManager;

import org.hibernate.engine.spi.SessionImplementor;

/** The Hibernate session behind a JPA {@code EntityManager} (a Hibernate {@code Session} is one already). */
final class Sessions {

    /** Built once: {@link #requireTransaction} runs for every operation, and its message is needed only on failure. */
    private static final Map<Operation, String> NO_TRANSACTION = new EnumMap<>(Operation.class);

    static {
        for (Operation operation : Operation.values()) {
            NO_TRANSACTION.put(operation, "CasOperations." + operation.method() + " requires an active transaction");
        }
    }

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
        session.checkTransactionNeededForUpdateOperation(NO_TRANSACTION.get(operation));
        OpenTransactions.writing(session);
    }
}
