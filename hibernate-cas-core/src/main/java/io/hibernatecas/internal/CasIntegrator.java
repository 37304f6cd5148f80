package io.hibernatecas.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import io.hibernatecas.CasConfigurationException;
import io.hibernatecas.CasSettings;

import org.hibernate.Version;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.AutoFlushEventListener;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.FlushEventListener;
import org.hibernate.event.spi.MergeEventListener;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.persister.spi.PersisterClassResolver;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

import org.jboss.logging.Logger;

/**
 * Activates hibernate-cas; Hibernate finds it through {@code META-INF/services/org.hibernate.integrator.spi.Integrator}.
 * <p>
 * Runs before the persisters are built: checks the Hibernate version ({@link HibernateVersions}; an unsupported
 * one fails here), validates every {@code @Cas}, makes Hibernate build our coordinators (the ones that add the
 * guards) for each eligible entity ({@link CoordinatorInstallation}) and gives it our row-count
 * {@link CasRowCountExpectation}, and wraps the flush and auto-flush listeners in {@link CasFlushListener}.
 * Eligible means standard state management, {@code VERSION} or {@code NONE} optimistic locking and no custom SQL;
 * other entities keep Hibernate's behaviour, and an entity among them that uses {@code @Cas} fails the bootstrap.
 */
public final class CasIntegrator implements Integrator {

    private static final Logger LOG = Logger.getLogger(CasIntegrator.class);

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext,
            SessionFactoryImplementor sessionFactory) {
        Map<String, Object> settings = sessionFactory.getServiceRegistry()
                .requireService(ConfigurationService.class).getSettings();
        if (!CasConfig.isEnabled(settings)) {
            List<String> unguarded = CasMappingValidator.entitiesUsingCas(metadata);
            if (!unguarded.isEmpty()) {
                LOG.warnf("hibernate-cas is disabled (%s=false): the @Cas attributes of %s are not checked",
                        CasSettings.ENABLED, String.join(", ", unguarded));
            }
            LOG.debugf("hibernate-cas is disabled (%s=false); nothing registered", CasSettings.ENABLED);
            return;
        }
        HibernateVersions.Line line = HibernateVersions.current();
        CasConfig config = CasConfig.from(settings);
        LOG.debugf("hibernate-cas settings: %s; Hibernate ORM %s (%s)", config, Version.getVersionString(), line);
        CasMappingValidator.validate(metadata);
        ExactComparison.declare(sessionFactory, metadata);
        PersisterClassResolver resolver = sessionFactory.getServiceRegistry().getService(PersisterClassResolver.class);

        AtomicBoolean warned = new AtomicBoolean();
        Set<String> usingCas = new HashSet<>(CasMappingValidator.entitiesUsingCas(metadata));
        int guarded = 0;
        for (PersistentClass entity : metadata.getEntityBindings()) {
            if (CoordinatorInstallation.eligible(entity) && persisterReady(entity, resolver)) {
                CoordinatorInstallation.install(entity);
                String name = entity.getEntityName();
                boolean checks = entity.isVersioned() || usingCas.contains(name);
                String root = entity.getRootClass().getEntityName();
                boolean identifierTable = entity.getTable() == entity.getRootTable();
                entity.setUpdateExpectation(() -> new CasRowCountExpectation(name, root, identifierTable, "UPDATE",
                        config.failOnUnverifiable(), checks, warned));
                entity.setDeleteExpectation(() -> new CasRowCountExpectation(name, root, identifierTable, "DELETE",
                        config.failOnUnverifiable(), checks, warned));
                guarded++;
            }
        }
        LOG.debugf("hibernate-cas guards %d entities", guarded);
        registerListeners(sessionFactory, new ConflictTranslator(config));
    }

    /**
     * On Hibernate 7.2/7.3 our coordinators come with our persisters, so an application's own
     * {@code PersisterClassResolver} ({@code hibernate.persister.resolver}, which {@link CasServiceContributor} keeps)
     * leaves an entity with Hibernate's coordinators: one that uses {@code @Cas} fails the bootstrap, any other keeps
     * Hibernate's behaviour.
     */
    private static boolean persisterReady(PersistentClass entity, PersisterClassResolver resolver) {
        if (!CoordinatorInstallation.persisterInstalls(entity) || resolver instanceof CasPersisters) {
            return true;
        }
        Class<?> type = entity.getMappedClass();
        if (type != null && !CasAnnotations.annotatedMembers(type).isEmpty()) {
            throw new CasConfigurationException("Entity '" + entity.getEntityName() + "' uses @Cas but the "
                    + "PersisterClassResolver service is " + (resolver == null ? "missing" : resolver.getClass().getName())
                    + "; on Hibernate ORM " + Version.getVersionString() + " hibernate-cas adds its guards through its "
                    + "own resolver (" + CasPersisters.class.getName() + "): remove the application's resolver, "
                    + "or use Hibernate ORM 7.4");
        }
        LOG.debugf("hibernate-cas leaves %s to Hibernate: the PersisterClassResolver is %s", entity.getEntityName(),
                resolver == null ? null : resolver.getClass().getName());
        return false;
    }

    private static void registerListeners(SessionFactoryImplementor sessionFactory, ConflictTranslator translator) {
        var registry = sessionFactory.getServiceRegistry().requireService(EventListenerRegistry.class);
        var flushGroup = registry.getEventListenerGroup(EventType.FLUSH);
        var autoFlushGroup = registry.getEventListenerGroup(EventType.AUTO_FLUSH);
        List<FlushEventListener> flush = new ArrayList<>();
        flushGroup.listeners().forEach(flush::add);
        List<AutoFlushEventListener> autoFlush = new ArrayList<>();
        autoFlushGroup.listeners().forEach(autoFlush::add);
        CasFlushListener listener = new CasFlushListener(flush, autoFlush, translator);
        flushGroup.clearListeners();
        flushGroup.appendListener(listener);
        autoFlushGroup.clearListeners();
        autoFlushGroup.appendListener(listener);

        var mergeGroup = registry.getEventListenerGroup(EventType.MERGE);
        List<MergeEventListener> merge = new ArrayList<>();
        mergeGroup.listeners().forEach(merge::add);
        mergeGroup.clearListeners();
        mergeGroup.appendListener(new CasMergeListener(merge, translator));
    }

    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
        // the rest lives in the persisters and listeners of this factory
        ExactComparison.forget(sessionFactory);
    }
}
