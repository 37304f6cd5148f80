package io.hibernatecas.stress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.hibernatecas.testing.AllDatabases;
import io.hibernatecas.testing.DatabaseKind;
import io.hibernatecas.testing.HibernateFixture;
import io.hibernatecas.testing.HibernateTestFactory;
import io.hibernatecas.testing.TestDatabase;

/**
 * Three JVMs, each with its own Hibernate and {@link io.hibernatecas.CasRetry}, hammer the same rows of one database
 * ({@link StressWorkerProcess}): the hot counter and the bank. Each child reports what it committed; the invariants
 * must hold across the processes: the counter equals the sum of the children's increments, every account its opening
 * balance plus the children's committed transfers, every version the number of committed writes.
 * <p>
 * PostgreSQL and MariaDB only: the H2 database of the harness is in-memory, inside the test's own JVM, and other
 * processes cannot reach it. The children stop by themselves (a fixed number of operations, or
 * {@code cas.stress.seconds}); whatever happens, they are killed when the test ends.
 */
class MultiProcessStressTest {

    private static final int PROCESSES = 3;
    private static final Pattern RESULT = Pattern.compile("^RESULT (.*)$", Pattern.MULTILINE);
    private static final Pattern ACCOUNT = Pattern.compile("^ACCOUNT (\\d+) (-?\\d+) (\\d+)$", Pattern.MULTILINE);

    @AllDatabases({DatabaseKind.POSTGRESQL, DatabaseKind.MARIADB})
    void threeProcessesKeepTheCounterAndTheBankExact(TestDatabase db) throws Exception {
        HibernateFixture h = HibernateTestFactory.forDatabase(db).entities(BankAccount.class, HotCounter.class).build();
        Bank.open(h.sessionFactory());
        h.inTransaction(s -> s.persist(new HotCounter(1L)));

        Path logs = Files.createDirectories(Path.of(System.getProperty("cas.test.workDir", "target"))
                .resolveSibling("stress-processes"));
        List<Process> children = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        Duration duration = StressSettings.duration();
        Duration limit = duration.plus(Duration.ofSeconds(120));
        long start = System.nanoTime();
        try {
            for (int i = 1; i <= PROCESSES; i++) {
                Path output = logs.resolve(db.kind().key() + "-" + db.databaseName() + "-" + i + ".log");
                outputs.add(output);
                children.add(command(db, duration).redirectErrorStream(true).redirectOutput(output.toFile()).start());
            }
            for (Process child : children) {
                long left = limit.toNanos() - (System.nanoTime() - start);
                assertThat(child.waitFor(Math.max(left, 0), TimeUnit.NANOSECONDS))
                        .as("child %d stopped by itself within %s", child.pid(), limit).isTrue();
            }
        }
        finally {
            for (Process child : children) {
                child.descendants().forEach(ProcessHandle::destroyForcibly);
                child.destroyForcibly();
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        long increments = 0;
        long loadMillis = 0;
        long[] net = new long[Bank.ACCOUNTS];
        long[] writes = new long[Bank.ACCOUNTS];
        Map<String, Long> totals = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            String out = Files.readString(outputs.get(i), StandardCharsets.UTF_8);
            assertThat(children.get(i).exitValue()).as("exit status of child %d; its output:%n%s", i + 1, out)
                    .isZero();
            Matcher result = RESULT.matcher(out);
            assertThat(result.find()).as("RESULT line of child %d in:%n%s", i + 1, out).isTrue();
            Map<String, String> fields = new TreeMap<>();
            for (String pair : result.group(1).split(" ")) {
                String[] kv = pair.split("=", 2);
                fields.put(kv[0], kv[1]);
            }
            if (!Boolean.parseBoolean(fields.get("balanced"))) {
                violations.add("child " + (i + 1) + ": attempts do not add up: " + result.group(1));
            }
            loadMillis = Math.max(loadMillis, Long.parseLong(fields.remove("millis")));
            fields.forEach((key, value) -> {
                if (value.matches("\\d+")) {
                    totals.merge(key, Long.parseLong(value), Long::sum);
                }
            });
            increments += Long.parseLong(fields.get("counter"));
            Matcher account = ACCOUNT.matcher(out);
            while (account.find()) {
                int a = Integer.parseInt(account.group(1)) - 1;
                net[a] += Long.parseLong(account.group(2));
                writes[a] += Long.parseLong(account.group(3));
            }
        }
        try (Connection c = db.connection()) {
            violations.addAll(Bank.check(c, net, writes));
        }
        long hits = db.queryForLong("select hits from stress_counter where id = 1");
        long version = db.queryForLong("select version from stress_counter where id = 1");
        if (hits != increments || version != increments) {
            violations.add("counter holds " + hits + " (version " + version + ") after " + increments
                    + " increments committed by the children");
        }
        String line = String.format(Locale.ROOT, "[cas-stress] %d processes %s on %s: %s; load %.1f s (%.0f ops/s), "
                        + "%.1f s wall with JVM start; invariant violations %d%s",
                PROCESSES, StressSettings.bounded() ? "bounded" : duration.toSeconds() + "s", db.name(), totals,
                loadMillis / 1000.0, totals.getOrDefault("operations", 0L) * 1000.0 / Math.max(loadMillis, 1),
                elapsed.toMillis() / 1000.0, violations.size(), violations.isEmpty() ? "" : " " + violations);
        StressReport.append(line);

        assertThat(violations).isEmpty();
        assertThat(totals.get("failures")).as("unexpected failures in the children (see %s)", logs).isZero();
        assertThat(totals.get("commits") + totals.get("exhausted")).isEqualTo(totals.get("operations"));
    }

    /** {@code java -cp <the test classpath> StressWorkerProcess <url> <user> <password>}. */
    private static ProcessBuilder command(TestDatabase db, Duration duration) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                "-Dorg.jboss.logging.provider=slf4j", "-D" + StressSettings.SECONDS + "=" + duration.toSeconds()));
        if (duration.isZero()) {
            command.add("-XX:TieredStopAtLevel=1"); // a short run: start fast rather than run fast
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), StressWorkerProcess.class.getName(),
                db.jdbcUrl(), db.user(), db.password()));
        return new ProcessBuilder(command).directory(new File(System.getProperty("user.dir")));
    }
}
