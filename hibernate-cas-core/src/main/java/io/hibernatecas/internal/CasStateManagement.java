package io.hibernatecas.internal;

import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.persister.entity.mutation.DeleteCoordinator;
import org.hibernate.persister.entity.mutation.UpdateCoordinator;
import org.hibernate.persister.state.internal.AbstractStateManagement;

/**
 * Hibernate's standard state management with our {@code UPDATE} and {@code DELETE} coordinators. On Hibernate 7.4,
 * {@link CoordinatorInstallation} assigns it to every entity hierarchy we guard ({@code RootClass#setStateManagementType}),
 * which is how a coordinator is chosen per entity since 7.4. Hibernate 7.2/7.3 have no such SPI and never load
 * this class (there {@link CasPersisters} build the coordinators).
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
        return CoordinatorInstallation.updateCoordinator(persister);
    }

    @Override
    public DeleteCoordinator createDeleteCoordinator(EntityPersister persister) {
        return CoordinatorInstallation.deleteCoordinator(persister);
    }
}
