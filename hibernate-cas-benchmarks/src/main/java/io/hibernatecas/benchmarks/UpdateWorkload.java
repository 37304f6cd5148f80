package io.hibernatecas.benchmarks;

/**
 * One way of updating the same {@code N} loaded rows: {@link #load()} reads them in a new transaction (not timed),
 * {@link #update()} changes every row and commits (timed), {@link #close()} ends the trial.
 */
interface UpdateWorkload extends AutoCloseable {

    void load() throws Exception;

    void update() throws Exception;

    @Override
    void close();
}
