package io.hibernatecas.stress;

import java.time.Duration;

/**
 * How long the stress workloads run. By default ({@code mvn verify}) each runs a fixed, small number of operations
 * per thread, so that the whole package stays well under a minute per database. With
 * {@code -Dcas.stress.seconds=300} (the {@code stress} Maven profile sets it) each workload runs for that long
 * instead, however many operations that takes.
 */
final class StressSettings {

    /** System property (or environment variable {@code CAS_STRESS_SECONDS}): seconds per workload, 0 = bounded. */
    static final String SECONDS = "cas.stress.seconds";

    private StressSettings() {
    }

    /** The time each workload runs for, or {@link Duration#ZERO} for the bounded default. */
    static Duration duration() {
        String value = System.getProperty(SECONDS, System.getenv("CAS_STRESS_SECONDS"));
        if (value == null || value.isBlank()) {
            return Duration.ZERO;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds >= 0) {
                return Duration.ofSeconds(seconds);
            }
        }
        catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Invalid value '" + value + "' for " + SECONDS
                + ": expected a whole number of seconds >= 0 (0 runs the bounded workloads)");
    }

    /** Whether this is the default, bounded run. */
    static boolean bounded() {
        return duration().isZero();
    }
}
