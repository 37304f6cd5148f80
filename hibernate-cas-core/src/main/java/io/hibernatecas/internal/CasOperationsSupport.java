package io.hibernatecas.internal;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;

/**
 * The entry points behind {@link io.hibernatecas.CasOperations}, so that the API class holds documentation only and
 * every implementation class stays package-private.
 */
public final class CasOperationsSupport {

    private CasOperationsSupport() {
    }

    public static boolean compareAndSet(EntityManager em, Class<?> type, Object id, String attribute,
            Object expected, Object newValue) {
        return RowOperations.compareAndSet(em, type, id, attribute, expected, newValue);
    }

    public static boolean increment(EntityManager em, Class<?> type, Object id, String attribute, Number delta) {
        return RowOperations.increment(em, type, id, attribute, delta);
    }

    public static <T> boolean update(EntityManager em, T managedEntity, Consumer<T> change) {
        return GuardedUpdate.execute(em, managedEntity, change);
    }

    public static <T> T findOrCreate(EntityManager em, Class<T> type, Map<String, Object> naturalKey,
            Supplier<T> factory) {
        return FindOrCreate.execute(em, type, naturalKey, factory);
    }

    public static void expectVersion(EntityManager em, Object entity, Object expectedVersion) {
        var session = managed(em, entity, "expectVersion");
        if (expectedVersion == null) {
            throw new IllegalArgumentException("Cannot expectVersion: the expected version is null");
        }
        ClientExpectations.expectVersion(session, session.getEntityPersister(null, entity), entity, expectedVersion);
    }

    public static void expectValues(EntityManager em, Object entity, Map<String, Object> values) {
        var session = managed(em, entity, "expectValues");
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("Cannot expectValues: no attribute values given");
        }
        ClientExpectations.expectValues(session, session.getEntityPersister(null, entity), entity, values);
    }

    private static org.hibernate.engine.spi.SessionImplementor managed(EntityManager em, Object entity, String method) {
        if (em == null) {
            throw new IllegalArgumentException("Cannot " + method + ": the EntityManager is null");
        }
        if (entity == null) {
            throw new IllegalArgumentException("Cannot " + method + ": the entity is null");
        }
        var session = em instanceof org.hibernate.engine.spi.SessionImplementor s ? s
                : em.unwrap(org.hibernate.engine.spi.SessionImplementor.class);
        if (!session.contains(entity)) {
            throw new IllegalArgumentException("Cannot " + method + ": " + entity.getClass().getName()
                    + " is not managed by this EntityManager; load it in this transaction first (find() or a query)");
        }
        return session;
    }
}
