package io.hibernatecas.benchmarks;

import io.hibernatecas.benchmarks.model.CasItem;
import io.hibernatecas.benchmarks.model.Item;
import io.hibernatecas.benchmarks.model.PlainItem;

import java.util.Map;
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

/**
 * Updating {@code rows} loaded rows and committing, timed from the first setter to the end of the commit. The
 * rows are loaded before each invocation (JMH {@code Level.Invocation}, not timed; an invocation takes far more
 * than the millisecond JMH asks for that).
 * <ul>
 * <li>{@code jdbc}: raw JDBC, the same statement as Hibernate's ({@link JdbcUpdates});</li>
 * <li>{@code plain_cas_off}: Hibernate, {@code PlainItem} ({@code @Version} only), {@code hibernate.cas.enabled=false}:
 *     Hibernate as it comes;</li>
 * <li>{@code plain_cas_on}: the same with hibernate-cas enabled: what the library costs an entity without
 *     {@code @Cas} (our coordinators, journal and row-count expectation);</li>
 * <li>{@code cas}: {@code CasItem}, the same entity with two {@code @Cas} attributes.</li>
 * </ul>
 * Each batched ({@code hibernate.jdbc.batch_size=50}, JDBC batches of 50) and unbatched. Before measuring, one
 * update runs with statement counting on and is recorded as a {@link Facts} record ({@code statements}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class EntityUpdateBenchmark {

    @Param({"h2", "postgresql", "mariadb"})
    public String db;

    @Param({"jdbc", "plain_cas_off", "plain_cas_on", "cas"})
    public String variant;

    @Param({"batched", "unbatched"})
    public String batching;

    @Param("100")
    public int rows;

    private BenchDataSource dataSource;
    private UpdateWorkload workload;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dataSource = new BenchDataSource(Endpoints.of(DatabaseKind.of(db)), 2);
        boolean batched = batching.equals("batched");
        workload = switch (variant) {
            case "jdbc" -> {
                seed(false, PlainItem.class).close();
                yield new JdbcUpdates(dataSource, rows, batched);
            }
            case "plain_cas_off" -> new HibernateUpdates(seed(false, PlainItem.class, batched), PlainItem.class, rows);
            case "plain_cas_on" -> new HibernateUpdates(seed(true, PlainItem.class, batched), PlainItem.class, rows);
            case "cas" -> new HibernateUpdates(seed(true, CasItem.class, batched), CasItem.class, rows);
            default -> throw new IllegalArgumentException("Unknown variant " + variant);
        };
        countStatements();
    }

    private SessionFactory seed(boolean cas, Class<? extends Item> type) {
        return seed(cas, type, true);
    }

    private SessionFactory seed(boolean cas, Class<? extends Item> type, boolean batched) {
        SessionFactory factory = HibernateBoot.over(dataSource).cas(cas).batched(batched).build(type);
        HibernateBoot.inTransaction(factory, em -> {
            for (long id = 1; id <= rows; id++) {
                String name = "item-" + id;
                em.persist(type == CasItem.class ? new CasItem(id, name, id) : new PlainItem(id, name, id));
            }
        });
        return factory;
    }

    /** One update with statement counting on; the counts are compared across variants by the report. */
    private void countStatements() throws Exception {
        StatementCounter counter = UpdateWorkload.countOnce(dataSource, workload, rows, variant);
        Map<String, Object> fact = Facts.of("statements", "update", db);
        fact.put("variant", variant);
        fact.put("batching", batching);
        fact.put("rows", rows);
        fact.putAll(counter.snapshot());
        Facts.record(fact);
    }

    @Setup(Level.Invocation)
    public void load() throws Exception {
        workload.load();
    }

    @Benchmark
    public void update() throws Exception {
        workload.update();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (workload != null) {
            workload.close();
        }
        if (dataSource != null) {
            dataSource.close();
        }
    }
}
