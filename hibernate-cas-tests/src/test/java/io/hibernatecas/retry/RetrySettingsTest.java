package io.hibernatecas.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import io.hibernatecas.CasConfigurationException;
import io.hibernatecas.CasRetry;
import io.hibernatecas.CasSettings;
import io.hibernatecas.internal.CasConfig;
import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.TestDatabase;

/**
 * {@code hibernate.cas.retry.*}: the documented defaults, {@code 0} as a valid retry count, bad values rejected
 * with the message of the setting (at bootstrap, or by {@code CasRetry.of} when the library is disabled and
 * nothing validated them), and the checks of the fluent methods.
 */
class RetrySettingsTest {

    @AllDatabases
    void defaultsAreTheDocumentedOnes(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Counter.class).build();

        CasRetry retry = CasRetry.of(h.sessionFactory());

        // CasSettings javadoc: max_retries default 1, initial_backoff 10ms, max_backoff 500ms
        assertThat(retry.maxRetries()).isEqualTo(1).isEqualTo(CasConfig.DEFAULT_MAX_RETRIES);
        assertThat(retry.initialBackoff()).isEqualTo(Duration.ofMillis(10)).isEqualTo(CasConfig.DEFAULT_INITIAL_BACKOFF);
        assertThat(retry.maxBackoff()).isEqualTo(Duration.ofMillis(500)).isEqualTo(CasConfig.DEFAULT_MAX_BACKOFF);
        assertThat(retry).hasToString("CasRetry[maxRetries=1, backoff=10ms..500ms, listeners=0]");
    }

    @AllDatabases
    void settingsOfTheFactoryAreReadAndZeroRetriesIsValid(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Counter.class)
                .setting(CasSettings.RETRY_MAX_RETRIES, "0")
                .setting(CasSettings.RETRY_INITIAL_BACKOFF, "2ms")
                .setting(CasSettings.RETRY_MAX_BACKOFF, "1s")
                .build();

        CasRetry retry = CasRetry.of(h.sessionFactory());

        assertThat(retry.maxRetries()).isZero();
        assertThat(retry.initialBackoff()).isEqualTo(Duration.ofMillis(2));
        assertThat(retry.maxBackoff()).isEqualTo(Duration.ofSeconds(1));
    }

    @AllDatabases
    void invalidValuesFailTheBootstrapWithTheMessageOfTheSetting(TestDatabase db) {
        assertThatThrownBy(() -> bootWith(db, CasSettings.RETRY_MAX_RETRIES, "-1"))
                .isInstanceOf(CasConfigurationException.class)
                .hasMessage("Invalid value '-1' for setting 'hibernate.cas.retry.max_retries': "
                        + "expected a whole number from 0 to 100");
        assertThatThrownBy(() -> bootWith(db, CasSettings.RETRY_INITIAL_BACKOFF, "soon"))
                .isInstanceOf(CasConfigurationException.class)
                .hasMessage("Invalid value 'soon' for setting 'hibernate.cas.retry.initial_backoff': "
                        + "expected a duration >= 0 such as 10ms, 2s or PT0.5S (a bare number means milliseconds)");
        assertThatThrownBy(() -> bootWith(db, CasSettings.RETRY_MAX_BACKOFF, "5ms"))
                .isInstanceOf(CasConfigurationException.class)
                .hasMessage("Invalid value '5ms' for setting 'hibernate.cas.retry.max_backoff': "
                        + "expected a duration >= hibernate.cas.retry.initial_backoff (10ms)");
    }

    @AllDatabases
    void invalidValuesAreRejectedByCasRetryOfWhenTheLibraryIsDisabled(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Counter.class)
                .setting(CasSettings.ENABLED, "false")
                .setting(CasSettings.RETRY_MAX_RETRIES, "abc")
                .build();

        assertThatThrownBy(() -> CasRetry.of(h.sessionFactory()))
                .isInstanceOf(CasConfigurationException.class)
                .hasMessage("Invalid value 'abc' for setting 'hibernate.cas.retry.max_retries': "
                        + "expected a whole number from 0 to 100");
    }

    @AllDatabases
    void fluentMethodsValidateTheirArgumentsAndReturnCopies(TestDatabase db) {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(Counter.class).build();
        CasRetry retry = CasRetry.of(h.sessionFactory());

        assertThatThrownBy(() -> retry.maxRetries(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxRetries must be >= 0 but was -1");
        assertThatThrownBy(() -> retry.backoff(Duration.ofMillis(-1), Duration.ofMillis(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("initial backoff must be >= 0 but was PT-0.001S");
        assertThatThrownBy(() -> retry.backoff(Duration.ofMillis(50), Duration.ofMillis(20)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max backoff (20ms) must be >= initial backoff (50ms)");
        assertThatThrownBy(() -> retry.backoff(null, Duration.ofMillis(20)))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("initial backoff");
        assertThatThrownBy(() -> retry.onRetry(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("listener");

        CasRetry configured = retry.maxRetries(0).backoff(Duration.ZERO, Duration.ofSeconds(2)).onRetry(event -> { });
        assertThat(configured).hasToString("CasRetry[maxRetries=0, backoff=0ms..2000ms, listeners=1]");
        assertThat(retry).hasToString("CasRetry[maxRetries=1, backoff=10ms..500ms, listeners=0]");
    }

    private static void bootWith(TestDatabase db, String key, String value) {
        HibernateTestFactory.forDatabase(db).entities(Counter.class).setting(key, value).build();
    }
}
