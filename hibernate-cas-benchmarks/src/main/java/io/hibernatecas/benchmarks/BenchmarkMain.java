package io.hibernatecas.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks side by side on every database in one go and writes one JMH JSON file plus the facts the
 * report needs:
 * <pre>
 * java -jar hibernate-cas-benchmarks/target/benchmarks.jar --profile quick --out docs/benchmarks/quick.json
 * </pre>
 * <ol>
 * <li>starts embedded PostgreSQL and MariaDB once (a database that does not start is left out and said so; H2 runs
 *     inside each fork), and hands their URLs to the JMH forks as {@code -Dbench.<db>.url};</li>
 * <li>runs {@link EntityUpdateBenchmark}, {@link ConflictBenchmark} and {@link RowOperationBenchmark} single-threaded
 *     with JMH's GC profiler (bytes allocated per operation), then {@link ContentionBenchmark} once per thread count
 *     (JMH's thread count is not a parameter);</li>
 * <li>writes the JMH results of all runs as one JSON array ({@code --out}), and next to it {@code <name>-facts.json}:
 *     the machine (CPU, cores, memory, Java, load average during the run), the database versions and every
 *     {@link Facts} record of the forks (statement counts, lost-update checks).</li>
 * </ol>
 * Options: {@code --profile quick|full}, {@code --out FILE}, {@code --databases h2,postgresql,mariadb},
 * {@code --threads 1,2,4,8}, {@code --include REGEX} (matched against the simple names of the benchmark classes;
 * finer choices with JMH's {@code -p}, e.g. {@code -- -p variant=cas}), {@code --work-dir DIR} (where
 * the embedded servers unpack), {@code --keep-going} (do not stop at the first failure); everything after {@code --}
 * is passed to JMH as its own command line (e.g. {@code -- -prof gc -wi 5}).
 */
public final class BenchmarkMain {

    private static final String SINGLE_THREADED = "EntityUpdateBenchmark|ConflictBenchmark|RowOperationBenchmark";
    private static final String CONTENTION = "ContentionBenchmark";

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("paired")) {
            PairedMain.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        }
        catch (IllegalArgumentException | CommandLineOptionException e) {
            System.err.println(e.getMessage());
            System.err.println("Usage: java -jar benchmarks.jar [--profile quick|full] [--out FILE] "
                    + "[--databases h2,postgresql,mariadb] [--threads 1,2,4,8] [--include REGEX] [--work-dir DIR] "
                    + "[--keep-going] [-- JMH options]");
            System.exit(2);
            return;
        }
        System.exit(run(arguments));
    }

    private static int run(Arguments arguments) throws Exception {
        Path out = arguments.out.toAbsolutePath();
        Files.createDirectories(out.getParent());
        Path factsLog = out.resolveSibling(baseName(out) + "-facts.jsonl");
        Files.deleteIfExists(factsLog);
        System.setProperty("bench.facts", factsLog.toString());
        System.setProperty("bench.workDir", arguments.workDir.toString());

        LoadSampler load = LoadSampler.start();
        Instant started = Instant.now();
        List<Map<String, Object>> databases = new ArrayList<>();
        List<String> available = new ArrayList<>();
        List<String> forkProperties = new ArrayList<>();
        for (DatabaseKind kind : arguments.databases) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("db", kind.param());
            try {
                Endpoint endpoint = Endpoints.of(kind);
                info.putAll(describe(endpoint));
                if (kind != DatabaseKind.H2) {
                    forkProperties.addAll(Arrays.asList(endpoint.systemProperties()));
                }
                available.add(kind.param());
                info.put("available", true);
                System.out.println("# " + kind.param() + ": " + info.get("product") + " " + info.get("version"));
            }
            catch (Exception | Error e) {
                info.put("available", false);
                info.put("reason", String.valueOf(e.getMessage()));
                System.err.println("# " + kind.param() + " is left out: it did not start here: " + e);
            }
            databases.add(info);
        }

        List<RunResult> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        if (!available.isEmpty()) {
            String[] dbs = available.toArray(String[]::new);
            Profile profile = arguments.profile;
            List<String> singleThreaded = selected(SINGLE_THREADED, arguments.include);
            if (!singleThreaded.isEmpty()) {
                ChainedOptionsBuilder options = options(arguments, forkProperties, dbs)
                        .include(classesRegex(singleThreaded))
                        .threads(1);
                if (new CommandLineOptions(arguments.jmhArguments).getProfilers().isEmpty()) {
                    // bytes allocated per operation: a measure of our overhead that load on the machine cannot blur
                    options.addProfiler(GCProfiler.class);
                }
                runGroup(arguments, options, results, failures);
            }
            if (!selected(CONTENTION, arguments.include).isEmpty()) {
                for (int threads : profile.threads()) {
                    if (arguments.stopped) {
                        break;
                    }
                    runGroup(arguments, options(arguments, forkProperties, dbs)
                            .include(classesRegex(List.of(CONTENTION)))
                            .threads(threads), results, failures);
                }
            }
        }

        try (PrintStream json = new PrintStream(Files.newOutputStream(out), true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, json).writeOut(results);
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("profile", arguments.profile.name());
        run.put("forks", arguments.profile.forks());
        run.put("warmup", arguments.profile.warmupIterations() + " x " + arguments.profile.warmupTime());
        run.put("measurement", arguments.profile.iterations() + " x " + arguments.profile.iterationTime());
        run.put("threads", arguments.profile.threads());
        run.put("jmhArguments", List.of(arguments.jmhArguments));
        run.put("started", started.toString());
        run.put("finished", Instant.now().toString());
        run.put("failures", failures);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("run", run);
        facts.put("machine", Machine.describe(load.stop()));
        facts.put("databases", databases);
        facts.put("facts", new FactLog(factsLog).read());
        Path factsFile = out.resolveSibling(baseName(out) + "-facts.json");
        Files.writeString(factsFile, Json.write(facts) + "\n", StandardCharsets.UTF_8);
        Files.deleteIfExists(factsLog);
        System.out.println("# JMH results: " + out);
        System.out.println("# facts:       " + factsFile);
        System.out.println("# report:      python3 hibernate-cas-benchmarks/report.py " + out);
        if (!failures.isEmpty()) {
            System.err.println("# FAILED: " + String.join("; ", failures));
            return 1;
        }
        return 0;
    }

    private static ChainedOptionsBuilder options(Arguments arguments, List<String> forkProperties, String[] dbs)
            throws CommandLineOptionException {
        CommandLineOptions jmh = new CommandLineOptions(arguments.jmhArguments);
        Profile profile = arguments.profile;
        ChainedOptionsBuilder builder = new OptionsBuilder().parent(jmh);
        if (!jmh.getParameter("db").hasValue()) {
            builder.param("db", dbs);
        }
        if (!jmh.getForkCount().hasValue()) {
            builder.forks(profile.forks());
        }
        if (!jmh.getWarmupIterations().hasValue()) {
            builder.warmupIterations(profile.warmupIterations());
        }
        if (!jmh.getWarmupTime().hasValue()) {
            builder.warmupTime(profile.warmupTime());
        }
        if (!jmh.getMeasurementIterations().hasValue()) {
            builder.measurementIterations(profile.iterations());
        }
        if (!jmh.getMeasurementTime().hasValue()) {
            builder.measurementTime(profile.iterationTime());
        }
        if (!jmh.getJvmArgs().hasValue()) {
            builder.jvmArgs("-Xms1g", "-Xmx1g");
        }
        List<String> append = new ArrayList<>(forkProperties);
        append.add("-Dbench.facts=" + System.getProperty("bench.facts"));
        append.add("-Dbench.workDir=" + System.getProperty("bench.workDir"));
        append.add("-Dorg.jboss.logging.provider=slf4j");
        jmh.getJvmArgsAppend().orElse(List.of()).forEach(append::add);
        builder.jvmArgsAppend(append.toArray(String[]::new));
        if (!jmh.shouldFailOnError().hasValue()) {
            builder.shouldFailOnError(!arguments.keepGoing);
        }
        return builder;
    }

    private static void runGroup(Arguments arguments, ChainedOptionsBuilder options, List<RunResult> results,
            List<String> failures) {
        try {
            results.addAll(new Runner(options.build()).run());
        }
        catch (RunnerException e) {
            failures.add(String.valueOf(e.getMessage()));
            System.err.println("# benchmark run failed: " + e.getMessage());
            if (!arguments.keepGoing) {
                System.err.println("# stopping (use --keep-going to carry on)");
                arguments.stopped = true;
            }
        }
    }

    /** The classes of {@code group} that {@code include} (matched against simple class names) selects. */
    private static List<String> selected(String group, Pattern include) {
        return Arrays.stream(group.split("\\|"))
                .filter(name -> include == null || include.matcher(name).find())
                .toList();
    }

    private static String classesRegex(List<String> classes) {
        return "\\.(" + String.join("|", classes) + ")\\.";
    }

    static Map<String, Object> describe(Endpoint endpoint) throws Exception {
        Map<String, Object> info = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(endpoint.url(), endpoint.user(),
                endpoint.password())) {
            DatabaseMetaData meta = connection.getMetaData();
            info.put("product", meta.getDatabaseProductName());
            info.put("version", meta.getDatabaseProductVersion());
            info.put("driver", meta.getDriverName() + " " + meta.getDriverVersion());
            info.put("isolation", isolation(connection.getTransactionIsolation()));
        }
        info.put("url", endpoint.url());
        return info;
    }

    private static String isolation(int level) {
        return switch (level) {
            case Connection.TRANSACTION_READ_UNCOMMITTED -> "READ UNCOMMITTED";
            case Connection.TRANSACTION_READ_COMMITTED -> "READ COMMITTED";
            case Connection.TRANSACTION_REPEATABLE_READ -> "REPEATABLE READ";
            case Connection.TRANSACTION_SERIALIZABLE -> "SERIALIZABLE";
            default -> String.valueOf(level);
        };
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
    }

    /** The launcher's own options; JMH's come after {@code --}. */
    private static final class Arguments {
        Profile profile = Profile.QUICK;
        Path out = Path.of("benchmarks.json");
        List<DatabaseKind> databases = List.of(DatabaseKind.values());
        Pattern include;
        Path workDir = Endpoints.workDir();
        boolean keepGoing;
        boolean stopped;
        String[] jmhArguments = new String[0];

        static Arguments parse(String[] args) throws CommandLineOptionException {
            Arguments parsed = new Arguments();
            List<Integer> threads = null;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--")) {
                    parsed.jmhArguments = Arrays.copyOfRange(args, i + 1, args.length);
                    break;
                }
                if (arg.equals("--keep-going")) {
                    parsed.keepGoing = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("Missing value after " + arg);
                }
                String value = args[++i];
                switch (arg) {
                    case "--profile" -> parsed.profile = Profile.named(value);
                    case "--out" -> parsed.out = Path.of(value);
                    case "--databases" -> parsed.databases = Arrays.stream(value.split(","))
                            .map(DatabaseKind::of).toList();
                    case "--threads" -> threads = Arrays.stream(value.split(","))
                            .map(String::trim).map(Integer::valueOf).toList();
                    case "--include" -> parsed.include = Pattern.compile(value);
                    case "--work-dir" -> parsed.workDir = Path.of(value).toAbsolutePath();
                    default -> throw new IllegalArgumentException("Unknown option " + arg);
                }
            }
            if (threads != null) {
                parsed.profile = parsed.profile.withThreads(threads);
            }
            new CommandLineOptions(parsed.jmhArguments); // fail early on bad JMH options
            return parsed;
        }
    }

    /** Reads the {@link Facts} lines the forks appended, as raw JSON to embed. */
    private record FactLog(Path file) {
        List<Object> read() throws IOException {
            List<Object> facts = new ArrayList<>();
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        facts.add(new Json.Raw(line));
                    }
                }
            }
            return facts;
        }
    }
}
