package io.hibernatecas.benchmarks;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.CasOperations;
import io.hibernatecas.CasRetry;
import io.hibernatecas.benchmarks.model.CasItem;
import io.hibernatecas.benchmarks.model.HotCounter;
import io.hibernatecas.benchmarks.model.PlainItem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

import org.hibernate.SessionFactory;
import org.hibernate.cfg.SchemaToolingSettings;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;

/**
 * The paired harness: answers every performance target of {@code docs/performance.md} in one JVM, with variants
 * measured paired and interleaved ({@link PairedGroup}, {@link PairedContention}) by thread CPU time, bytes
 * allocated and wall time, and every ratio reported as the median of its per-round ratios with a bootstrap 95%
 * interval ({@link PairedStats}).
 * <pre>
 * java -Xms1g -Xmx1g -jar hibernate-cas-benchmarks/target/benchmarks.jar paired --profile quick \
 *      --out docs/benchmarks/paired-quick.json
 * python3 hibernate-cas-benchmarks/paired_report.py docs/benchmarks/paired-quick.json
 * </pre>
 * A verdict is {@code met} or {@code missed} only when the interval is narrow enough: for a target with a stated
 * margin (the {@code @Cas} update: within 2 %), when the interval's half-width is at most that margin, judged by the
 * median; for the others, when the whole interval lies on one side of the threshold. Otherwise it is
 * {@code not resolved}. Options: {@code --profile quick|full}, {@code --out FILE},
 * {@code --databases h2,postgresql,mariadb}, {@code --include REGEX} (group ids, e.g. {@code update/h2}),
 * {@code --work-dir DIR}.
 */
public final class PairedMain {

    static final int ROWS = 100;
    static final int FLUSH_ROWS = 10_000;
    static final int FLUSH_CONFLICTS = 100;
    static final int CONTENTION_THREADS = 8;
    static final double UPDATE_TARGET = 1.03;
    static final double UPDATE_MARGIN = 0.02;
    static final double BYTES_PER_ROW_TARGET = 100;
    static final double OPERATION_TARGET = 1.3;
    static final double FLUSH_TARGET = 2.0;
    static final double DIAGNOSTIC_READS_PER_1000_ROWS = 1.0;
    static final double CONTENTION_TARGET = 1.0;

    private final PairedProfile profile;
    private final Pattern include;
    /** An earlier build of hibernate-cas-core to compare the current one with ({@code --baseline-core}). */
    Path baselineCore;
    String baselineLabel = "the same update before the change";
    List<String> baselineDatabases = List.of("mariadb");
    private final List<Map<String, Object>> groups = new ArrayList<>();
    private final List<Map<String, Object>> targets = new ArrayList<>();
    private final List<Map<String, Object>> facts = new ArrayList<>();
    private long seed = 12;

    private PairedMain(PairedProfile profile, Pattern include) {
        this.profile = profile;
        this.include = include;
    }

    public static void main(String[] args) throws Exception {
        PairedProfile profile = PairedProfile.QUICK;
        Path out = Path.of("paired.json");
        List<DatabaseKind> databases = List.of(DatabaseKind.values());
        Pattern include = null;
        Path baselineCore = null;
        String baselineLabel = null;
        List<String> baselineDatabases = null;
        for (int i = 0; i < args.length; i++) {
            if (i + 1 >= args.length) {
                usage("Missing value after " + args[i]);
            }
            String value = args[++i];
            switch (args[i - 1]) {
                case "--profile" -> profile = PairedProfile.named(value);
                case "--out" -> out = Path.of(value);
                case "--databases" -> databases = Arrays.stream(value.split(",")).map(DatabaseKind::of).toList();
                case "--include" -> include = Pattern.compile(value);
                case "--work-dir" -> System.setProperty("bench.workDir", Path.of(value).toAbsolutePath().toString());
                case "--baseline-core" -> baselineCore = Path.of(value).toAbsolutePath();
                case "--baseline-label" -> baselineLabel = value;
                case "--baseline-databases" -> baselineDatabases = List.of(value.split(","));
                default -> usage("Unknown option " + args[i - 1]);
            }
        }
        PairedMain main = new PairedMain(profile, include);
        main.baselineCore = baselineCore;
        if (baselineLabel != null) {
            main.baselineLabel = baselineLabel;
        }
        if (baselineDatabases != null) {
            main.baselineDatabases = baselineDatabases;
        }
        System.exit(main.run(out.toAbsolutePath(), databases));
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("Usage: java -jar benchmarks.jar paired [--profile quick|full] [--out FILE] "
                + "[--databases h2,postgresql,mariadb] [--include REGEX] [--work-dir DIR] [--baseline-core JAR "
                + "[--baseline-label TEXT] [--baseline-databases mariadb]]");
        System.exit(2);
    }

    private int run(Path out, List<DatabaseKind> kinds) throws Exception {
        LoadSampler load = LoadSampler.start();
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        List<Map<String, Object>> databases = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (DatabaseKind kind : kinds) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("db", kind.param());
            Endpoint endpoint;
            try {
                endpoint = Endpoints.of(kind);
                info.putAll(BenchmarkMain.describe(endpoint));
                info.put("available", true);
            }
            catch (Exception | Error e) {
                info.put("available", false);
                info.put("reason", String.valueOf(e.getMessage()));
                databases.add(info);
                System.err.println("# " + kind.param() + " is left out: it did not start here: " + e);
                continue;
            }
            databases.add(info);
            System.out.println("# " + kind.param() + ": " + info.get("product") + " " + info.get("version"));
            String db = kind.param();
            for (String batching : List.of("batched", "unbatched")) {
                guarded(failures, "update/" + db + "/" + batching, id -> updates(id, endpoint, db, batching));
            }
            guarded(failures, "operations/" + db, id -> operations(id, endpoint, db));
            if (kind == DatabaseKind.H2 || profile == PairedProfile.FULL) {
                guarded(failures, "flush/" + db, id -> failedFlush(id, endpoint, db));
            }
            if (kind != DatabaseKind.H2) {
                guarded(failures, "contention/" + db, id -> contention(id, endpoint, db));
            }
            if (baselineCore != null && baselineDatabases.contains(db)) {
                for (String batching : List.of("batched", "unbatched")) {
                    guarded(failures, "baseline/" + db + "/" + batching, id -> baseline(id, endpoint, db, batching));
                }
            }
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("harness", "paired");
        run.put("profile", profile.name());
        run.put("settings", profile.toString());
        run.put("started", started.toString());
        run.put("finished", Instant.now().toString());
        run.put("seconds", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
        run.put("commit", git("rev-parse", "--short", "HEAD"));
        run.put("dirty", !git("status", "--porcelain", "--untracked-files=no").isBlank());
        run.put("heap", Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
        run.put("failures", failures);
        if (baselineCore != null) {
            run.put("baselineCore", baselineCore.toString());
            run.put("baselineLabel", baselineLabel);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("run", run);
        result.put("machine", Machine.describe(load.stop()));
        result.put("databases", databases);
        result.put("targets", targets);
        result.put("facts", facts);
        result.put("groups", groups);
        Files.createDirectories(out.getParent());
        Files.writeString(out, Json.write(result) + "\n", StandardCharsets.UTF_8);
        System.out.printf("# %d targets in %.0f s; result: %s%n", targets.size(), (System.nanoTime() - t0) / 1e9, out);
        System.out.println("# report: python3 hibernate-cas-benchmarks/paired_report.py " + out);
        for (Map<String, Object> target : targets) {
            System.out.printf("#   %-8s %-14s %-70s %s%n", target.get("verdict"), target.get("db"), target.get("what"),
                    target.get("measured"));
        }
        if (!failures.isEmpty()) {
            System.err.println("# FAILED: " + String.join("; ", failures));
            return 1;
        }
        return 0;
    }

    private interface GroupRun {
        void run(String id) throws Exception;
    }

    private void guarded(List<String> failures, String id, GroupRun group) {
        if (include != null && !include.matcher(id).find()) {
            return;
        }
        try {
            group.run(id);
        }
        catch (Exception | Error e) {
            e.printStackTrace();
            failures.add(id + ": " + e);
        }
    }

    // ---------------------------------------------------------------------------------------------- workloads

    /** A {@link UpdateWorkload} as a paired operation: loading is preparation, the update is measured. */
    static PairedOp op(UpdateWorkload workload) {
        return new PairedOp() {
            @Override
            public boolean prepares() {
                return true;
            }

            @Override
            public void prepare() throws Exception {
                workload.load();
            }

            @Override
            public void run() throws Exception {
                workload.update();
            }

            @Override
            public void close() {
                workload.close();
            }
        };
    }

    private void updates(String id, Endpoint endpoint, String db, String batching) throws Exception {
        boolean batched = batching.equals("batched");
        try (BenchDataSource dataSource = new BenchDataSource(endpoint, 2)) {
            SessionFactory off = HibernateBoot.over(dataSource).cas(false).batched(batched).build(PlainItem.class);
            HibernateBoot.inTransaction(off, em -> {
                for (long i = 1; i <= ROWS; i++) {
                    em.persist(new PlainItem(i, "item-" + i, i));
                }
            });
            SessionFactory on = HibernateBoot.over(dataSource).cas(true).batched(batched)
                    .setting(SchemaToolingSettings.HBM2DDL_AUTO, "none").build(PlainItem.class);
            SessionFactory cas = HibernateBoot.over(dataSource).cas(true).batched(batched).build(CasItem.class);
            HibernateBoot.inTransaction(cas, em -> {
                for (long i = 1; i <= ROWS; i++) {
                    em.persist(new CasItem(i, "item-" + i, i));
                }
            });
            Map<String, UpdateWorkload> workloads = new LinkedHashMap<>();
            workloads.put("jdbc", new JdbcUpdates(dataSource, ROWS, batched));
            workloads.put("jdbc_guarded", new JdbcUpdates(dataSource, ROWS, batched, true));
            workloads.put("plain_cas_off", new HibernateUpdates(off, PlainItem.class, ROWS));
            workloads.put("plain_cas_on", new HibernateUpdates(on, PlainItem.class, ROWS));
            workloads.put("cas", new HibernateUpdates(cas, CasItem.class, ROWS));
            PairedGroup group = new PairedGroup(id, labels(db, "batching", batching, "rows", ROWS));
            for (var workload : workloads.entrySet()) {
                countStatements(dataSource, db, id, workload.getKey(), workload.getValue());
                group.variant(workload.getKey(), op(workload.getValue()));
            }
            group.run(profile.warmupMillis(), profile.measureMillis(), profile.minRounds(), profile.maxRounds(),
                    profile.roundMillis());
            groups.add(group.describe());
            String what = "`@Cas` update of " + ROWS + " rows, " + batching;
            ratio(group, db, what + ": CPU time / plain `@Version`, library disabled", "cas", "plain_cas_off",
                    PairedGroup.Sample::cpuNanos, "<=", UPDATE_TARGET, UPDATE_MARGIN, "update-cpu");
            ratio(group, db, what + ": CPU time / plain `@Version`, library enabled", "cas", "plain_cas_on",
                    PairedGroup.Sample::cpuNanos, "<=", UPDATE_TARGET, UPDATE_MARGIN, "update-cpu");
            difference(group, db, what + ": bytes allocated per row beyond plain Hibernate (library disabled)", "cas",
                    "plain_cas_off", ROWS, BYTES_PER_ROW_TARGET, "update-bytes");
            ratio(group, db, what + ": wall time / plain `@Version`, library disabled", "cas", "plain_cas_off",
                    PairedGroup.Sample::wallNanos, null, Double.NaN, Double.NaN, "context");
            ratio(group, db, "plain `@Version` update, " + batching + ": CPU time, library enabled / disabled",
                    "plain_cas_on", "plain_cas_off", PairedGroup.Sample::cpuNanos, null, Double.NaN, Double.NaN,
                    "context");
            difference(group, db, "plain `@Version` update, " + batching
                            + ": bytes per row, library enabled beyond disabled", "plain_cas_on", "plain_cas_off",
                    ROWS, Double.NaN, "context");
            ratio(group, db, what + ": CPU time / raw JDBC", "cas", "jdbc", PairedGroup.Sample::cpuNanos, null,
                    Double.NaN, Double.NaN, "context");
            ratio(group, db, "raw JDBC, " + batching + ": CPU time, the `@Cas` statement (two more predicates) / the "
                    + "`@Version` one", "jdbc_guarded", "jdbc", PairedGroup.Sample::cpuNanos, null, Double.NaN,
                    Double.NaN, "context");
            difference(group, db, "raw JDBC, " + batching + ": bytes per row, the `@Cas` statement beyond the "
                    + "`@Version` one", "jdbc_guarded", "jdbc", ROWS, Double.NaN, "context");
        }
    }

    /**
     * The {@code @Cas} update with this build's hibernate-cas-core against {@link #baselineCore}, each in a worker
     * JVM of its own ({@link RemoteOp}), interleaved like every other group.
     */
    private void baseline(String id, Endpoint endpoint, String db, String batching) throws Exception {
        boolean batched = batching.equals("batched");
        Path logs = Files.createTempDirectory("paired-workers");
        RemoteOp before = new RemoteOp(baselineCore, endpoint, batched, true, logs.resolve("before.log"));
        RemoteOp after = new RemoteOp(null, endpoint, batched, false, logs.resolve("after.log"));
        if (before.core.equals(after.core)) {
            throw new IllegalStateException("Both workers run the same hibernate-cas-core: " + before.core);
        }
        PairedGroup group = new PairedGroup(id, labels(db, "batching", batching, "rows", ROWS, "before", before.core,
                "after", after.core, "baseline", baselineLabel));
        group.variant("after", after).variant("before", before);
        group.run(profile.warmupMillis() * 2, profile.measureMillis(), profile.minRounds(), profile.maxRounds(),
                profile.roundMillis());
        groups.add(group.describe());
        String what = "`@Cas` update of " + ROWS + " rows, " + batching + ": CPU time / " + baselineLabel;
        ratio(group, db, what, "after", "before", PairedGroup.Sample::cpuNanos, "<=", UPDATE_TARGET, Double.NaN,
                "baseline-cpu");
        difference(group, db, "`@Cas` update of " + ROWS + " rows, " + batching + ": bytes per row, this build "
                + "beyond " + baselineLabel, "after", "before", ROWS, Double.NaN, "context");
        ratio(group, db, "`@Cas` update of " + ROWS + " rows, " + batching + ": wall time / " + baselineLabel,
                "after", "before", PairedGroup.Sample::wallNanos, null, Double.NaN, Double.NaN, "context");
    }

    private void countStatements(BenchDataSource dataSource, String db, String id, String variant,
            UpdateWorkload workload) throws Exception {
        StatementCounter counter = UpdateWorkload.countOnce(dataSource, workload, ROWS, id + " " + variant);
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("kind", "statements");
        fact.put("group", id);
        fact.put("db", db);
        fact.put("variant", variant);
        fact.putAll(counter.snapshot());
        facts.add(fact);
    }

    private void operations(String id, Endpoint endpoint, String db) throws Exception {
        try (BenchDataSource dataSource = new BenchDataSource(endpoint, 2)) {
            SessionFactory factory = HibernateBoot.over(dataSource).build(HotCounter.class);
            try {
                HotRow.create(factory);
                long[] n = {0};
                PairedGroup group = new PairedGroup(id, labels(db));
                group.variant("jdbc_compare_and_set", () -> require(
                        HotRow.jdbcCompareAndSet(dataSource, n[0], n[0] + 1) == 1, n));
                group.variant("cas_compare_and_set", () -> require(inTransaction(factory,
                        em -> CasOperations.compareAndSet(em, HotCounter.class, HotRow.ID, "n", n[0], n[0] + 1)), n));
                group.variant("jdbc_increment", () -> require(HotRow.jdbcIncrement(dataSource, 1) == 1, n));
                group.variant("cas_increment", () -> require(inTransaction(factory,
                        em -> CasOperations.increment(em, HotCounter.class, HotRow.ID, "n", 1)), n));
                group.run(profile.warmupMillis(), profile.measureMillis(), profile.minRounds(), profile.maxRounds(),
                    profile.roundMillis());
                groups.add(group.describe());
                if (HotRow.read(dataSource) != n[0]) {
                    throw new IllegalStateException(id + ": the row holds " + HotRow.read(dataSource) + " after "
                            + n[0] + " writes");
                }
                ratio(group, db, "`compareAndSet`: CPU time / raw JDBC", "cas_compare_and_set",
                        "jdbc_compare_and_set", PairedGroup.Sample::cpuNanos, "<=", OPERATION_TARGET, Double.NaN,
                        "operation-cpu");
                ratio(group, db, "`increment`: CPU time / raw JDBC", "cas_increment", "jdbc_increment",
                        PairedGroup.Sample::cpuNanos, "<=", OPERATION_TARGET, Double.NaN, "operation-cpu");
                ratio(group, db, "`compareAndSet`: wall time / raw JDBC", "cas_compare_and_set",
                        "jdbc_compare_and_set", PairedGroup.Sample::wallNanos, null, Double.NaN, Double.NaN, "context");
                ratio(group, db, "`increment`: wall time / raw JDBC", "cas_increment", "jdbc_increment",
                        PairedGroup.Sample::wallNanos, null, Double.NaN, Double.NaN, "context");
            }
            finally {
                factory.close();
            }
        }
    }

    private static void require(boolean written, long[] n) {
        if (!written) {
            throw new IllegalStateException("The write did not apply (n=" + n[0] + ")");
        }
        n[0]++;
    }

    private static boolean inTransaction(SessionFactory factory, Function<EntityManager, Boolean> work) {
        return HibernateBoot.inTransactionReturning(factory, work);
    }

    /** Loads {@link #FLUSH_ROWS} rows, optionally lets another connection change some, then changes all and flushes. */
    private static final class Flush implements PairedOp {
        private final SessionFactory factory;
        private final BenchDataSource dataSource;
        private final boolean conflicts;
        private EntityManager em;
        private List<CasItem> items;
        OptimisticLockException last;

        Flush(SessionFactory factory, BenchDataSource dataSource, boolean conflicts) {
            this.factory = factory;
            this.dataSource = dataSource;
            this.conflicts = conflicts;
        }

        @Override
        public boolean prepares() {
            return true;
        }

        @Override
        public void prepare() throws Exception {
            em = factory.createEntityManager();
            em.getTransaction().begin();
            items = em.createQuery("select i from CasItem i", CasItem.class).getResultList();
            if (items.size() != FLUSH_ROWS) {
                throw new IllegalStateException("Loaded " + items.size() + " rows, expected " + FLUSH_ROWS);
            }
            if (conflicts) {
                try (Connection other = dataSource.getConnection(); Statement bump = other.createStatement()) {
                    int changed = bump.executeUpdate("update cas_item set version = version + 1 where mod(id, "
                            + FLUSH_ROWS / FLUSH_CONFLICTS + ") = 0");
                    if (changed != FLUSH_CONFLICTS) {
                        throw new IllegalStateException("Changed " + changed + " rows, expected " + FLUSH_CONFLICTS);
                    }
                }
            }
        }

        @Override
        public void run() {
            try {
                for (CasItem item : items) {
                    long amount = item.getAmount() + 1;
                    item.setAmount(amount);
                    item.setNote("note-" + amount);
                }
                em.flush();
                if (conflicts) {
                    throw new IllegalStateException("The flush did not fail");
                }
            }
            catch (OptimisticLockException e) {
                if (!conflicts) {
                    throw e;
                }
                last = e;
            }
            finally {
                if (em.getTransaction().isActive()) {
                    em.getTransaction().rollback();
                }
                em.close();
                em = null;
                items = null;
            }
        }
    }

    private void failedFlush(String id, Endpoint endpoint, String db) throws Exception {
        try (BenchDataSource dataSource = new BenchDataSource(endpoint, 3)) {
            SessionFactory factory = HibernateBoot.over(dataSource).build(CasItem.class);
            try {
                HibernateBoot.inTransaction(factory, em -> {
                    for (long i = 1; i <= FLUSH_ROWS; i++) {
                        em.persist(new CasItem(i, "item-" + i, i));
                        if (i % 1000 == 0) {
                            em.flush();
                            em.clear();
                        }
                    }
                });
                Flush failing = new Flush(factory, dataSource, true);
                Flush succeeding = new Flush(factory, dataSource, false);
                // one failed flush with statement counting: the diagnostic reads and what the exception reports
                StatementCounter counter = dataSource.startCounting();
                try {
                    failing.prepare();
                    counter.reset();
                    failing.run();
                }
                finally {
                    dataSource.stopCounting();
                }
                Map<String, Object> fact = new LinkedHashMap<>();
                fact.put("kind", "failedFlush");
                fact.put("group", id);
                fact.put("db", db);
                fact.put("rows", FLUSH_ROWS);
                fact.put("conflicts", FLUSH_CONFLICTS);
                fact.put("exception", failing.last == null ? null : failing.last.getClass().getName());
                fact.put("reportedConflicts", failing.last instanceof CasConflictException cas
                        ? cas.getConflicts().size() : null);
                fact.putAll(counter.snapshot());
                // the diagnostic read's IN list, one placeholder per row, shortened
                fact.put("sql", counter.snapshot().get("sql") instanceof List<?> sql ? sql.stream()
                        .map(text -> String.valueOf(text).replaceAll("\\?(,\\?){3,}", "?, ..., ?")).toList() : null);
                facts.add(fact);
                PairedGroup group = new PairedGroup(id, labels(db, "rows", FLUSH_ROWS, "conflicts", FLUSH_CONFLICTS));
                group.variant("conflicts", failing).variant("no_conflicts", succeeding);
                group.run(profile.warmupMillis(), profile.flushMeasureMillis(), profile.flushMinRounds(), 400, 0);
                groups.add(group.describe());
                ratio(group, db, "failed flush of 10,000 rows with 100 conflicts: wall time / the same flush "
                                + "without conflicts", "conflicts", "no_conflicts", PairedGroup.Sample::wallNanos, "<=",
                        FLUSH_TARGET, Double.NaN, "flush-time");
                ratio(group, db, "failed flush of 10,000 rows with 100 conflicts: CPU time / the same flush "
                                + "without conflicts", "conflicts", "no_conflicts", PairedGroup.Sample::cpuNanos, null,
                        Double.NaN, Double.NaN, "context");
                double perThousand = counter.queries() / (FLUSH_ROWS / 1000.0);
                Map<String, Object> reads = target(db, "failed flush of 10,000 rows with 100 conflicts: diagnostic "
                        + "round trips per 1,000 rows", "flush-reads");
                reads.put("threshold", DIAGNOSTIC_READS_PER_1000_ROWS);
                reads.put("op", "<=");
                reads.put("median", perThousand);
                reads.put("measured", counter.queries() + " queries for " + FLUSH_ROWS + " rows = " + perThousand
                        + " per 1,000 (counted, exact)");
                reads.put("verdict", perThousand <= DIAGNOSTIC_READS_PER_1000_ROWS ? "met" : "missed");
                targets.add(reads);
            }
            finally {
                factory.close();
            }
        }
    }

    private void contention(String id, Endpoint endpoint, String db) throws Exception {
        try (BenchDataSource dataSource = new BenchDataSource(endpoint, CONTENTION_THREADS + 2)) {
            SessionFactory factory = HibernateBoot.over(dataSource).build(HotCounter.class);
            try {
                HotRow.create(factory);
                CasRetry retry = CasRetry.of(factory).maxRetries(10_000);
                PairedContention group = new PairedContention(id, labels(db), CONTENTION_THREADS,
                        () -> HotRow.read(dataSource));
                group.variant("cas_retry", attempts -> retry.inTransaction(em -> {
                    attempts.incrementAndGet();
                    HotCounter counter = em.find(HotCounter.class, HotRow.ID);
                    counter.setN(counter.getN() + 1);
                }));
                group.variant("pessimistic_write", attempts -> {
                    attempts.incrementAndGet();
                    HibernateBoot.inTransaction(factory, em -> {
                        HotCounter counter = em.find(HotCounter.class, HotRow.ID, LockModeType.PESSIMISTIC_WRITE);
                        counter.setN(counter.getN() + 1);
                    });
                });
                group.run(profile);
                groups.add(group.describe());
                List<PairedContention.Window> cas = group.windows("cas_retry");
                List<PairedContention.Window> pessimistic = group.windows("pessimistic_write");
                double[] ratios = new double[cas.size()];
                for (int i = 0; i < ratios.length; i++) {
                    ratios[i] = cas.get(i).perSecond() / pessimistic.get(i).perSecond();
                }
                Map<String, Object> target = target(db, "`CasRetry` hot row, " + CONTENTION_THREADS
                        + " threads: increments/s / `PESSIMISTIC_WRITE`", "contention");
                judge(target, PairedStats.medianInterval(ratios, seed++), ">=", CONTENTION_TARGET, Double.NaN, "x");
                long lost = 0;
                long casSuccesses = 0;
                long casAttempts = 0;
                long pSuccesses = 0;
                long pAttempts = 0;
                for (int i = 0; i < cas.size(); i++) {
                    lost += cas.get(i).successes() - cas.get(i).counterDelta();
                    lost += pessimistic.get(i).successes() - pessimistic.get(i).counterDelta();
                    casSuccesses += cas.get(i).successes();
                    casAttempts += cas.get(i).attempts();
                    pSuccesses += pessimistic.get(i).successes();
                    pAttempts += pessimistic.get(i).attempts();
                }
                target.put("lostUpdates", lost);
                target.put("attemptsPerSuccess", Map.of("cas_retry", round3((double) casAttempts / casSuccesses),
                        "pessimistic_write", round3((double) pAttempts / pSuccesses)));
                target.put("measured", target.get("measured") + "; attempts per success " + round3(
                        (double) casAttempts / casSuccesses) + " (CasRetry) vs " + round3((double) pAttempts
                        / pSuccesses) + "; lost updates " + lost);
                if (lost != 0) {
                    target.put("verdict", "missed");
                }
                targets.add(target);
            }
            finally {
                factory.close();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- targets

    private static Map<String, Object> labels(String db, Object... pairs) {
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("db", db);
        for (int i = 0; i < pairs.length; i += 2) {
            labels.put(String.valueOf(pairs[i]), pairs[i + 1]);
        }
        return labels;
    }

    private static Map<String, Object> target(String db, String what, String kind) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("kind", kind);
        target.put("db", db);
        target.put("what", what);
        return target;
    }

    /** The per-round ratio candidate / baseline of {@code measure}, judged against {@code threshold}. */
    private void ratio(PairedGroup group, String db, String what, String candidate, String baseline,
            ToDoubleFunction<PairedGroup.Sample> measure, String op, double threshold, double margin, String kind) {
        List<PairedGroup.Sample> a = group.samples(candidate);
        List<PairedGroup.Sample> b = group.samples(baseline);
        double[] ratios = new double[Math.min(a.size(), b.size())];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = measure.applyAsDouble(a.get(i)) / measure.applyAsDouble(b.get(i));
        }
        Map<String, Object> target = target(db, what, kind);
        target.put("group", group.id());
        target.put("candidate", candidate);
        target.put("baseline", baseline);
        judge(target, PairedStats.medianInterval(ratios, seed++), op, threshold, margin, "x");
        targets.add(target);
    }

    /** The per-round difference (candidate - baseline) of bytes allocated, per unit (row). */
    private void difference(PairedGroup group, String db, String what, String candidate, String baseline, int units,
            double threshold, String kind) {
        List<PairedGroup.Sample> a = group.samples(candidate);
        List<PairedGroup.Sample> b = group.samples(baseline);
        double[] diffs = new double[Math.min(a.size(), b.size())];
        for (int i = 0; i < diffs.length; i++) {
            diffs[i] = (a.get(i).bytes() - b.get(i).bytes()) / units;
        }
        Map<String, Object> target = target(db, what, kind);
        target.put("group", group.id());
        target.put("candidate", candidate);
        target.put("baseline", baseline);
        judge(target, PairedStats.medianInterval(diffs, seed++), Double.isNaN(threshold) ? null : "<=", threshold,
                Double.NaN, "B");
        targets.add(target);
    }

    /**
     * Met or missed only when resolved: with a {@code margin} (relative), when the interval's half-width is at most
     * {@code margin} of the median, judged by the median; without one, when the interval lies wholly on one side of
     * the threshold.
     */
    private static void judge(Map<String, Object> target, PairedStats.Interval interval, String op, double threshold,
            double margin, String unit) {
        target.put("median", round4(interval.median()));
        target.put("low", round4(interval.low()));
        target.put("high", round4(interval.high()));
        target.put("rounds", interval.rounds());
        target.put("op", op);
        target.put("threshold", Double.isNaN(threshold) ? null : threshold);
        target.put("margin", Double.isNaN(margin) ? null : margin);
        String measured = unit.equals("B")
                ? String.format("%+.0f B [%+.0f, %+.0f]", interval.median(), interval.low(), interval.high())
                : String.format("%.3f [%.3f, %.3f]", interval.median(), interval.low(), interval.high());
        target.put("measured", measured + ", " + interval.rounds() + " rounds");
        String verdict;
        if (op == null) {
            verdict = "context";
        }
        else if (interval.rounds() == 0 || Double.isNaN(interval.median())) {
            verdict = "not measured";
        }
        else if (!Double.isNaN(margin)) {
            boolean narrow = interval.halfWidth() <= margin * Math.abs(interval.median());
            boolean ok = op.equals("<=") ? interval.median() <= threshold : interval.median() >= threshold;
            verdict = !narrow ? "not resolved" : ok ? "met" : "missed";
        }
        else if (op.equals("<=")) {
            verdict = interval.high() <= threshold ? "met" : interval.low() > threshold ? "missed" : "not resolved";
        }
        else {
            verdict = interval.low() >= threshold ? "met" : interval.high() < threshold ? "missed" : "not resolved";
        }
        target.put("verdict", verdict);
    }

    private static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static double round4(double value) {
        return Double.isNaN(value) ? Double.NaN : Math.round(value * 10000) / 10000.0;
    }

    private static String git(String... args) {
        try {
            List<String> command = new ArrayList<>(List.of("git"));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor() == 0 ? output : "";
        }
        catch (IOException | InterruptedException e) {
            return "";
        }
    }
}
