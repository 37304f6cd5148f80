package io.hibernatecas.internal;

import java.util.Map;

import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.persister.entity.mutation.DeleteCoordinator;
import org.hibernate.persister.entity.mutation.UpdateCoordinator;
import org.hibernate.persister.entity.mutation.UpdateCoordinatorNoOp;
import org.hibernate.persister.state.internal.AbstractStateManagement;

/**
 * Hibernate's standard state management with our {@code UPDATE} and {@code DELETE} coordinators. The integrator
 * assigns it to every entity hierarchy it guards ({@code RootClass#setStateManagementType}), which is how a
 * coordinator is chosen per entity since Hibernate 7.4.
 * <p>
 * <b>Incubating Hibernate SPI</b>: {@code org.hibernate.persister.state.spi.StateManagement} (7.4, {@code @Incubating})
 * and its internal base class {@code AbstractStateManagement}. Hibernate looks up the public static
 * {@code INSTANCE} field by reflection.
 */
public final class CasStateManagement extends AbstractStateManagement {

    /** The instance Hibernate uses; the class has no other state. */
    public static final CasStateManagement INSTANCE = new CasStateManagement();

    private CasStateManagement() {
    }

    @Override
    public UpdateCoordinator createUpdateCoordinator(EntityPersister persister) {
        UpdateCoordinator standard = super.createUpdateCoordinator(persister);
        // an entity with no singular attribute gets Hibernate's no-op coordinator: nothing to guard
        return standard instanceof UpdateCoordinatorNoOp ? standard
                : new CasUpdateCoordinator(persister, config(persister));
    }

    @Override
    public DeleteCoordinator createDeleteCoordinator(EntityPersister persister) {
        return new CasDeleteCoordinator(persister, config(persister));
    }

    private static CasConfig config(EntityPersister persister) {
        Map<String, Object> settings = persister.getFactory().getServiceRegistry()
                .requireService(ConfigurationService.class).getSettings();
        return CasConfig.from(settings);
    }
}
