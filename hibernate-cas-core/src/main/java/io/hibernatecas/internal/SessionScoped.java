package io.hibernatecas.internal;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.hibernate.SessionEventListener;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * Per-session, per-entity-instance state that Hibernate has no slot for (a stateless session's load snapshot, the
 * version a client says it saw). Entries live until the session ends: the first entry of a session registers a
 * {@link SessionEventListener} whose {@code end()} drops them all. Instances are keyed by identity.
 */
final class SessionScoped<T> {

    private final Map<SharedSessionContractImplementor, Map<Object, T>> bySession = new ConcurrentHashMap<>();

    void put(SharedSessionContractImplementor session, Object entity, T value) {
        bySession.computeIfAbsent(session, s -> {
            s.getEventListenerManager().addListener(new SessionEventListener() {
                @Override
                public void end() {
                    bySession.remove(s);
                }
            });
            return new IdentityHashMap<>();
        }).put(entity, value);
    }

    T get(SharedSessionContractImplementor session, Object entity) {
        if (bySession.isEmpty()) {
            return null;
        }
        Map<Object, T> values = bySession.get(session);
        return values == null ? null : values.get(entity);
    }

    void remove(SharedSessionContractImplementor session, Object entity) {
        Map<Object, T> values = bySession.isEmpty() ? null : bySession.get(session);
        if (values != null) {
            values.remove(entity);
        }
    }

    boolean contains(SharedSessionContractImplementor session, Object entity) {
        Map<Object, T> values = bySession.get(session);
        return values != null && values.containsKey(entity);
    }
}
