package io.hibernatecas.internal;

import org.hibernate.HibernateException;
import org.hibernate.cache.spi.access.EntityDataAccess;
import org.hibernate.cache.spi.access.NaturalIdDataAccess;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.generator.values.GeneratedValuesMutationDelegate;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.metamodel.spi.RuntimeModelCreationContext;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.persister.entity.JoinedSubclassEntityPersister;
import org.hibernate.persister.entity.SingleTableEntityPersister;
import org.hibernate.persister.entity.UnionSubclassEntityPersister;
import org.hibernate.persister.entity.mutation.DeleteCoordinator;
import org.hibernate.persister.entity.mutation.UpdateCoordinator;
import org.hibernate.persister.internal.StandardPersisterClassResolver;

/**
 * Hibernate's three entity persisters, each with two additions:
 * <ul>
 *   <li>when a {@code StatelessSession} loads an entity that has {@link io.hibernatecas.Cas @Cas} guards,
 *       {@link StatelessSnapshots} keeps a copy of its loaded state, because a stateless session fires no load events
 *       and keeps no snapshot that a later {@code update()} could compare with;</li>
 *   <li>on Hibernate 7.2/7.3 they build our coordinators: {@code buildUpdateCoordinator()} and
 *       {@code buildDeleteCoordinator()} override the protected factory methods of those versions'
 *       {@code AbstractEntityPersister} (7.4 has none and never calls them; there {@link CasStateManagement} does
 *       it). They carry no {@code @Override} because the 7.4 baseline we compile against lacks them.</li>
 * </ul>
 * <b>Hibernate SPI touched here</b>: the public persister constructors, {@code afterInitialize}, the 7.2/7.3
 * coordinator factory methods, and the {@code PersisterClassResolver} service, which {@link CasServiceContributor}
 * replaces with this resolver. Entities that use {@code @Cas} get one of these persisters, and on 7.2/7.3 so does
 * every entity we guard ({@link CoordinatorInstallation#persisterInstalls}); every other entity gets Hibernate's.
 * <p>
 * Those of entities with guards also have no update delegate ({@code createUpdateDelegate}): for an entity with
 * values the database generates on update ({@code @CurrentTimestamp}, {@code @UpdateTimestamp(source = DB)},
 * {@code @Generated(event = UPDATE)}) Hibernate builds the identifier-table {@code UPDATE} with the delegate's own builder ({@code update ... returning}
 * or {@code getGeneratedKeys}), which bypasses the hook that adds the guards. Without a delegate Hibernate builds
 * its standard statement, which carries them, and reads the generated values with a {@code SELECT} after the
 * update, as it always does on MariaDB: one more statement per update of such an entity on H2 and PostgreSQL.
 */
final class CasPersisters extends StandardPersisterClassResolver {

    @Override
    public Class<? extends EntityPersister> getEntityPersisterClass(PersistentClass model) {
        Class<? extends EntityPersister> standard = super.getEntityPersisterClass(model);
        Class<?> type = model.getMappedClass();
        boolean usesCas = type != null && !CasAnnotations.annotatedMembers(type).isEmpty();
        if (!usesCas && !CoordinatorInstallation.persisterInstalls(model)) {
            return standard;
        }
        return standard == JoinedSubclassEntityPersister.class ? Joined.class
                : standard == UnionSubclassEntityPersister.class ? Union.class
                : standard == SingleTableEntityPersister.class ? SingleTable.class
                : standard;
    }

    /** Whether the entity declares {@code @Cas} guards (on 7.2/7.3 unguarded entities get these persisters too). */
    private static boolean guarded(EntityPersister persister) {
        Class<?> type = persister.getMappedClass();
        return type != null && !CasAnnotations.annotatedMembers(type).isEmpty();
    }

    private static void loaded(EntityPersister persister, Object entity, SharedSessionContractImplementor session) {
        if (session.isStateless()) {
            StatelessSnapshots.record(session, persister, entity);
        }
    }

    /** {@link SingleTableEntityPersister} that snapshots stateless loads. */
    public static final class SingleTable extends SingleTableEntityPersister {
        public SingleTable(PersistentClass persistentClass, EntityDataAccess cache, NaturalIdDataAccess naturalIdCache,
                RuntimeModelCreationContext context) throws HibernateException {
            super(persistentClass, cache, naturalIdCache, context);
        }

        @Override
        protected GeneratedValuesMutationDelegate createUpdateDelegate() {
            return guarded(this) ? null : super.createUpdateDelegate();
        }

        @Override
        public void afterInitialize(Object entity, SharedSessionContractImplementor session) {
            super.afterInitialize(entity, session);
            loaded(this, entity, session);
        }

        /** Hibernate 7.2/7.3 only (see the class comment). */
        protected UpdateCoordinator buildUpdateCoordinator() {
            return CoordinatorInstallation.updateCoordinator(this);
        }

        /** Hibernate 7.2/7.3 only (see the class comment). */
        protected DeleteCoordinator buildDeleteCoordinator() {
            return CoordinatorInstallation.deleteCoordinator(this);
        }
    }

    /** {@link JoinedSubclassEntityPersister} that snapshots stateless loads. */
    public static final class Joined extends JoinedSubclassEntityPersister {
        public Joined(PersistentClass persistentClass, EntityDataAccess cache, NaturalIdDataAccess naturalIdCache,
                RuntimeModelCreationContext context) throws HibernateException {
            super(persistentClass, cache, naturalIdCache, context);
        }

        @Override
        protected GeneratedValuesMutationDelegate createUpdateDelegate() {
            return guarded(this) ? null : super.createUpdateDelegate();
        }

        @Override
        public void afterInitialize(Object entity, SharedSessionContractImplementor session) {
            super.afterInitialize(entity, session);
            loaded(this, entity, session);
        }

        /** Hibernate 7.2/7.3 only (see the class comment). */
        protected UpdateCoordinator buildUpdateCoordinator() {
            return CoordinatorInstallation.updateCoordinator(this);
        }

        /** Hibernate 7.2/7.3 only (see the class comment). */
        protected DeleteCoordinator buildDeleteCoordinator() {
            return CoordinatorInstallation.deleteCoordinator(this);
        }
    }

    /** {@link UnionSubclassEntityPersister} that snapshots stateless loads. */
    public static final class Union extends UnionSubclassEntityPersister {
        public Union(PersistentClass persistentClass, EntityDataAccess cache, NaturalIdDataAccess naturalIdCache,
                RuntimeModelCreationContext context) throws HibernateException {
            super(persistentClass, cache, naturalIdCache, context);
        }

        @Override
        protected GeneratedValuesMutationDelegate createUpdateDelegate() {
            return guarded(this) ? null : super.createUpdateDelegate();
        }

        @Override
        public void afterInitialize(Object entity, SharedSessionContractImplementor session) {
            super.afterInitialize(entity, session);
            loaded(this, entity, session);
        }

        /** Hibernate 7.2/7.3 only (see the class comment). */
        protected UpdateCoordinator buildUpdateCoordinator() {
            return CoordinatorInstallation.updateCoordinator(this);
        }

        /** Hibernate 7.2/7.3 only (see the class comment). */
        protected DeleteCoordinator buildDeleteCoordinator() {
            return CoordinatorInstallation.deleteCoordinator(this);
        }
    }
}
