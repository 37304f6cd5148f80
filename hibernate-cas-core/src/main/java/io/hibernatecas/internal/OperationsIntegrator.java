package io.hibernatecas.internal;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

import org.jboss.logging.Logger;

/**
 * Prepares {@link io.hibernatecas.CasOperations} for one {@code SessionFactory}: reads the unique constraints of
 * every entity table from the boot model (the only place Hibernate keeps them) and opens the factory's
 * {@link OperationsRegistry}, which the factory's close removes again.
 * <p>
 * Registered in {@code META-INF/services/org.hibernate.integrator.spi.Integrator}. With
 * {@code hibernate.cas.enabled=false} it registers nothing, like {@link CasIntegrator}, and the operations refuse to
 * run on that factory with a message that says why.
 */
public final class OperationsIntegrator implements Integrator {

    private static final Logger LOG = Logger.getLogger(OperationsIntegrator.class);

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext,
            SessionFactoryImplementor sessionFactory) {
        var settings = sessionFactory.getServiceRegistry()
                .requireService(org.hibernate.engine.config.spi.ConfigurationService.class).getSettings();
        if (!CasConfig.isEnabled(settings)) {
            return;
        }
        UniqueKeys keys = UniqueKeys.from(metadata);
        OperationsRegistry.open(sessionFactory, keys);
        LOG.debugf("CasOperations ready; unique keys per entity: %s", keys);
    }

    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
        OperationsRegistry.close(sessionFactory);
    }
}
