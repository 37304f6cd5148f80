package io.hibernatecas.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.AbstractEntityPersister;

/**
 * The entities of a factory that hibernate-cas guards: those whose persister deletes through a
 * {@link CasDeleteCoordinator}, which the integrator installs together with the update coordinator on every entity
 * it guards (whatever the Hibernate version's way of installing it).
 */
public final class GuardedEntities {

    private GuardedEntities() {
    }

    public static List<String> of(SessionFactoryImplementor factory) {
        List<String> names = new ArrayList<>();
        factory.getMappingMetamodel().forEachEntityDescriptor(persister -> {
            if (persister instanceof AbstractEntityPersister standard
                    && standard.getDeleteCoordinator() instanceof CasDeleteCoordinator) {
                names.add(persister.getEntityName());
            }
        });
        Collections.sort(names);
        return List.copyOf(names);
    }
}
