package io.hibernatecas.spi;

import jakarta.persistence.EntityManager;

/**
 * Where {@code io.hibernatecas.CasRetry} gets the transaction of each attempt. The default begins a resource-local
 * transaction on a new {@code EntityManager} of the factory; a framework can supply its own so that each attempt
 * runs in a transaction of its transaction manager, in which its repositories and transactional components take
 * part ({@code hibernate-cas-spring-boot} binds one to Spring's {@code PlatformTransactionManager}).
 * <p>
 * For each attempt {@code CasRetry} calls {@link #begin()}, runs the work with {@link Attempt#entityManager()},
 * calls {@link Attempt#commit()}, and in every case {@link Attempt#release(Throwable)} exactly once.
 * An exception thrown by {@link #begin()} (for example because a transaction is already active and a new one
 * cannot be started safely) is thrown to the caller at once and never retried.
 */
public interface AttemptTransactions {

    /** Begins the transaction of one attempt. */
    Attempt begin();

    /** One attempt's transaction. */
    interface Attempt {

        /** The {@code EntityManager} that takes part in this attempt's transaction. */
        EntityManager entityManager();

        /** Commits the attempt's transaction; a conflict found at commit is thrown from here. */
        void commit();

        /**
         * Rolls back what is still active and frees the attempt's resources. With {@code failure} non-null (the
         * attempt failed) problems are added to it as suppressed; with {@code null} (it committed) they are thrown.
         */
        void release(Throwable failure);
    }
}
