package io.hibernatecas.benchmarks;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Finds the database of a benchmark in this JVM.
 * <ul>
 * <li>H2 runs in memory inside the benchmark's own JVM (a JMH fork), as an application embedding H2 would.</li>
 * <li>PostgreSQL and MariaDB: the server named by {@code -Dbench.postgresql.url} / {@code -Dbench.mariadb.url}
 *     (with {@code .user} and {@code .password}). {@link BenchmarkMain} starts each embedded server once per run and
 *     passes these properties to every fork. Without them (a benchmark started by JMH's own main class) the fork
 *     starts an embedded server of its own, which costs a few seconds per fork.</li>
 * </ul>
 */
public final class Endpoints {

    /** {@code LOCK_TIMEOUT}: 8 threads queueing on one row must wait, not fail. */
    static final String H2_URL = "jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";

    private static final Map<DatabaseKind, EmbeddedServer> STARTED = new EnumMap<>(DatabaseKind.class);

    private Endpoints() {
    }

    public static synchronized Endpoint of(DatabaseKind kind) {
        if (kind == DatabaseKind.H2) {
            return new Endpoint(kind, H2_URL, "sa", "");
        }
        String prefix = "bench." + kind.param() + ".";
        String url = System.getProperty(prefix + "url");
        if (url != null && !url.isBlank()) {
            return new Endpoint(kind, url, System.getProperty(prefix + "user", ""),
                    System.getProperty(prefix + "password", ""));
        }
        EmbeddedServer server = STARTED.get(kind);
        if (server == null) {
            server = EmbeddedServer.start(kind, workDir());
            STARTED.put(kind, server);
            EmbeddedServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop embedded " + kind.param()));
        }
        return server.endpoint();
    }

    static Path workDir() {
        return Path.of(System.getProperty("bench.workDir",
                Path.of(System.getProperty("java.io.tmpdir"), "hibernate-cas-bench").toString()));
    }
}
