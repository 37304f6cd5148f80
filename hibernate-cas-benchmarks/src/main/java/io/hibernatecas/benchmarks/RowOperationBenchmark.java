package io.hibernatecas.benchmarks;

import io.hibernatecas.CasOperations;
import io.hibernatecas.benchmarks.model.HotCounter;

import java.util.Map;
import java.util.function.Function;
import java.util.concurrent.TimeUnit;

import org.hibernate.SessionFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import jakarta.persistence.EntityManager;

/**
 * One single-row write per transaction, one thread, no contention: {@code CasOperations.compareAndSet} and
 * {@code increment} against the raw JDBC statement each stands for, and HQL's {@code n = n + 1}.
 * <ul>
 * <li>{@code jdbc_compare_and_set}, {@code jdbc_increment}: a pooled connection, {@code setAutoCommit(false)}, the
 *     statement, {@code commit()}, close ({@link HotRow});</li>
 * <li>{@code cas_compare_and_set}, {@code cas_increment}: a new {@code EntityManager}, {@code begin()}, the
 *     operation, {@code commit()}, close;</li>
 * <li>{@code hql_increment}: the same with {@code update HotCounter c set c.n = c.n + :delta, c.version =
 *     c.version + 1 where c.id = :id}.</li>
 * </ul>
 * Every operation must report success (the compare-and-set expects the value it wrote last), else the benchmark
 * fails. The statements of one operation are recorded as a {@link Facts} record.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class RowOperationBenchmark {

    @Param({"h2", "postgresql", "mariadb"})
    public String db;

    @Param({"jdbc_compare_and_set", "cas_compare_and_set", "jdbc_increment", "cas_increment", "hql_increment"})
    public String operation;

    private BenchDataSource dataSource;
    private SessionFactory factory;
    /** The counter's value, known because this thread is its only writer. */
    private long n;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dataSource = new BenchDataSource(Endpoints.of(DatabaseKind.of(db)), 2);
        factory = HibernateBoot.over(dataSource).build(HotCounter.class);
        HotRow.create(factory);
        StatementCounter counter = dataSource.startCounting();
        try {
            write();
        }
        finally {
            dataSource.stopCounting();
        }
        Map<String, Object> fact = Facts.of("statements", "operation", db);
        fact.put("variant", operation);
        fact.putAll(counter.snapshot());
        Facts.record(fact);
    }

    @Benchmark
    public long write() throws Exception {
        boolean written = switch (operation) {
            case "jdbc_compare_and_set" -> HotRow.jdbcCompareAndSet(dataSource, n, n + 1) == 1;
            case "jdbc_increment" -> HotRow.jdbcIncrement(dataSource, 1) == 1;
            case "cas_compare_and_set" -> inTransaction(
                    em -> CasOperations.compareAndSet(em, HotCounter.class, HotRow.ID, "n", n, n + 1));
            case "cas_increment" -> inTransaction(
                    em -> CasOperations.increment(em, HotCounter.class, HotRow.ID, "n", 1));
            case "hql_increment" -> inTransaction(em -> em.createQuery(HotRow.HQL_INCREMENT)
                    .setParameter("delta", 1L)
                    .setParameter("id", HotRow.ID)
                    .executeUpdate() == 1);
            default -> throw new IllegalArgumentException("Unknown operation " + operation);
        };
        if (!written) {
            throw new IllegalStateException(operation + " did not write the row (n=" + n + ")");
        }
        return ++n;
    }

    private boolean inTransaction(Function<EntityManager, Boolean> work) {
        return HibernateBoot.inTransactionReturning(factory, work);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        long stored = HotRow.read(dataSource);
        if (stored != n) {
            throw new IllegalStateException(operation + ": the row holds n=" + stored + " after " + n + " writes");
        }
        factory.close();
        dataSource.close();
    }
}
