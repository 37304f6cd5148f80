package io.hibernatecas.internal;

import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * The loaded state of an entity written outside a persistence context, from {@link StatelessSnapshots}. An instance
 * with no known loaded state is refused with a message rather than written unguarded.
 */
final class LoadedStates {

    private LoadedStates() {
    }

    static Object[] forStatelessWrite(GuardModel model, Object entity, Object id,
            SharedSessionContractImplementor session) {
        if (model.isEmpty()) {
            return null;
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
