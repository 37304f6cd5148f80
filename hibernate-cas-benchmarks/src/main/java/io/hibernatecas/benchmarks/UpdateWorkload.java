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

    /**
     * Loads and updates once with statement counting on, outside any measurement; the counts, checked to have
     * written {@code rows} rows.
     */
    static StatementCounter countOnce(BenchDataSource dataSource, UpdateWorkload workload, int rows, String name)
            throws Exception {
        StatementCounter counter = dataSource.startCounting();
        try {
            workload.load();
            counter.reset();
            workload.update();
        }
        finally {
            dataSource.stopCounting();
        }
        if (counter.dml() != rows) {
            throw new IllegalStateException(name + " wrote " + counter.dml() + " rows, expected " + rows);
        }
        return counter;
    }
}
