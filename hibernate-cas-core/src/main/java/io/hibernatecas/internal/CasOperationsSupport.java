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
}
