package io.hibernatecas.spring;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One embedded PostgreSQL (zonky binaries, as in hibernate-cas-tests) for the test JVM, started on first use and
 * stopped when the JVM exits. Durability is off since test data is thrown away. A server that cannot start fails
 * the tests (there is no skipping here: CI runs them).
 */
final class EmbeddedPostgresServer {

    private static EmbeddedPostgres server;

    private EmbeddedPostgresServer() {
    }

    static synchronized String jdbcUrl() {
        if (server == null) {
            server = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                }
                catch (Exception e) {
                    // the JVM is exiting; zonky deletes the data directory with the server
                }
            }));
        }
        return server.getJdbcUrl("postgres", "postgres");
    }

    private static EmbeddedPostgres start() {
        try {
            Path dir = Path.of(System.getProperty("cas.test.workDir", "target/embedded-db")).resolve("postgres");
            Files.createDirectories(dir);
            System.setProperty("ot.epg.working-dir", dir.toString());
            return EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(dir.toFile())
                    .setDataDirectory(Files.createTempDirectory(dir, "data-"))
                    .setCleanDataDirectory(true)
                    .setPort(0)
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
        }
        catch (Exception e) {
            throw new IllegalStateException("embedded PostgreSQL failed to start: " + e.getMessage(), e);
        }
    }
}
