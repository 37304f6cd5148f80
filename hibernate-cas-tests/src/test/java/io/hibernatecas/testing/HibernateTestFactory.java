package io.hibernatecas.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.JdbcSettings;
import org.hibernate.cfg.SchemaToolingSettings;

/**
 * Builds a Hibernate 7 {@link SessionFactory} (which is also a {@code jakarta.persistence.EntityManagerFactory})
 * on a {@link TestDatabase}, wired for assertions:
 *
 * <ul>
 *   <li>connections come from a {@link CountingDataSource} ({@code jakarta.persistence.nonJtaDataSource}) over a
 *       non-pooled {@link DriverManagerDataSource}, so {@link HibernateFixture#jdbc()} counts real executions,
 *       batches and rows;</li>
 *   <li>{@link SqlCapture} is the {@code hibernate.session_factory.statement_inspector}
 *       ({@link HibernateFixture#sql()});</li>
 *   <li>{@code hibernate.hbm2ddl.auto=create-drop} (override with {@link Builder#setting});</li>
 *   <li>no dialect is set: Hibernate detects it from the connection;</li>
 *   <li>transaction isolation stays the database default unless {@link Builder#isolation(int)} or the
 *       setting {@code hibernate.connection.isolation} (an {@code int} or {@code Integer}) is given; the data
 *       source applies it to every connection, since Hibernate ignores that setting for data sources.</li>
 * </ul>
 *
 * <p>The factory is registered with {@link TestDatabase#closeAtEnd}, so it is closed before the database is
 * dropped; closing it earlier is fine. Counters are reset after boot, so they start at zero.
 *
 * <pre>{@code
 * HibernateFixture h = HibernateTestFactory.forDatabase(db)
 *         .entities(HarnessEntity.class)
 *         .setting("hibernate.jdbc.batch_size", 50)
 *         .build();
 * }</pre>
 */
public final class HibernateTestFactory {

    private HibernateTestFactory() {
    }

    public static Builder forDatabase(TestDatabase database) {
        return new Builder(database);
    }

    /** One-call form: {@code entities} mapped, {@code settings} applied on top of the defaults. */
    public static HibernateFixture build(TestDatabase database, List<Class<?>> entities, Map<String, Object> settings) {
        return forDatabase(database).entities(entities).settings(settings).build();
    }

    /** Collects entities and settings; {@link #build()} boots Hibernate. */
    public static final class Builder {
        private final TestDatabase database;
        private final List<Class<?>> entities = new ArrayList<>();
        private final Map<String, Object> settings = new LinkedHashMap<>();
        private Integer isolation;
        private String urlParameters = "";

        private Builder(TestDatabase database) {
            this.database = database;
            settings.put(SchemaToolingSettings.HBM2DDL_AUTO, "create-drop");
            if (HarnessConfig.showSql()) {
                settings.put(JdbcSettings.SHOW_SQL, true);
            }
        }

        public Builder entities(Class<?>... classes) {
            return entities(Arrays.asList(classes));
        }

        public Builder entities(Collection<Class<?>> classes) {
            entities.addAll(classes);
            return this;
        }

        public Builder setting(String name, Object value) {
            settings.put(name, value);
            return this;
        }

        public Builder settings(Map<String, ?> values) {
            settings.putAll(values);
            return this;
        }

        /** A {@link java.sql.Connection} {@code TRANSACTION_*} level for every connection. */
        public Builder isolation(int level) {
            isolation = level;
            return this;
        }

        /** Driver properties appended to the JDBC URL, e.g. {@code useBulkStmts=true}. */
        public Builder urlParameters(String parameters) {
            urlParameters = parameters;
            return this;
        }

        public HibernateFixture build() {
            Map<String, Object> effective = new LinkedHashMap<>(settings);
            Object level = effective.remove(JdbcSettings.ISOLATION);
            Integer isolationLevel = isolation != null ? isolation
                    : level == null ? null : Integer.valueOf(level.toString());
            JdbcCounter counter = new JdbcCounter();
            SqlCapture sql = new SqlCapture();
            CountingDataSource dataSource = new CountingDataSource(new DriverManagerDataSource(
                    withParameters(database.jdbcUrl(), urlParameters), database.user(), database.password(), isolationLevel), counter);
            effective.put(JdbcSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
            effective.putIfAbsent(JdbcSettings.STATEMENT_INSPECTOR, sql);

            StandardServiceRegistry registry = new StandardServiceRegistryBuilder().applySettings(effective).build();
            SessionFactory sessionFactory;
            try {
                MetadataSources sources = new MetadataSources(registry);
                entities.forEach(sources::addAnnotatedClass);
                sessionFactory = sources.buildMetadata().buildSessionFactory();
            } catch (RuntimeException e) {
                StandardServiceRegistryBuilder.destroy(registry);
                throw e;
            }
            HibernateFixture fixture = new HibernateFixture(database, sessionFactory, sql, counter);
            fixture.resetCounters();
            return database.closeAtEnd(fixture);
        }

        private static String withParameters(String url, String parameters) {
            if (parameters.isEmpty()) {
                return url;
            }
            return url + (url.contains("?") ? "&" : "?") + parameters;
        }
    }
}
