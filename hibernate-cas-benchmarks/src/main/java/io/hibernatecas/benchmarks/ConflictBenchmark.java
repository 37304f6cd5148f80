package io.hibernatecas.benchmarks;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.CasSettings;
import io.hibernatecas.benchmarks.model.CasItem;
import io.hibernatecas.benchmarks.model.Item;
import io.hibernatecas.benchmarks.model.PlainItem;

import java.sql.Connection;
import java.sql.Statement;
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

import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;

/**
 * The conflict path: an entity is loaded, another connection bumps the row's version (not timed), then the timed
 * part changes the entity, flushes, gets the conflict, rolls back and closes the {@code EntityManager}.
 * <ul>
 * <li>{@code plain}: {@code PlainItem} with hibernate-cas disabled: Hibernate's own
 *     {@code OptimisticLockException};</li>
 * <li>{@code cas_diagnose}: {@code CasItem}, {@code hibernate.cas.diagnose=true} (the default): a typed
 *     {@code VersionConflictException} with expected and actual version, read by one extra {@code SELECT};</li>
 * <li>{@code cas_no_diagnose}: the same with {@code hibernate.cas.diagnose=false}: typed, reason {@code UNKNOWN},
 *     no extra statement;</li>
 * <li>{@code cas_success}: for scale, the same unit of work without the concurrent change (flush and commit).</li>
 * </ul>
 * The exception type and the statements of one failed flush are recorded as a {@link Facts} record.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class ConflictBenchmark {

    private static final long ID = 1L;

    @Param({"h2", "postgresql", "mariadb"})
    public String db;

    @Param({"plain", "cas_diagnose", "cas_no_diagnose", "cas_success"})
    public String variant;

    private BenchDataSource dataSource;
    private SessionFactory factory;
    private Class<? extends Item> type;
    private String bumpSql;
    private boolean conflict;
    private EntityManager em;
    private Item item;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dataSource = new BenchDataSource(Endpoints.of(DatabaseKind.of(db)), 3);
        boolean cas = !variant.equals("plain");
        type = cas ? CasItem.class : PlainItem.class;
        conflict = !variant.equals("cas_success");
        factory = HibernateBoot.over(dataSource)
                .cas(cas)
                .setting(CasSettings.DIAGNOSE, String.valueOf(!variant.equals("cas_no_diagnose")))
                .build(type);
        HibernateBoot.inTransaction(factory,
                em -> em.persist(cas ? new CasItem(ID, "item", 0) : new PlainItem(ID, "item", 0)));
        bumpSql = "update " + (cas ? "cas_item" : "plain_item") + " set version = version + 1 where id = " + ID;
        recordOneFlush();
    }

    private void recordOneFlush() throws Exception {
        StatementCounter counter = dataSource.startCounting();
        OptimisticLockException thrown;
        try {
            prepare();
            counter.reset();
            thrown = flush();
        }
        finally {
            dataSource.stopCounting();
        }
        boolean typed = thrown instanceof CasConflictException;
        if (conflict && (thrown == null || typed == variant.equals("plain"))) {
            throw new IllegalStateException(variant + " ended with " + thrown);
        }
        Map<String, Object> fact = Facts.of("statements", "conflict", db);
        fact.put("variant", variant);
        fact.put("exception", thrown == null ? "none" : thrown.getClass().getName());
        fact.putAll(counter.snapshot());
        Facts.record(fact);
    }

    @Setup(Level.Invocation)
    public void prepare() throws Exception {
        em = factory.createEntityManager();
        em.getTransaction().begin();
        item = em.find(type, ID);
        if (conflict) {
            try (Connection other = dataSource.getConnection(); Statement bump = other.createStatement()) {
                bump.executeUpdate(bumpSql);
            }
        }
    }

    @Benchmark
    public OptimisticLockException flushWithConflict() {
        return flush();
    }

    /** Changes the item and flushes: the conflict, rolled back, or {@code null} after a commit. */
    private OptimisticLockException flush() {
        try {
            long amount = item.getAmount() + 1;
            item.setAmount(amount);
            item.setNote("note-" + amount);
            em.flush();
            if (conflict) {
                throw new IllegalStateException(variant + ": the flush did not fail");
            }
            em.getTransaction().commit();
            return null;
        }
        catch (OptimisticLockException e) {
            if (!conflict) {
                throw e;
            }
            return e;
        }
        finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
            em = null;
            item = null;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (factory != null) {
            factory.close();
        }
        if (dataSource != null) {
            dataSource.close();
        }
    }
}
