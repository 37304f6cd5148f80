package io.hibernatecas.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.EntityPersister;

/**
 * What {@link io.hibernatecas.CasOperations} keeps per {@code SessionFactory}: the unique keys read at bootstrap and,
 * per entity persister, the {@link EntityModel} with its cached SQL.
 * <p>
 * The registries live in a static map keyed by the factory, because the operations are static methods that only
 * receive an {@code EntityManager}. {@link OperationsIntegrator} opens a factory's registry while the factory is
 * built and closes it when the factory closes, so nothing outlives its factory. A factory built without that
 * integrator gets a registry on first use that knows no unique keys (so {@code findOrCreate} rejects every key).
 */
final class OperationsRegistry {

    private static final Map<SessionFactoryImplementor, OperationsRegistry> REGISTRIES = new ConcurrentHashMap<>();

    private final SessionFactoryImplementor factory;
    private final UniqueKeys uniqueKeys;
    private final ColumnPrecision normalizer;
    private final InsertDialect insertDialect;
    private final ExactComparison exact;
    private final Map<EntityPersister, EntityModel> models = new ConcurrentHashMap<>();

    private OperationsRegistry(SessionFactoryImplementor factory, UniqueKeys uniqueKeys) {
        this.factory = factory;
        this.uniqueKeys = uniqueKeys;
        this.normalizer = new ColumnPrecision(factory.getJdbcServices().getDialect());
        this.insertDialect = InsertDialect.of(factory.getJdbcServices().getDialect());
        this.exact = ExactComparison.of(factory);
    }

    static void open(SessionFactoryImplementor factory, UniqueKeys uniqueKeys) {
        REGISTRIES.put(factory, new OperationsRegistry(factory, uniqueKeys));
    }

    static void close(SessionFactoryImplementor factory) {
        REGISTRIES.remove(factory);
    }

    static OperationsRegistry of(SessionFactoryImplementor factory) {
        OperationsRegistry registry = REGISTRIES.get(factory);
        if (registry != null) {
            return registry;
        }
        if (!CasConfig.isEnabled(factory.getProperties())) {
            throw new IllegalStateException("CasOperations cannot be used with this EntityManagerFactory: hibernate-cas "
                    + "is disabled for it (" + io.hibernatecas.CasSettings.ENABLED + "=false)");
        }
        return REGISTRIES.computeIfAbsent(factory, f -> new OperationsRegistry(f, UniqueKeys.none()));
    }

    EntityModel model(EntityPersister persister) {
        EntityModel model = models.get(persister);
        return model != null ? model : models.computeIfAbsent(persister, p -> new EntityModel(p, this));
    }

    SessionFactoryImplementor factory() {
        return factory;
    }

    UniqueKeys uniqueKeys() {
        return uniqueKeys;
    }

    ColumnPrecision normalizer() {
        return normalizer;
    }

    InsertDialect insertDialect() {
        return insertDialect;
    }

    ExactComparison exact() {
        return exact;
    }
}
