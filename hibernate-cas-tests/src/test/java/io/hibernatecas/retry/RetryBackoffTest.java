package io.hibernatecas.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;

import io.hibernatecas.internal.RetryBackoff;

import org.junit.jupiter.api.Test;

/** The pauses of {@code CasRetry}: doubled per retry, capped, with up to half taken away by jitter. */
class RetryBackoffTest {

    private final RetryBackoff defaults = new RetryBackoff(Duration.ofMillis(10), Duration.ofMillis(500));

    @Test
    void nominalPauseDoublesPerRetryUpToTheCap() {
        assertThat(IntStream.rangeClosed(1, 8).mapToObj(defaults::nominal).map(Duration::toMillis))
                .containsExactly(10L, 20L, 40L, 80L, 160L, 320L, 500L, 500L);
        assertThat(defaults.nominal(Integer.MAX_VALUE)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void jitterKeepsThePauseBetweenHalfTheNominalAndTheNominal() {
        assertThat(defaults.pause(1, 0.0)).isEqualTo(Duration.ofMillis(5));
        assertThat(defaults.pause(1, 0.5)).isEqualTo(Duration.ofNanos(7_500_000));
        assertThat(defaults.pause(7, 0.0)).isEqualTo(Duration.ofMillis(250));
        assertThat(defaults.pause(7, Math.nextDown(1.0))).isBetween(Duration.ofMillis(499), Duration.ofMillis(500));
        for (int retry = 1; retry <= 10; retry++) {
            Duration nominal = defaults.nominal(retry);
            assertThat(defaults.pause(retry)).isBetween(nominal.dividedBy(2), nominal);
        }
    }

    @Test
    void zeroAndHugeDurationsNeitherLoopNorOverflow() {
        RetryBackoff none = new RetryBackoff(Duration.ZERO, Duration.ZERO);
        RetryBackoff huge = new RetryBackoff(Duration.ofDays(1), Duration.ofSeconds(Long.MAX_VALUE));

        assertThat(none.pause(Integer.MAX_VALUE)).isZero();
        assertThat(huge.nominal(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(Long.MAX_VALUE));
        assertThat(huge.pause(Integer.MAX_VALUE, 0.0)).isEqualTo(Duration.ofSeconds(Long.MAX_VALUE).dividedBy(2));
    }

    @Test
    void retriesAreCountedFromOne() {
        assertThatThrownBy(() -> defaults.nominal(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retry must be >= 1 but was 0");
    }
}
