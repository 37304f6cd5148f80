package io.hibernatecas.internal;

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

    private static final SessionScoped<Object[]> SNAPSHOTS = new SessionScoped<>();

    private StatelessSnapshots() {
    }

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
        SNAPSHOTS.put(session, entity, state);
    }

    /** The state this stateless session loaded for {@code entity}, or {@code null}. */
    static Object[] of(SharedSessionContractImplementor session, Object entity) {
        return SNAPSHOTS.get(session, entity);
    }

    /** Records the state just written, so a second update of the same instance compares with it. */
    static void written(SharedSessionContractImplementor session, Object entity, Object[] state) {
        if (SNAPSHOTS.contains(session, entity)) {
            SNAPSHOTS.put(session, entity, state.clone());
        }
    }
}
