package io.hibernatecas.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.hibernatecas.CasConfigurationException;
import io.hibernatecas.spring.app.InvoiceApplication;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a Spring Boot application shows at startup: one INFO line when hibernate-cas is active, and Boot's own
 * failure report for a bad {@code hibernate.cas.*} setting. Each test starts the invoice application (without a
 * web server) on an H2 database of its own.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupTest {

    private static final String NL = System.lineSeparator();

    @Test
    void oneInfoLineSaysThatHibernateCasIsActiveAndHowManyEntitiesItGuards(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start("startup_info")) {
            assertThat(context.isRunning()).isTrue();
        }

        assertThat(output.getOut().lines().filter(line -> line.contains("hibernate-cas is")))
                .singleElement().asString()
                .contains(" INFO ")
                .endsWith("hibernate-cas is active in persistence unit 'default': it guards 2 of 3 entities");
    }

    @Test
    void theLineSaysSoWhenHibernateCasIsDisabled(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start("startup_disabled",
                "spring.jpa.properties.hibernate.cas.enabled=false")) {
            assertThat(context.isRunning()).isTrue();
        }

        assertThat(output.getOut()).contains(
                "hibernate-cas is disabled in persistence unit 'default' (hibernate.cas.enabled=false)");
    }

    @Test
    void noLineWhenTheReportIsSwitchedOff(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start("startup_off",
                "hibernate.cas.spring.startup-report.enabled=false")) {
            assertThat(context.containsBean("casStartupReport")).isFalse();
        }

        assertThat(output.getOut()).doesNotContain("hibernate-cas is");
    }

    @Test
    void aBadSettingEndsInBootsFailureReportWithDescriptionAndAction(CapturedOutput output) {
        Throwable thrown = catchThrowable(() -> start("startup_bad",
                "spring.jpa.properties.hibernate.cas.retry.max_retries=abc").close());

        assertThat(thrown).hasRootCauseInstanceOf(CasConfigurationException.class);
        assertThat(output.toString()).contains(NL
                + "***************************" + NL
                + "APPLICATION FAILED TO START" + NL
                + "***************************" + NL
                + NL
                + "Description:" + NL
                + NL
                + "hibernate-cas refused the configuration of the EntityManagerFactory:" + NL
                + NL
                + "    Invalid value 'abc' for setting 'hibernate.cas.retry.max_retries': expected a whole number from 0 to 100"
                + NL
                + NL
                + "Action:" + NL
                + NL
                + "Correct the property 'spring.jpa.properties.hibernate.cas.retry.max_retries' (Spring Boot hands "
                + "spring.jpa.properties.* to Hibernate; also check hibernate.properties and system properties). "
                + "The hibernate.cas.* settings, their values and defaults are listed in the Settings section of "
                + "the hibernate-cas README." + NL);
    }

    @Test
    void anUnknownSettingIsReportedWithRemoveOrCorrect(CapturedOutput output) {
        Throwable thrown = catchThrowable(() -> start("startup_unknown",
                "spring.jpa.properties.hibernate.cas.retry.max_retry=2").close());

        assertThat(thrown).hasRootCauseInstanceOf(CasConfigurationException.class);
        assertThat(output.toString())
                .contains("    Unknown setting 'hibernate.cas.retry.max_retry': hibernate-cas understands ")
                .contains("Remove or correct the property 'spring.jpa.properties.hibernate.cas.retry.max_retry'");
    }

    @Test
    void theFailureAnalyzerCanBeSwitchedOff(CapturedOutput output) {
        Throwable thrown = catchThrowable(() -> start("startup_analyzer_off",
                "spring.jpa.properties.hibernate.cas.retry.max_retries=abc",
                "hibernate.cas.spring.failure-analyzer.enabled=false").close());

        assertThat(thrown).hasRootCauseInstanceOf(CasConfigurationException.class);
        assertThat(output.toString()).doesNotContain("hibernate-cas refused the configuration");
    }

    private static ConfigurableApplicationContext start(String database, String... properties) {
        String[] all = new String[properties.length + 1];
        all[0] = "spring.datasource.url=jdbc:h2:mem:" + database;
        System.arraycopy(properties, 0, all, 1, properties.length);
        return new SpringApplicationBuilder(InvoiceApplication.class)
                .web(WebApplicationType.NONE)
                .properties(all)
                .run();
    }
}
