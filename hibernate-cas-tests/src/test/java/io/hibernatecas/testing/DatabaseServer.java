package io.hibernatecas.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A running database server (embedded or external) on which the harness creates one isolated database
 * per test invocation, and drops it afterwards.
 *
 * <ul>
 *   <li>H2: there is no server; every database is a private in-memory database
 *       ({@code jdbc:h2:mem:NAME;DB_CLOSE_DELAY=-1}), dropped with {@code SHUTDOWN}.</li>
 *   <li>PostgreSQL: {@code CREATE DATABASE} / {@code DROP DATABASE ... WITH (FORCE)} (PostgreSQL 13+) through
 *       the admin URL; the test URL is the admin URL with the database name replaced.</li>
 *   <li>MariaDB: {@code CREATE DATABASE ... utf8mb4} / {@code DROP DATABASE}, same URL scheme.</li>
 * </ul>
 *
 * <p>Instances are made by {@link DatabaseServers}; tests use {@link TestDatabase}.
 */
public final class DatabaseServer {

    private static final Pattern URL = Pattern.compile("^(jdbc:[a-z0-9]+://[^/?]+)(/[^?]*)?(\\?.*)?$");

    private final DatabaseKind kind;
    private final String adminUrl;
    private final String user;
    private final String password;
    private final String description;
    private final AutoCloseable stopper;

    DatabaseServer(DatabaseKind kind, String adminUrl, String user, String password, String description,
            AutoCloseable stopper) {
        this.kind = kind;
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.description = description;
        this.stopper = stopper;
    }

    static DatabaseServer h2() {
        return new DatabaseServer(DatabaseKind.H2, null, "sa", "", "H2 in-memory", null);
    }

    public DatabaseKind kind() {
        return kind;
    }

    /** E.g. "embedded PostgreSQL 17.x on port 41234" or "external jdbc:postgresql://...". */
    public String description() {
        return description;
    }

    /** Creates a new, empty database called {@code name} (a safe lowercase identifier). */
    TestDatabase createDatabase(String name) {
        switch (kind) {
            case H2:
                return new TestDatabase(this, name, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", user, password);
            case POSTGRESQL:
                admin("create database \"" + name + "\"");
                return new TestDatabase(this, name, withDatabase(adminUrl, name), user, password);
            case MARIADB:
                admin("create database `" + name + "` character set utf8mb4 collate utf8mb4_general_ci");
                return new TestDatabase(this, name, withDatabase(adminUrl, name), user, password);
            default:
                throw new IllegalStateException(kind.name());
        }
    }

    /** Drops the database of {@code db}; its connections should be closed (PostgreSQL forces them anyway). */
    void dropDatabase(TestDatabase db) {
        switch (kind) {
            case H2:
                try (Connection c = db.connection(); Statement s = c.createStatement()) {
                    s.execute("shutdown");
                } catch (SQLException e) {
                    throw new IllegalStateException("Could not shut down H2 database " + db.databaseName(), e);
                }
                break;
            case POSTGRESQL:
                admin("drop database if exists \"" + db.databaseName() + "\" with (force)");
                break;
            case MARIADB:
                admin("drop database if exists `" + db.databaseName() + "`");
                break;
            default:
                throw new IllegalStateException(kind.name());
        }
    }

    /** Stops an embedded server; no-op for H2 and external servers. */
    void stop() throws Exception {
        if (stopper != null) {
            stopper.close();
        }
    }

    private void admin(String sql) {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(kind + ": '" + sql + "' failed on " + adminUrl + ": " + e.getMessage(), e);
        }
    }

    /** Connects once and returns the product version, e.g. "17.11" (also proves the server is reachable). */
    static String serverVersion(String url, String user, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            return c.getMetaData().getDatabaseProductVersion();
        }
    }

    /** {@code jdbc:x://host:port/old?params} with the database path replaced by {@code database}. */
    static String withDatabase(String url, String database) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("Cannot parse JDBC URL (expected jdbc:x://host:port/db?params): " + url);
        }
        return m.group(1) + "/" + database + (m.group(3) == null ? "" : m.group(3));
    }

    @Override
    public String toString() {
        return description;
    }
}
