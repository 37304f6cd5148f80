package io.hibernatecas.internal;

import java.util.Map;

import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.persister.internal.PersisterClassResolverInitiator;
import org.hibernate.persister.spi.PersisterClassResolver;
import org.hibernate.service.spi.ServiceContributor;

import org.jboss.logging.Logger;

/**
 * Contributes {@link CasPersisters} as the {@link PersisterClassResolver}, found through
 * {@code META-INF/services/org.hibernate.service.spi.ServiceContributor}. With {@code hibernate.cas.enabled=false}
 * it contributes nothing. It is also the first hibernate-cas code Hibernate runs, so it checks the Hibernate version
 * ({@link HibernateVersions}).
 * <p>
 * An application that names a resolver of its own ({@code hibernate.persister.resolver}) keeps it: we contribute
 * nothing. Stateless-session guards are then not available (the update is refused, never run unguarded), and on
 * Hibernate 7.2/7.3, where our persisters build our coordinators, an entity with {@code @Cas} fails the bootstrap
 * ({@link CasIntegrator}); other entities keep Hibernate's behaviour.
 */
public final class CasServiceContributor implements ServiceContributor {

    private static final Logger LOG = Logger.getLogger(CasServiceContributor.class);

    @Override
    public void contribute(StandardServiceRegistryBuilder serviceRegistryBuilder) {
        Map<String, Object> settings = serviceRegistryBuilder.getSettings();
        if (!CasConfig.isEnabled(settings)) {
            return;
        }
        // the first hibernate-cas code Hibernate runs: an unsupported version fails here, before anything else
        HibernateVersions.current();
        Object own = settings.get(PersisterClassResolverInitiator.IMPL_NAME);
        if (own != null) {
            LOG.debugf("hibernate-cas keeps the application's %s=%s", PersisterClassResolverInitiator.IMPL_NAME, own);
            return;
        }
        serviceRegistryBuilder.addService(PersisterClassResolver.class, new CasPersisters());
    }
}
