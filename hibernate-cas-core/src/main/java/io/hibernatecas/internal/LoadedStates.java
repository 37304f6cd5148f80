package io.hibernatecas.internal;

import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * The loaded state of an entity whose persistence context has none: written by a {@code StatelessSession} (then
 * from {@link StatelessSnapshots}), or read-only in a stateful session ({@code @Immutable}, loaded read-only), which
 * keeps no snapshot. An instance with no known loaded state is refused with a message rather than written unguarded.
 */
final class LoadedStates {

    private LoadedStates() {
    }

    static Object[] forWrite(GuardModel model, Object entity, Object id,
            SharedSessionContractImplementor session) {
        if (model.isEmpty()) {
            return null;
        }
        if (!session.isStateless() && entity != null && session.getPersistenceContextInternal().getEntry(entity) != null) {
            // a read-only entity: Hibernate never writes its in-memory changes and takes its current values as its
            // loaded state when it deletes it (DefaultDeleteEventListener); the guards compare with the same values
            return model.persister().getValues(entity);
        }
        Object[] loaded = StatelessSnapshots.of(session, entity);
        if (loaded != null) {
            return loaded;
        }
        throw new IllegalStateException("Cannot check the @Cas guards of [" + model.persister().getEntityName() + "#"
                + id + "]: this instance was not loaded by this session, so its loaded values are unknown; load it "
                + "with the same StatelessSession (get() or a query) before update() or delete()");
    }
}
