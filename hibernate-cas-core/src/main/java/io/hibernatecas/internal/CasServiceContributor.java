package io.hibernatecas.internal;

import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.persister.spi.PersisterClassResolver;
import org.hibernate.service.spi.ServiceContributor;

/**
 * Contributes {@link CasPersisters} as the {@link PersisterClassResolver}, found through
 * {@code META-INF/services/org.hibernate.service.spi.ServiceContributor}. With {@code hibernate.cas.enabled=false}
 * it contributes nothing. If the application registers a resolver of its own, that one wins and stateless-session
 * guards are not available (the update is then refused, never run unguarded).
 */
public final class CasServiceContributor implements ServiceContributor {

    @Override
    public void contribute(StandardServiceRegistryBuilder serviceRegistryBuilder) {
        if (CasConfig.isEnabled(serviceRegistryBuilder.getSettings())) {
            serviceRegistryBuilder.addService(PersisterClassResolver.class, new CasPersisters());
        }
    }
}
