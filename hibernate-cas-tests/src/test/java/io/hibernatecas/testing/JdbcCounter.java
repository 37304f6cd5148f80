package io.hibernatecas.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What really went over JDBC through a {@link CountingDataSource}: every statement execution (a "round trip"),
 * with its SQL and how many rows (parameter sets) it carried.
 *
 * <p>Unlike {@link SqlCapture}, which sees a statement once when it is prepared, this sees each
 * {@code executeQuery}/{@code executeUpdate}/{@code execute} call as one execution of 1 row, and each
 * {@code executeBatch} call as one execution carrying as many rows as {@code addBatch} calls preceded it.
 * So 120 versioned updates with {@code hibernate.jdbc.batch_size=50} show up as 3 executions of kind
 * {@link SqlKind#UPDATE} with rows 50, 50, 20.
 *
 * <p>Thread-safe. Counts include Hibernate's own work (schema export, sequence calls): {@link #reset()} before
 * the part under test ({@link HibernateFixture#resetCounters()} does it for you after boot).
 */
public final class JdbcCounter {

    /** The JDBC method that sent a statement. */
    public enum Call { EXECUTE_QUERY, EXECUTE_UPDATE, EXECUTE, EXECUTE_BATCH }

    /** One round trip: {@code rows} is 1 except for {@link Call#EXECUTE_BATCH}. */
    public record Execution(Call call, String sql, int rows) {
        public SqlKind kind() {
            return SqlKind.of(sql);
        }
    }

    private final List<Execution> executions = new ArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger addBatchCalls = new AtomicInteger();

    void record(Call call, String sql, int rows) {
        synchronized (executions) {
            executions.add(new Execution(call, sql, rows));
        }
    }

    void connectionOpened() {
        connections.incrementAndGet();
    }

    void addBatchCalled() {
        addBatchCalls.incrementAndGet();
    }

    /** All executions, oldest first (a snapshot). */
    public List<Execution> executions() {
        synchronized (executions) {
            return List.copyOf(executions);
        }
    }

    /** Number of round trips of any kind. */
    public int executionCount() {
        return executions().size();
    }

    /** Number of round trips whose SQL is of {@code kind} (a batch counts once). */
    public int executionCount(SqlKind kind) {
        return (int) executions().stream().filter(e -> e.kind() == kind).count();
    }

    /** Number of rows sent with SQL of {@code kind} (a batch counts its size). */
    public int rowCount(SqlKind kind) {
        return executions().stream().filter(e -> e.kind() == kind).mapToInt(Execution::rows).sum();
    }

    /** Shorthand for {@code executionCount(SqlKind.SELECT)}. */
    public int selects() {
        return executionCount(SqlKind.SELECT);
    }

    public int executeQueryCalls() {
        return count(Call.EXECUTE_QUERY);
    }

    public int executeUpdateCalls() {
        return count(Call.EXECUTE_UPDATE);
    }

    public int executeCalls() {
        return count(Call.EXECUTE);
    }

    public int executeBatchCalls() {
        return count(Call.EXECUTE_BATCH);
    }

    /** Rows sent in {@code executeBatch} calls. */
    public int batchedRows() {
        return executions().stream().filter(e -> e.call() == Call.EXECUTE_BATCH).mapToInt(Execution::rows).sum();
    }

    /** Sizes of the {@code executeBatch} calls, in order. */
    public List<Integer> batchSizes() {
        List<Integer> sizes = new ArrayList<>();
        executions().stream().filter(e -> e.call() == Call.EXECUTE_BATCH).forEach(e -> sizes.add(e.rows()));
        return sizes;
    }

    /** {@code addBatch} calls, including any whose batch was never executed. */
    public int addBatchCalls() {
        return addBatchCalls.get();
    }

    /** Physical connections obtained from the data source. */
    public int connectionsOpened() {
        return connections.get();
    }

    public void reset() {
        synchronized (executions) {
            executions.clear();
        }
        connections.set(0);
        addBatchCalls.set(0);
    }

    private int count(Call call) {
        return (int) executions().stream().filter(e -> e.call() == call).count();
    }

    /** A summary for assertion messages, e.g. {@code 3 executions [EXECUTE_BATCH x50: update ...]}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder().append(executionCount()).append(" executions");
        for (Execution e : executions()) {
            b.append("\n  ").append(e.call()).append(" x").append(e.rows()).append(": ").append(e.sql());
        }
        return b.toString();
    }
}
