package io.hibernatecas.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.hibernatecas.CasSettings;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.OptimisticLockStyle;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.AutoFlushEventListener;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.FlushEventListener;
import org.hibernate.event.spi.MergeEventListener;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

import org.jboss.logging.Logger;

/**
 * Activates hibernate-cas; Hibernate finds it through {@code META-INF/services/org.hibernate.integrator.spi.Integrator}.
 * <p>
 * Runs before the persisters are built: validates every {@code @Cas}, gives each eligible entity hierarchy our
 * {@link CasStateManagement} (the coordinators that add the guards) and our row-count
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
        CasConfig config = CasConfig.from(settings);
        LOG.debugf("hibernate-cas settings: %s", config);
        CasMappingValidator.validate(metadata);

        AtomicBoolean warned = new AtomicBoolean();
        int guarded = 0;
        for (PersistentClass entity : metadata.getEntityBindings()) {
            if (eligible(entity)) {
                entity.getRootClass().setStateManagementType(CasStateManagement.class);
                String name = entity.getEntityName();
                entity.setUpdateExpectation(
                        () -> new CasRowCountExpectation(name, "UPDATE", config.failOnUnverifiable(), warned));
                entity.setDeleteExpectation(
                        () -> new CasRowCountExpectation(name, "DELETE", config.failOnUnverifiable(), warned));
                guarded++;
            }
        }
        LOG.debugf("hibernate-cas guards %d entities", guarded);
        registerListeners(sessionFactory, new ConflictTranslator(config));
    }

    private static boolean eligible(PersistentClass entity) {
        var root = entity.getRootClass();
        OptimisticLockStyle style = root.getOptimisticLockStyle();
        boolean standardState = root.getStateManagementType() == null
                || root.getStateManagementType() == CasStateManagement.class;
        return standardState
                && (style == OptimisticLockStyle.VERSION || style == OptimisticLockStyle.NONE)
                && entity.getCustomSQLUpdate() == null
                && entity.getCustomSQLDelete() == null;
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
        // nothing to release: all state lives in the persisters and listeners of this factory
    }
}
