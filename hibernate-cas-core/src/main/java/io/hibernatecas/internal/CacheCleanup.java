package io.hibernatecas.internal;

import org.hibernate.action.internal.BulkOperationCleanupAction;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Keeps Hibernate's caches honest after an operation wrote a row with its own SQL: the second-level cache region of
 * the entity (and its natural-id region) and the query-cache timestamps of its tables, exactly as Hibernate does
 * after a native {@code executeUpdate}. Costs nothing when neither cache is in use.
 * <p>
 * <b>Hibernate internal touched here</b>: {@code org.hibernate.action.internal.BulkOperationCleanupAction#schedule},
 * the action Hibernate registers for bulk and native mutations; it invalidates when the transaction completes.
 */
final class CacheCleanup {

    private CacheCleanup() {
    }

    static void afterWrite(SharedSessionContractImplementor session, EntityPersister persister) {
        if (persister.canWriteToCache() || persister.hasNaturalIdCache()
                || session.getFactory().getSessionFactoryOptions().isQueryCacheEnabled()) {
            BulkOperationCleanupAction.schedule(session, persister);
        }
    }
}
