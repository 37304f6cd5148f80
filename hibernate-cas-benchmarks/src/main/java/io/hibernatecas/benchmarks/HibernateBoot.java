package io.hibernatecas.benchmarks;

import io.hibernatecas.CasSettings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.BatchSettings;
import org.hibernate.cfg.JdbcSettings;
import org.hibernate.cfg.SchemaToolingSettings;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityTransaction;

/**
 * Builds the {@link SessionFactory} of a benchmark trial over its {@link BenchDataSource}: the tables of
 * {@code entities} are dropped and created, hibernate-cas is on or off ({@code hibernate.cas.enabled}), and JDBC
 * batching is {@code hibernate.jdbc.batch_size=50} or off ({@code 1}). The dialect is detected.
 */
public final class HibernateBoot {

    public static final int BATCH_SIZE = 50;

    private final Map<String, Object> settings = new LinkedHashMap<>();

    private HibernateBoot(BenchDataSource dataSource) {
        settings.put(JdbcSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
        settings.put(SchemaToolingSettings.HBM2DDL_AUTO, "create");
        settings.put(CasSettings.ENABLED, "true");
        settings.put(BatchSettings.STATEMENT_BATCH_SIZE, String.valueOf(BATCH_SIZE));
    }

    public static HibernateBoot over(BenchDataSource dataSource) {
        return new HibernateBoot(dataSource);
    }

    public HibernateBoot cas(boolean enabled) {
        return setting(CasSettings.ENABLED, String.valueOf(enabled));
    }

    public HibernateBoot batched(boolean batched) {
        return setting(BatchSettings.STATEMENT_BATCH_SIZE, batched ? String.valueOf(BATCH_SIZE) : "1");
    }

    public HibernateBoot setting(String key, Object value) {
        settings.put(key, value);
        return this;
    }

    public SessionFactory build(Class<?>... entities) {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder().applySettings(settings).build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            for (Class<?> entity : entities) {
                sources.addAnnotatedClass(entity);
            }
            return sources.buildMetadata().buildSessionFactory();
        }
        catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }

    /** Runs {@code work} in a transaction of its own, commits, and returns what {@code work} returned. */
    public static <T> T inTransactionReturning(SessionFactory factory, Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        EntityTransaction transaction = em.getTransaction();
        try {
            transaction.begin();
            T result = work.apply(em);
            transaction.commit();
            return result;
        }
        finally {
            if (transaction.isActive()) {
                transaction.rollback();
            }
            em.close();
        }
    }

    /** Runs {@code work} in a transaction of its own and commits. */
    public static void inTransaction(SessionFactory factory, Consumer<EntityManager> work) {
        inTransactionReturning(factory, em -> {
            work.accept(em);
            return null;
        });
    }
}
