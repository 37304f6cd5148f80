package io.hibernatecas.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.TestDatabase;

import org.hibernate.SessionFactory;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

/**
 * Runs one scenario twice on the same database, first with plain Hibernate ({@code hibernate.cas.enabled=false}),
 * then with the library, each on a fresh schema and {@link SessionFactory}, and keeps what each run threw.
 * <p>
 * {@link #assertSameContract()} is the rule of issue 9: what the library throws is-a what plain Hibernate throws,
 * link by link along the cause chain (same length, each of ours an instance of plain's class at that position).
 */
final class Comparison {

    /** One scenario: the work that fails (or not), given a factory whose tables hold {@link #seed} rows. */
    @FunctionalInterface
    interface Scenario {
        void run(SessionFactory sf, TestDatabase db);
    }

    /** How the factory is bootstrapped. */
    enum Boot {
        /** {@code MetadataSources}: a native commit throws what the flush or callback threw. */
        NATIVE,
        /** Jakarta Persistence bootstrap, as Spring and containers do it: {@code commit()} throws RollbackException. */
        JPA
    }

    final Throwable plain;
    final Throwable ours;

    private Comparison(Throwable plain, Throwable ours) {
        this.plain = plain;
        this.ours = ours;
    }

    static Comparison run(TestDatabase db, Boot boot, Scenario scenario) {
        return run(db, boot, Map.of(), "", scenario);
    }

    static Comparison run(TestDatabase db, Boot boot, Map<String, Object> settings, String urlParameters,
            Scenario scenario) {
        Throwable plain = runOnce(db, boot, settings, urlParameters, false, scenario);
        Throwable ours = runOnce(db, boot, settings, urlParameters, true, scenario);
        return new Comparison(plain, ours);
    }

    private static Throwable runOnce(TestDatabase db, Boot boot, Map<String, Object> settings, String urlParameters,
            boolean enabled, Scenario scenario) {
        Map<String, Object> effective = new LinkedHashMap<>(settings);
        effective.put("hibernate.cas.enabled", String.valueOf(enabled));
        SessionFactory sf = boot == Boot.NATIVE ? nativeFactory(db, effective, urlParameters)
                : jpaFactory(db, effective, urlParameters);
        try {
            seed(sf);
            try {
                scenario.run(sf, db);
                return null;
            }
            catch (Throwable t) {
                return t;
            }
        }
        finally {
            sf.close();
        }
    }

    private static SessionFactory nativeFactory(TestDatabase db, Map<String, Object> settings, String urlParameters) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Stock.class, Memo.class, Pet.class)
                .settings(settings).urlParameters(urlParameters).build();
        return h.sessionFactory();
    }

    private static SessionFactory jpaFactory(TestDatabase db, Map<String, Object> settings, String urlParameters) {
        Map<String, Object> properties = new LinkedHashMap<>(settings);
        properties.put("hibernate.hbm2ddl.auto", "create-drop");
        String url = urlParameters.isEmpty() ? db.jdbcUrl()
                : db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + urlParameters;
        return new HibernatePersistenceConfiguration("compat")
                .managedClasses(Stock.class, Memo.class, Pet.class)
                .jdbcUrl(url)
                .jdbcCredentials(db.user(), db.password())
                .jdbcPoolSize(3)
                .properties(properties)
                .createEntityManagerFactory()
                .unwrap(SessionFactory.class);
    }

    /** Stocks 1 and 2 (quantity 10), memos 1 and 2, pet 1 referencing memo 1. */
    private static void seed(SessionFactory sf) {
        sf.inTransaction(s -> {
            s.persist(new Stock(1L, 10, "a"));
            s.persist(new Stock(2L, 10, "b"));
            Memo one = new Memo(1L, "one");
            s.persist(one);
            s.persist(new Memo(2L, "two"));
            s.persist(new Pet(1L, one));
        });
    }

    /** The scenario failed with plain Hibernate, and ours is-a plain's at every link of the cause chain. */
    Comparison assertSameContract() {
        assertThat(plain).as("plain Hibernate must fail in this scenario").isNotNull();
        assertThat(ours).as("hibernate-cas must fail where plain Hibernate does").isNotNull();
        List<Throwable> plainChain = chain(plain);
        List<Throwable> ourChain = chain(ours);
        String described = "plain: " + describe(plainChain) + "\nours:  " + describe(ourChain);
        assertThat(ourChain).as(described).hasSameSizeAs(plainChain);
        for (int i = 0; i < plainChain.size(); i++) {
            assertThat(ourChain.get(i)).as("link %d of\n%s", i, described).isInstanceOf(plainChain.get(i).getClass());
        }
        return this;
    }

    static List<Throwable> chain(Throwable t) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable c = t; c != null && !chain.contains(c); c = c.getCause()) {
            chain.add(c);
        }
        return chain;
    }

    private static String describe(List<Throwable> chain) {
        return chain.stream().map(t -> t.getClass().getName()).collect(Collectors.joining(" <- "));
    }
}
