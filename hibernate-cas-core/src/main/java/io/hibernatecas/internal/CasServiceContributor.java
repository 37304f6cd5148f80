package io.hibernatecas.internal;

import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.persister.spi.PersisterClassResolver;
import org.hibernate.service.spi.ServiceContributor;

/**
 * Contributes {@link CasPersisters} as the {@link PersisterClassResolver}, found through
 * {@code META-INF/services/org.hibernate.service.spi.ServiceContributor}. With {@code hibernate.cas.enabled=false}
 * it contributes nothing. It is also the first hibernate-cas code Hibernate runs, so it checks the Hibernate version
 * ({@link HibernateVersions}). If the application registers a resolver of its own, that one wins: stateless-session
 * guards are then not available (the update is refused, never run unguarded), and on Hibernate 7.2/7.3, where our
 * persisters build our coordinators, an entity with {@code @Cas} fails the bootstrap ({@link CasIntegrator}).
 */
public final class CasServiceContributor implements ServiceContributor {

    @Override
    public void contribute(StandardServiceRegistryBuilder serviceRegistryBuilder) {
        if (CasConfig.isEnabled(serviceRegistryBuilder.getSettings())) {
            // the first hibernate-cas code Hibernate runs: an unsupported version fails here, before anything else
            HibernateVersions.current();
            serviceRegistryBuilder.addService(PersisterClassResolver.class, new CasPersisters());
        }
    }
}
