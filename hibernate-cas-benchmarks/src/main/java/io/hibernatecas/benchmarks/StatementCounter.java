package io.hibernatecas.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What connections executed while counting: round trips ({@code executeUpdate}, {@code executeBatch},
 * {@code executeQuery}, {@code execute}), DML statements (each {@code executeUpdate} and each row added to a batch),
 * queries, and the distinct SQL strings. Filled by {@link CountingJdbc}.
 */
public final class StatementCounter {

    private int roundTrips;
    private int dml;
    private int queries;
    private int batches;
    private final Set<String> sql = new LinkedHashSet<>();

    /** Starts again from zero. */
    public synchronized void reset() {
        roundTrips = 0;
        dml = 0;
        queries = 0;
        batches = 0;
        sql.clear();
    }

    synchronized void executed(String statement, boolean query) {
        roundTrips++;
        if (query) {
            queries++;
        }
        else {
            dml++;
        }
        remember(statement);
    }

    synchronized void batchExecuted(String statement, int rows) {
        roundTrips++;
        batches++;
        dml += rows;
        remember(statement);
    }

    private void remember(String statement) {
        if (statement != null) {
            sql.add(statement.replaceAll("\\s+", " ").trim());
        }
    }

    public synchronized int roundTrips() {
        return roundTrips;
    }

    public synchronized int dml() {
        return dml;
    }

    public synchronized int queries() {
        return queries;
    }

    /** The counts as fields of a {@link Facts} record. */
    public synchronized Map<String, Object> snapshot() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("roundTrips", roundTrips);
        fields.put("dml", dml);
        fields.put("queries", queries);
        fields.put("batches", batches);
        fields.put("sql", new ArrayList<>(sql));
        return fields;
    }
}
