package io.hibernatecas.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Per-JVM registry of the database servers: each one is started lazily on first use, at most once, and
 * stopped by a single JVM shutdown hook. With surefire's {@code forkCount=1, reuseForks=true} that means one
 * start per build for all test classes.
 *
 * <p>Resolution per {@link DatabaseKind}: deselected by {@code cas.test.databases} &rarr; unavailable;
 * {@code cas.test.<key>.url} set &rarr; that external server (nothing started); otherwise the embedded
 * server ({@link EmbeddedPostgresLauncher}, {@link EmbeddedMariaDbLauncher}; H2 needs none).
 *
 * <p>A failed start is remembered, so later tests report the same cause at once instead of retrying.
 */
public final class DatabaseServers {

    private static final Map<DatabaseKind, DatabaseServer> STARTED = new EnumMap<>(DatabaseKind.class);
    private static final Map<DatabaseKind, DatabaseUnavailableException> FAILED = new EnumMap<>(DatabaseKind.class);
    private static final List<DatabaseServer> TO_STOP = new ArrayList<>();
    private static boolean hookInstalled;

    private DatabaseServers() {
    }

    /**
     * The running server for {@code kind}, starting it if this is the first use.
     *
     * @throws DatabaseUnavailableException if it cannot be used (message: which database and why)
     */
    public static DatabaseServer server(DatabaseKind kind) {
        // One lock per kind would let two kinds start in parallel, but tests run sequentially anyway.
        synchronized (DatabaseServers.class) {
            DatabaseServer server = STARTED.get(kind);
            if (server != null) {
                return server;
            }
            DatabaseUnavailableException failure = FAILED.get(kind);
            if (failure != null) {
                throw failure;
            }
            try {
                server = start(kind);
                STARTED.put(kind, server);
                return server;
            } catch (DatabaseUnavailableException e) {
                FAILED.put(kind, e);
                throw e;
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) { // includes ExceptionInInitializerError/LinkageError from native binaries
                String root = DatabaseUnavailableException.rootCause(e);
                String message = kind + " could not be started: " + e.getClass().getSimpleName() + ": "
                        + e.getMessage();
                String rootMessage = root.substring(root.indexOf(": ") + 2);
                if (!String.valueOf(e.getMessage()).contains(rootMessage)) {
                    message += "\n(root cause: " + root + ")";
                }
                DatabaseUnavailableException unavailable = new DatabaseUnavailableException(kind, message, e);
                FAILED.put(kind, unavailable);
                throw unavailable;
            }
        }
    }

    private static DatabaseServer start(DatabaseKind kind) throws Exception {
        if (!HarnessConfig.selectedDatabases().contains(kind)) {
            throw new DatabaseUnavailableException(kind, kind + " is not selected by cas.test.databases="
                    + HarnessConfig.get("cas.test.databases").orElse(""), null);
        }
        if (kind == DatabaseKind.H2) {
            return DatabaseServer.h2();
        }
        Optional<HarnessConfig.ExternalServer> external = HarnessConfig.external(kind);
        if (external.isPresent()) {
            HarnessConfig.ExternalServer e = external.get();
            String version;
            try {
                version = DatabaseServer.serverVersion(e.url(), e.user(), e.password());
            } catch (Exception ex) {
                throw new DatabaseUnavailableException(kind, "external " + kind + " at " + e.url()
                        + " (cas.test." + kind.key() + ".url) is not reachable: "
                        + DatabaseUnavailableException.rootCause(ex), ex);
            }
            log("using external " + kind + " " + version + " at " + e.url() + " (no embedded server started)");
            return new DatabaseServer(kind, e.url(), e.user(), e.password(),
                    "external " + kind + " " + version + " at " + e.url(), null);
        }
        long start = System.nanoTime();
        DatabaseServer server;
        try {
            server = launch(kind);
        } catch (Exception first) {
            // The free port is picked before the server binds it; another process may have taken it meanwhile.
            log(kind + " did not start (" + first + "), retrying once");
            try {
                server = launch(kind);
            } catch (Exception second) {
                second.addSuppressed(first);
                throw second;
            }
        }
        log(String.format("started %s in %d ms", server.description(), (System.nanoTime() - start) / 1_000_000));
        stopAtShutdown(server);
        return server;
    }

    private static DatabaseServer launch(DatabaseKind kind) throws Exception {
        return kind == DatabaseKind.POSTGRESQL
                ? EmbeddedPostgresLauncher.start(HarnessConfig.workDir().resolve("postgres"))
                : EmbeddedMariaDbLauncher.start(HarnessConfig.workDir().resolve("mariadb"));
    }

    private static void stopAtShutdown(DatabaseServer server) {
        TO_STOP.add(server);
        if (!hookInstalled) {
            hookInstalled = true;
            Runtime.getRuntime().addShutdownHook(new Thread(DatabaseServers::stopAll, "cas-test-db-shutdown"));
        }
    }

    private static void stopAll() {
        List<DatabaseServer> servers;
        synchronized (DatabaseServers.class) {
            servers = new ArrayList<>(TO_STOP);
            TO_STOP.clear();
        }
        for (DatabaseServer server : servers) {
            long start = System.nanoTime();
            try {
                server.stop();
                log(String.format("stopped %s in %d ms", server.description(), (System.nanoTime() - start) / 1_000_000));
            } catch (Exception e) {
                log("could not stop " + server.description() + ": " + e);
            }
        }
    }

    /** Best-effort recursive delete (data directories of stopped or failed servers). */
    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            log("could not delete " + root + ": " + e);
        }
    }

    static void log(String message) {
        System.err.println("[cas-test] " + message);
    }
}
