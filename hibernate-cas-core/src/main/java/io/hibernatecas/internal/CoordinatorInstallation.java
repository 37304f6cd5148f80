package io.hibernatecas.internal;

import java.util.Map;

import org.hibernate.engine.OptimisticLockStyle;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.RootClass;
import org.hibernate.metamodel.mapping.SingularAttributeMapping;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.persister.entity.mutation.DeleteCoordinator;
import org.hibernate.persister.entity.mutation.UpdateCoordinator;
import org.hibernate.persister.entity.mutation.UpdateCoordinatorNoOp;

/**
 * How our coordinators reach an entity's persister, on each supported Hibernate line
 * ({@link HibernateVersions.Line}); the only class that knows the difference:
 * <ul>
 *   <li>7.4 ({@code STATE_MANAGEMENT}): {@link #install} assigns {@link CasStateManagement} to the hierarchy
 *       ({@code RootClass#setStateManagementType}, incubating) and Hibernate asks it for the coordinators;</li>
 *   <li>7.2, 7.3 ({@code PERSISTER_HOOKS}): there is no {@code StateManagement}; every eligible entity gets one of
 *       {@link CasPersisters}, whose {@code buildUpdateCoordinator()}/{@code buildDeleteCoordinator()} (protected
 *       methods of 7.2/7.3's {@code AbstractEntityPersister}) call {@link #updateCoordinator}/{@link
 *       #deleteCoordinator}.</li>
 * </ul>
 * It also answers which entities we may guard ({@link #eligible}) and which non-standard state management an
 * entity has ({@link #customStateManagement}): 7.4 names it by its {@code StateManagement} class; 7.2/7.3 have
 * {@code @SoftDelete} only.
 */
final class CoordinatorInstallation {

    private CoordinatorInstallation() {
    }

    /**
     * Whether hibernate-cas guards this entity: standard state management, {@code VERSION} or {@code NONE}
     * optimistic locking and no custom SQL. Other entities keep Hibernate's behaviour.
     */
    static boolean eligible(PersistentClass entity) {
        OptimisticLockStyle style = entity.getRootClass().getOptimisticLockStyle();
        return customStateManagement(entity.getRootClass()) == null
                && (style == OptimisticLockStyle.VERSION || style == OptimisticLockStyle.NONE)
                && entity.getCustomSQLUpdate() == null
                && entity.getCustomSQLDelete() == null;
    }

    /**
     * The non-standard state management of a hierarchy ({@code SoftDeleteStateManagement}, ... on 7.4;
     * {@code "Hibernate's soft delete"} on 7.2/7.3, whose only one is {@code @SoftDelete}), or {@code null} for
     * Hibernate's standard one (or ours).
     */
    static String customStateManagement(RootClass root) {
        if (HibernateVersions.current() == HibernateVersions.Line.PERSISTER_HOOKS) {
            return root.getSoftDeleteColumn() != null ? "Hibernate's soft delete" : null;
        }
        var type = root.getStateManagementType();
        return type == null || type == CasStateManagement.class ? null : type.getSimpleName();
    }

    /**
     * Makes Hibernate 7.4 build our coordinators for this (eligible) entity's hierarchy. On 7.2/7.3 the persister
     * does it, if {@link CasPersisters} is the persister class resolver ({@link #persisterInstalls}).
     */
    static void install(PersistentClass entity) {
        if (HibernateVersions.current() == HibernateVersions.Line.STATE_MANAGEMENT) {
            entity.getRootClass().setStateManagementType(CasStateManagement.class);
        }
    }

    /** Whether the persister of an (eligible) entity must be one of {@link CasPersisters} on this line. */
    static boolean persisterInstalls(PersistentClass entity) {
        return HibernateVersions.current() == HibernateVersions.Line.PERSISTER_HOOKS && eligible(entity);
    }

    /**
     * Our {@code UPDATE} coordinator, or Hibernate's no-op one for an entity with no singular attribute (nothing
     * to update, nothing to guard), as Hibernate decides it.
     */
    static UpdateCoordinator updateCoordinator(EntityPersister persister) {
        var attributes = persister.getAttributeMappings();
        for (int i = 0; i < attributes.size(); i++) {
            if (attributes.get(i) instanceof SingularAttributeMapping) {
                return new CasUpdateCoordinator(persister, config(persister));
            }
        }
        return new UpdateCoordinatorNoOp(persister);
    }

    /** Our {@code DELETE} coordinator. */
    static DeleteCoordinator deleteCoordinator(EntityPersister persister) {
        return new CasDeleteCoordinator(persister, config(persister));
    }

    private static CasConfig config(EntityPersister persister) {
        Map<String, Object> settings = persister.getFactory().getServiceRegistry()
                .requireService(ConfigurationService.class).getSettings();
        return CasConfig.from(settings);
    }
}
