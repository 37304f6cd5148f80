package io.hibernatecas.internal;

import java.util.Collection;

import org.hibernate.cache.spi.TimestampsCache;
import org.hibernate.cache.spi.access.EntityDataAccess;
import org.hibernate.cache.spi.access.SoftLock;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.engine.spi.TransactionCompletionCallbacks;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Keeps Hibernate's caches honest after an operation wrote a row with its own SQL, invalidating what Hibernate's own
 * update or insert of that row invalidates, and nothing more:
 * <ul>
 * <li>the row's entry in the entity's second-level cache region: locked and removed at once (with
 *     {@code read-write} the lock makes readers miss and keeps a concurrent load from putting the old state back),
 *     unlocked when the transaction completes, as {@code EntityUpdateAction} does; the other entries of the region
 *     stay;</li>
 * <li>the natural-id cache of the entity, when the write changed a natural-id attribute (the old cross-reference is
 *     not known by value here, so the entity's natural-id data is evicted after completion);</li>
 * <li>the query-cache timestamps of the entity's tables: pre-invalidated now, invalidated after completion, as the
 *     action queue does for an entity's property spaces.</li>
 * </ul>
 * An insert ({@code findOrCreate}) has no entry to evict: only the query spaces are invalidated. Costs nothing when
 * neither cache is in use.
 * <p>
 * <b>Hibernate SPI touched here</b>: {@code EntityDataAccess#generateCacheKey/#lockItem/#remove/#unlockItem},
 * {@code TimestampsCache#preInvalidate/#invalidate} (SPI) and {@code ActionQueue#registerCallback} with a
 * {@code TransactionCompletionCallbacks.AfterCompletionCallback} (incubating since 7.2).
 */
final class CacheCleanup {

    private CacheCleanup() {
    }

    /** After an {@code UPDATE} of the row {@code id} that wrote {@code written}. */
    static void afterUpdate(SessionImplementor session, EntityPersister persister, Object id,
            Collection<AttributeMapping> written) {
        if (persister.canWriteToCache()) {
            EntityDataAccess cache = persister.getCacheAccessStrategy();
            Object key = cache.generateCacheKey(id, persister, session.getFactory(), session.getTenantIdentifier());
            SoftLock lock = cache.lockItem(session, key, null);
            cache.remove(session, key);
            afterCompletion(session, (success, completing) -> cache.unlockItem(completing, key, lock));
        }
        if (persister.hasNaturalIdCache() && writesNaturalId(persister, written)) {
            String entityName = persister.getEntityName();
            afterCompletion(session, (success, completing) ->
                    completing.getFactory().getCache().evictNaturalIdData(entityName));
        }
        invalidateQuerySpaces(session, persister);
    }

    /** After an {@code INSERT} of a new row. */
    static void afterInsert(SessionImplementor session, EntityPersister persister) {
        invalidateQuerySpaces(session, persister);
    }

    private static boolean writesNaturalId(EntityPersister persister, Collection<AttributeMapping> written) {
        var naturalId = persister.getNaturalIdMapping();
        return naturalId != null && written.stream().anyMatch(naturalId.getNaturalIdAttributes()::contains);
    }

    private static void invalidateQuerySpaces(SessionImplementor session, EntityPersister persister) {
        if (session.getFactory().getSessionFactoryOptions().isQueryCacheEnabled()) {
            String[] spaces = (String[]) persister.getQuerySpaces();
            TimestampsCache timestamps = session.getFactory().getCache().getTimestampsCache();
            timestamps.preInvalidate(spaces, session);
            afterCompletion(session, (success, completing) -> timestamps.invalidate(spaces, completing));
        }
    }

    private static void afterCompletion(SessionImplementor session,
            TransactionCompletionCallbacks.AfterCompletionCallback callback) {
        session.getActionQueue().registerCallback(callback);
    }
}
