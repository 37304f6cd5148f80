package io.hibernatecas.spring.autoconfigure;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.hibernatecas.CasConfigurationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Turns a {@link CasConfigurationException} that stops the {@code EntityManagerFactory} into Spring Boot's
 * "APPLICATION FAILED TO START" report: the Description is the library's message (which names the setting or the
 * class and attribute, the bad value and what is allowed), the Action says where a Spring Boot application
 * writes the setting ({@code spring.jpa.properties.hibernate.cas.*}) or what to do about the mapping.
 * Switched off with {@code hibernate.cas.spring.failure-analyzer.enabled=false}.
 */
final class CasConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<CasConfigurationException> {

    private static final Pattern SETTING = Pattern.compile("setting '(hibernate\\.cas\\.[^']+)'");

    private final boolean enabled;

    CasConfigurationFailureAnalyzer(Environment environment) {
        this.enabled = environment.getProperty("hibernate.cas.spring.failure-analyzer.enabled", Boolean.class, true);
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CasConfigurationException cause) {
        if (!enabled) {
            return null;
        }
        String description = "hibernate-cas refused the configuration of the EntityManagerFactory:\n\n    "
                + cause.getMessage();
        return new FailureAnalysis(description, action(cause.getMessage()), cause);
    }

    static String action(String message) {
        Matcher setting = SETTING.matcher(message == null ? "" : message);
        if (setting.find()) {
            String key = setting.group(1);
            String verb = message.startsWith("Unknown setting") ? "Remove or correct" : "Correct";
            return verb + " the property 'spring.jpa.properties." + key + "' (Spring Boot hands spring.jpa.properties.*"
                    + " to Hibernate; also check hibernate.properties and system properties). The hibernate.cas.*"
                    + " settings, their values and defaults are listed in the Settings section of the hibernate-cas"
                    + " README.";
        }
        return "Correct the mapping named above (docs/guide.md of hibernate-cas says where @Cas applies and how to"
                + " guard such an attribute), or remove its @Cas.";
    }
}
