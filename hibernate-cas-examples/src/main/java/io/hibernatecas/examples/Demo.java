package io.hibernatecas.examples;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.hibernate.jpa.HibernatePersistenceConfiguration;

import jakarta.persistence.EntityManagerFactory;

/**
 * Three stories that show hibernate-cas at work, on embedded H2 by default or on any database named by
 * {@code --jdbc-url}. Exit code 0 only when every story ended as it should.
 * <pre>
 * mvn -B -Pdemo -pl hibernate-cas-examples -am verify
 * mvn -B -Pdemo -pl hibernate-cas-examples -am verify -Ddemo.args="--jdbc-url jdbc:postgresql://localhost/demo --user demo --password secret"
 * </pre>
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        }
        catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        quietHibernate();
        System.out.println("hibernate-cas demo on " + options.jdbcUrl());
        boolean ok;
        try (EntityManagerFactory emf = factory(options)) {
            List<Story> stories = List.of(new InvoiceStory(emf), new HotCounterStory(emf, options.threads(),
                    options.increments()), new SignUpStory(emf, options.signUps()));
            ok = true;
            for (Story story : stories) {
                System.out.println();
                System.out.println("=== " + story.title() + " ===");
                boolean passed = story.run();
                System.out.println(passed ? "--> OK" : "--> FAIL: " + story.title() + " did not end as it should");
                ok &= passed;
            }
        }
        System.out.println();
        System.out.println(ok ? "All stories ended as they should." : "FAIL: at least one story did not end as it should.");
        System.exit(ok ? 0 : 1);
    }

    private static EntityManagerFactory factory(Options options) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("jakarta.persistence.jdbc.url", options.jdbcUrl());
        settings.put("jakarta.persistence.jdbc.user", options.user());
        settings.put("jakarta.persistence.jdbc.password", options.password());
        settings.put("hibernate.hbm2ddl.auto", "create-drop");
        settings.put("hibernate.connection.pool_size", Math.max(options.threads(), options.signUps()) + 2);
        settings.put("hibernate.cas.retry.max_retries", "50");
        return new HibernatePersistenceConfiguration("demo")
                .managedClasses(Invoice.class, Counter.class, Member.class)
                .properties(settings)
                .createEntityManagerFactory();
    }

    /** Hibernate logs through java.util.logging here; keep its INFO lines out of the stories. */
    private static void quietHibernate() {
        System.setProperty("org.jboss.logging.provider", "jdk");
        Logger.getLogger("org.hibernate").setLevel(Level.SEVERE);
        Logger.getLogger("io.hibernatecas").setLevel(Level.SEVERE);
    }
}
