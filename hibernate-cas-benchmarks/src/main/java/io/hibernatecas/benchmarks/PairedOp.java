package io.hibernatecas.benchmarks;

/**
 * One operation of a variant in a paired comparison, run on the harness thread. {@link #prepare()} readies the next
 * operation outside the measurement (loading rows, a concurrent change); {@link #run()} is what is measured.
 */
interface PairedOp extends AutoCloseable {

    /** Whether {@link #prepare()} does anything; if not, operations are measured in blocks, not one by one. */
    default boolean prepares() {
        return false;
    }

    default void prepare() throws Exception {
    }

    void run() throws Exception;

    /**
     * For an operation that runs in another JVM ({@link RemoteOp}): runs {@code count} operations there and returns
     * what that JVM measured per operation; {@code null} (the default) to be measured here.
     */
    default PairedGroup.Sample measuredElsewhere(int count) throws Exception {
        return null;
    }

    @Override
    default void close() {
    }
}
