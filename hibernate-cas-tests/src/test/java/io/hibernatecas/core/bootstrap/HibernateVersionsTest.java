package io.hibernatecas.core.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.hibernatecas.CasConfigurationException;
import io.hibernatecas.internal.HibernateVersions;
import io.hibernatecas.internal.HibernateVersions.Line;

import org.hibernate.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which Hibernate ORM versions hibernate-cas accepts and how it plugs into each: the decision the integrator and the
 * service contributor apply at bootstrap, with the message an unsupported version gets (message text is API).
 */
class HibernateVersionsTest {

    @ParameterizedTest
    @ValueSource(strings = {"7.2.0.Final", "7.2.25.Final", "7.3.0.CR1", "7.3.13.Final"})
    void hibernate72And73AreSupportedThroughPersisterHooks(String version) {
        assertThat(HibernateVersions.lineOf(version)).isEqualTo(Line.PERSISTER_HOOKS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"7.4.1.Final", "7.4.13.Final", "7.4.15.Final", "7.4.16-SNAPSHOT"})
    void hibernate74IsSupportedThroughStateManagement(String version) {
        assertThat(HibernateVersions.lineOf(version)).isEqualTo(Line.STATE_MANAGEMENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"6.6.33.Final", "7.0.10.Final", "7.1.4.Final", "7.5.0.Final", "8.0.0.Alpha1", "17.2.1"})
    void anyOtherVersionFailsWithOneMessageNamingItAndTheSupportedLines(String version) {
        Throwable thrown = catchThrowable(() -> HibernateVersions.lineOf(version));

        assertThat(thrown).isExactlyInstanceOf(CasConfigurationException.class).hasMessage("hibernate-cas does not "
                + "support Hibernate ORM " + version + " (found on the class path); it supports Hibernate ORM 7.2.x, "
                + "7.3.x and 7.4.x: use one of those, or remove hibernate-cas");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[WORKING]", ""})
    void withoutAVersionInTheManifestTheLineIsRecognisedByItsMethods(String version) {
        // Hibernate says [WORKING] when its jar's manifest has no version (a repackaged jar): never refuse a
        // supported Hibernate for that
        assertThat(HibernateVersions.lineOf(version))
                .isEqualTo(HibernateVersions.lineOf(Version.getVersionString()));
    }

    @Test
    void theHibernateTheBuildAskedForRunsAndIsDetected() {
        // .ci/run runs the tests on 7.2, 7.3 and 7.4 (-Dhibernate.version, passed on by the surefire configuration)
        assertThat(Version.getVersionString()).isEqualTo(System.getProperty("hibernate.version"));
        assertThat(HibernateVersions.current()).isEqualTo(HibernateVersions.lineOf(Version.getVersionString()));
    }
}
