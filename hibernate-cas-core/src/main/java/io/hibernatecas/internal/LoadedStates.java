package io.hibernatecas.internal;

import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * The loaded state of an entity written outside a persistence context. A {@code StatelessSession} keeps no
 * snapshot, so there is no loaded value to compare a {@link io.hibernatecas.Cas @Cas} guard with; rather than run
 * the statement unguarded we refuse it and say why.
 */
final class LoadedStates {

    private LoadedStates() {
    }

    static Object[] forStatelessWrite(GuardModel model, Object entity, Object id,
            SharedSessionContractImplementor session) {
        if (model.isEmpty()) {
            return null;
        }
        throw new IllegalStateException("Cannot check the @Cas guards of [" + model.persister().getEntityName() + "#"
                + id + "]: no loaded state is known for this instance");
    }
}
