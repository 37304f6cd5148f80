package io.hibernatecas.internal;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.hibernate.SessionEventListener;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.persister.entity.EntityPersister;

/**
 * The loaded state of guarded entities read through a {@code StatelessSession}, which keeps no snapshot of its own:
 * without it a {@code StatelessSession.update()} or {@code delete()} would have nothing to compare a
 * {@link io.hibernatecas.Cas @Cas} guard with.
 * <p>
 * {@link CasPersisters} copy the state of each guarded entity a stateless session loads; the copy lives until the
 * session ends (a {@link SessionEventListener#end()} callback removes it). Stateful sessions are not touched: their
 * persistence context has the snapshot already. An instance the stateless session did not load has no snapshot, and
 * writing it is refused with a message rather than run unguarded.
 */
final class StatelessSnapshots {

    private static final Map<SharedSessionContractImplementor, Map<Object, Object[]>> SNAPSHOTS =
            new ConcurrentHashMap<>();

    /** Keeps a copy of the state a stateless session just loaded into {@code entity}. */
    static void record(SharedSessionContractImplementor session, EntityPersister persister, Object entity) {
        if (!(persister.getUpdateCoordinator() instanceof CasUpdateCoordinator coordinator)
                || coordinator.guards().isEmpty()) {
            return;
        }
        Object[] state = persister.getValues(entity);
        for (Guard guard : coordinator.guards().guards()) {
            var mutability = guard.attribute().getAttributeMetadata().getMutabilityPlan();
            state[guard.index()] = mutability.deepCopy(state[guard.index()]);
        }
        SNAPSHOTS.computeIfAbsent(session, s -> {
            s.getEventListenerManager().addListener(new SessionEventListener() {
                @Override
                public void end() {
                    SNAPSHOTS.remove(s);
                }
            });
            return new IdentityHashMap<>();
        }).put(entity, state);
    }

    /** The state this stateless session loaded for {@code entity}, or {@code null}. */
    static Object[] of(SharedSessionContractImplementor session, Object entity) {
        Map<Object, Object[]> states = SNAPSHOTS.get(session);
        return states == null ? null : states.get(entity);
    }

    /** Records the state just written, so a second update of the same instance compares with it. */
    static void written(SharedSessionContractImplementor session, Object entity, Object[] state) {
        Map<Object, Object[]> states = SNAPSHOTS.get(session);
        if (states != null && states.containsKey(entity)) {
            states.put(entity, state.clone());
        }
    }
}
