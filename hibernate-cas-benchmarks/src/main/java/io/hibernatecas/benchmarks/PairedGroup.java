package io.hibernatecas.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Variants of one workload measured paired and interleaved on one thread of one JVM: round after round, every
 * variant runs the same number of operations, in an order that rotates from round to round (A B, B A, ...), so
 * that JIT compilation, garbage collection and other processes' load fall on all variants alike. Per round and
 * variant it records CPU time, bytes allocated and wall time per operation; {@link PairedMain} turns the rounds
 * into ratios.
 * <p>
 * Warm-up: rounds are run, not recorded, for the profile's warm-up time; their wall time sets the operations per
 * round so that the slowest variant's share of a round lasts about the profile's round time.
 */
final class PairedGroup {

    /** One variant's measures in one round, per operation. */
    record Sample(double cpuNanos, double bytes, double wallNanos) {
    }

    private final String id;
    private final Map<String, Object> labels;
    private final List<String> names = new ArrayList<>();
    private final List<PairedOp> ops = new ArrayList<>();
    private final Map<String, List<Sample>> samples = new LinkedHashMap<>();
    private int opsPerRound;
    private double seconds;

    PairedGroup(String id, Map<String, Object> labels) {
        this.id = id;
        this.labels = labels;
    }

    PairedGroup variant(String name, PairedOp op) {
        names.add(name);
        ops.add(op);
        samples.put(name, new ArrayList<>());
        return this;
    }

    String id() {
        return id;
    }

    List<Sample> samples(String variant) {
        List<Sample> list = samples.get(variant);
        if (list == null) {
            throw new IllegalArgumentException(id + " has no variant " + variant);
        }
        return list;
    }

    /** Runs warm-up and measured rounds; closes the variants at the end. */
    PairedGroup run(long warmupMillis, long measureMillis, int minRounds, int maxRounds, long roundMillis)
            throws Exception {
        long started = System.nanoTime();
        try {
            System.out.printf("# %s: %s%n", id, String.join(" | ", names));
            // warm-up: one operation per variant per round until the warm-up time is over
            long warmupEnd = System.nanoTime() + warmupMillis * 1_000_000L;
            double[] slowest = new double[1];
            int warmupRounds = 0;
            do {
                // the slowest variant of the last warm-up round sets the pace: the first rounds run cold code
                slowest[0] = 0;
                rotate(warmupRounds++, 1, false, slowest);
            }
            while (System.nanoTime() < warmupEnd || warmupRounds < (minRounds > 3 ? 2 : 1));
            opsPerRound = (int) Math.max(1, Math.min(10_000,
                    roundMillis * 1e6 / Math.max(1, slowest[0])));
            long measureEnd = System.nanoTime() + measureMillis * 1_000_000L;
            int round = 0;
            while (round < minRounds || System.nanoTime() < measureEnd && round < maxRounds) {
                rotate(round++, opsPerRound, true, slowest);
            }
            seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("#   %d rounds of %d operations per variant in %.1f s%n", round, opsPerRound, seconds);
        }
        finally {
            ops.forEach(PairedOp::close);
        }
        return this;
    }

    private void rotate(int round, int count, boolean record, double[] slowest) throws Exception {
        int n = ops.size();
        for (int k = 0; k < n; k++) {
            // rotating start, alternating direction: every variant runs first, last, before and after each other
            int offset = (round / 2) % n;
            int index = round % 2 == 0 ? (offset + k) % n : (offset + n - 1 - k) % n;
            Sample sample = measure(ops.get(index), count);
            if (record) {
                samples.get(names.get(index)).add(sample);
            }
            else {
                slowest[0] = Math.max(slowest[0], sample.wallNanos());
            }
        }
    }

    /** Runs {@code count} operations of {@code op}; their measures per operation. */
    static Sample measure(PairedOp op, int count) throws Exception {
        Sample remote = op.measuredElsewhere(count);
        if (remote != null) {
            return remote;
        }
        long cpu = 0;
        long bytes = 0;
        long wall = 0;
        if (op.prepares()) {
            for (int i = 0; i < count; i++) {
                op.prepare();
                long c0 = PairedMeter.cpu();
                long b0 = PairedMeter.allocated();
                long w0 = System.nanoTime();
                op.run();
                wall += System.nanoTime() - w0;
                bytes += PairedMeter.allocated() - b0;
                cpu += PairedMeter.cpu() - c0;
            }
        }
        else {
            long c0 = PairedMeter.cpu();
            long b0 = PairedMeter.allocated();
            long w0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                op.run();
            }
            wall = System.nanoTime() - w0;
            bytes = PairedMeter.allocated() - b0;
            cpu = PairedMeter.cpu() - c0;
        }
        return new Sample((double) cpu / count, (double) bytes / count, (double) wall / count);
    }

    /** The raw rounds and the medians per variant, for the JSON result. */
    Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.putAll(labels);
        out.put("opsPerRound", opsPerRound);
        out.put("seconds", Math.round(seconds * 10) / 10.0);
        Map<String, Object> variants = new LinkedHashMap<>();
        samples.forEach((name, list) -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("rounds", list.size());
            v.put("cpuNanosMedian", median(list, Sample::cpuNanos));
            v.put("bytesMedian", median(list, Sample::bytes));
            v.put("wallNanosMedian", median(list, Sample::wallNanos));
            v.put("cpuNanos", list.stream().map(s -> Math.round(s.cpuNanos())).toList());
            v.put("bytes", list.stream().map(s -> Math.round(s.bytes())).toList());
            v.put("wallNanos", list.stream().map(s -> Math.round(s.wallNanos())).toList());
            variants.put(name, v);
        });
        out.put("variants", variants);
        return out;
    }

    private static long median(List<Sample> list, java.util.function.ToDoubleFunction<Sample> measure) {
        return list.isEmpty() ? -1 : Math.round(PairedStats.median(list.stream().mapToDouble(measure).toArray()));
    }
}
