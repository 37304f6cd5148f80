package io.hibernatecas.benchmarks;

import java.util.List;

import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long {@link BenchmarkMain} measures. {@code quick}: one fork, short iterations, for a first look and for the
 * committed report (about 25 minutes for all 123 configurations on 2 cores, each in a JVM of its own);
 * {@code full}: two forks and longer iterations, for numbers to quote (about 2 hours). JMH options given after
 * {@code --} override these.
 */
record Profile(String name, int forks, int warmupIterations, TimeValue warmupTime, int iterations,
        TimeValue iterationTime, List<Integer> threads) {

    static final Profile QUICK = new Profile("quick", 1, 2, TimeValue.seconds(1), 5, TimeValue.seconds(1),
            List.of(1, 2, 4, 8));
    static final Profile FULL = new Profile("full", 2, 4, TimeValue.seconds(2), 5, TimeValue.seconds(3),
            List.of(1, 2, 4, 8));

    static Profile named(String name) {
        return switch (name) {
            case "quick" -> QUICK;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException("Unknown profile '" + name + "': expected quick or full");
        };
    }

    Profile withThreads(List<Integer> counts) {
        return new Profile(name, forks, warmupIterations, warmupTime, iterations, iterationTime, counts);
    }
}
