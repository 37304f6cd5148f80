package io.hibernatecas.internal;

import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.persister.entity.EntityPersister;

/**
 * The loaded state of guarded entities read through a {@code StatelessSession}, which keeps no snapshot of its own:
 * without it a {@code StatelessSession.update()} or {@code delete()} would have nothing to compare a
 * {@link io.hibernatecas.Cas @Cas} guard with.
 * <p>
 * {@link CasPersisters} copy the state of each guarded entity a stateless session loads; the copy lives until the
 * session ends (a {@code SessionEventListener#end()} callback removes it) or until the application no longer
 * references the instance (the keys are weak), so a scroll through many rows keeps only what the caller holds. The
 * guarded values are deep copies (the attribute's mutability plan): an in-place change of a {@code Date}, an array
 * or an embeddable after {@code update()} must not change the snapshot too. Stateful sessions are not touched: their
 * persistence context has the snapshot already. An instance the stateless session did not load has no snapshot, and
 * writing it is refused with a message rather than run unguarded.
 */
final class StatelessSnapshots {

    private static final SessionScoped<Object[]> SNAPSHOTS = SessionScoped.weak();

    private StatelessSnapshots() {
    }

    /** Keeps a copy of the state a stateless session just loaded into {@code entity}. */
    static void record(SharedSessionContractImplementor session, EntityPersister persister, Object entity) {
        if (!(persister.getUpdateCoordinator() instanceof CasUpdateCoordinator coordinator)
                || coordinator.guards().isEmpty()) {
            return;
        }
        SNAPSHOTS.put(session, entity, copy(coordinator.guards(), persister.getValues(entity)));
    }

    /** {@code state} with every guarded value deep-copied. */
    private static Object[] copy(GuardModel model, Object[] state) {
        for (Guard guard : model.guards()) {
            Object value = state[guard.index()];
            if (GuardModel.isFetched(value)) {
                var mutability = guard.attribute().getAttributeMetadata().getMutabilityPlan();
                state[guard.index()] = mutability.deepCopy(value);
            }
        }
        return state;
    }

    /** The number of instances whose snapshot this stateless session still keeps. */
    static int size(SharedSessionContractImplementor session) {
        return SNAPSHOTS.size(session);
    }

    /** The state this stateless session loaded for {@code entity}, or {@code null}. */
    static Object[] of(SharedSessionContractImplementor session, Object entity) {
        return SNAPSHOTS.get(session, entity);
    }

    /** Records the state just written, so a second update of the same instance compares with it. */
    static void written(SharedSessionContractImplementor session, GuardModel model, Object entity, Object[] state) {
        if (SNAPSHOTS.contains(session, entity)) {
            SNAPSHOTS.put(session, entity, copy(model, state.clone()));
        }
    }
}
