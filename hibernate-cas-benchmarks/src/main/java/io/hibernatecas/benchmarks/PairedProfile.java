package io.hibernatecas.benchmarks;

/**
 * How long {@link PairedMain} measures each group of variants. Times are per group; every group runs its variants
 * interleaved, so a longer profile means more rounds (a narrower interval), not more repetitions of whole runs.
 *
 * @param warmupMillis     warm-up rounds of each group (not recorded)
 * @param measureMillis    measured rounds of each single-threaded group
 * @param roundMillis      how long the slowest variant's share of one round should last
 * @param minRounds        rounds run even when the time is over
 * @param maxRounds        rounds after which a group stops early
 * @param flushMeasureMillis measured rounds of the 10,000-row failed-flush group (each operation loads 10,000 rows)
 * @param flushMinRounds   rounds of that group run even when its time is over
 * @param contentionWindowMillis one variant's window of a contention round (all threads running)
 * @param contentionRounds rounds of the contention groups
 */
record PairedProfile(String name, long warmupMillis, long measureMillis, long roundMillis, int minRounds,
        int maxRounds, long flushMeasureMillis, int flushMinRounds, long contentionWindowMillis, int contentionRounds) {

    static final PairedProfile QUICK = new PairedProfile("quick", 2_000, 9_000, 20, 12, 5_000, 10_000, 3, 1_000, 7);
    static final PairedProfile FULL = new PairedProfile("full", 15_000, 120_000, 50, 30, 50_000, 60_000, 8, 2_000, 20);

    static PairedProfile named(String name) {
        return switch (name) {
            case "quick" -> QUICK;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException("Unknown profile '" + name + "': expected quick or full");
        };
    }
}
