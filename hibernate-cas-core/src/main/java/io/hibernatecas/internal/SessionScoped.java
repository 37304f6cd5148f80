package io.hibernatecas.internal;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.hibernate.SessionEventListener;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * Per-session, per-entity-instance state that Hibernate has no slot for (a stateless session's load snapshot, the
 * version a client says it saw). Entries live until the session ends: the first entry of a session registers a
 * {@link SessionEventListener} whose {@code end()} drops them all. Instances are keyed by identity.
 * <p>
 * With {@link #weak()} an entry also goes when the application no longer holds its instance: a
 * {@code StatelessSession} that scrolls through many rows keeps a snapshot only of the instances the caller still
 * references (a snapshot never references its own instance, so it does not keep it alive).
 */
final class SessionScoped<T> {

    private final Map<SharedSessionContractImplementor, Map<Object, T>> bySession = new ConcurrentHashMap<>();
    private final boolean weak;

    SessionScoped() {
        this(false);
    }

    private SessionScoped(boolean weak) {
        this.weak = weak;
    }

    /** Entries that also end when their instance is no longer reachable from the application. */
    static <T> SessionScoped<T> weak() {
        return new SessionScoped<>(true);
    }

    void put(SharedSessionContractImplementor session, Object entity, T value) {
        bySession.computeIfAbsent(session, s -> {
            s.getEventListenerManager().addListener(new SessionEventListener() {
                @Override
                public void end() {
                    bySession.remove(s);
                }
            });
            return weak ? new WeakIdentityMap<>() : new IdentityHashMap<>();
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

    /**
     * The entries of {@code session}, a copy in no particular order; empty when it has none. Not for
     * {@link #weak()} instances, whose maps cannot be copied.
     */
    Map<Object, T> all(SharedSessionContractImplementor session) {
        Map<Object, T> values = bySession.isEmpty() ? null : bySession.get(session);
        return values == null || values.isEmpty() ? Map.of() : new IdentityHashMap<>(values);
    }

    boolean contains(SharedSessionContractImplementor session, Object entity) {
        Map<Object, T> values = bySession.get(session);
        return values != null && values.containsKey(entity);
    }

    /** The entries of {@code session} (for tests of the memory bound: how many instances are still tracked). */
    int size(SharedSessionContractImplementor session) {
        Map<Object, T> values = bySession.get(session);
        return values == null ? 0 : values.size();
    }

    /**
     * A map keyed by identity whose keys are weakly referenced; entries of collected keys are dropped on the next
     * access. Used by one session, so not thread-safe. Only {@code put}, {@code get}, {@code remove},
     * {@code containsKey} and {@code size} are supported.
     */
    private static final class WeakIdentityMap<V> extends java.util.AbstractMap<Object, V> {

        private final Map<Key, V> entries = new HashMap<>();
        private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

        @Override
        public V put(Object key, V value) {
            expunge();
            return entries.put(new Key(key, collected), value);
        }

        @Override
        public V get(Object key) {
            expunge();
            return entries.get(new Key(key, null));
        }

        @Override
        public V remove(Object key) {
            expunge();
            return entries.remove(new Key(key, null));
        }

        @Override
        public boolean containsKey(Object key) {
            expunge();
            return entries.containsKey(new Key(key, null));
        }

        @Override
        public int size() {
            expunge();
            return entries.size();
        }

        @Override
        public java.util.Set<Entry<Object, V>> entrySet() {
            throw new UnsupportedOperationException();
        }

        private void expunge() {
            for (var reference = collected.poll(); reference != null; reference = collected.poll()) {
                entries.remove(reference);
            }
        }

        private static final class Key extends WeakReference<Object> {
            private final int hash;

            Key(Object referent, ReferenceQueue<Object> queue) {
                super(referent, queue);
                this.hash = System.identityHashCode(referent);
            }

            @Override
            public boolean equals(Object other) {
                if (this == other) {
                    return true;
                }
                Object referent = get();
                return other instanceof Key key && referent != null && referent == key.get();
            }

            @Override
            public int hashCode() {
                return hash;
            }
        }
    }
}
