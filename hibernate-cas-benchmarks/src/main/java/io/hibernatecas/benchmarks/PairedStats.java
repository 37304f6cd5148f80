package io.hibernatecas.benchmarks;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The statistics of a paired comparison: the median of the per-round ratios (or differences) and its bootstrap 95%
 * confidence interval (percentile method, resampling the rounds with replacement, a fixed seed so that a report can
 * be reproduced from the raw rounds).
 */
final class PairedStats {

    static final int RESAMPLES = 4000;

    private PairedStats() {
    }

    /** Median, then the 2.5 % and 97.5 % percentiles of the bootstrapped medians. */
    record Interval(double median, double low, double high, int rounds) {

        double halfWidth() {
            return (high - low) / 2;
        }
    }

    static Interval medianInterval(double[] samples, long seed) {
        if (samples.length == 0) {
            return new Interval(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double median = median(samples.clone());
        SplittableRandom random = new SplittableRandom(seed);
        double[] medians = new double[RESAMPLES];
        double[] resample = new double[samples.length];
        for (int b = 0; b < RESAMPLES; b++) {
            for (int i = 0; i < resample.length; i++) {
                resample[i] = samples[random.nextInt(samples.length)];
            }
            medians[b] = median(resample);
        }
        Arrays.sort(medians);
        return new Interval(median, percentile(medians, 0.025), percentile(medians, 0.975), samples.length);
    }

    /** Sorts {@code values} in place and returns their median. */
    static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /** Linear interpolation between the closest ranks of sorted {@code values}. */
    static double percentile(double[] sorted, double p) {
        double rank = p * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }
}
