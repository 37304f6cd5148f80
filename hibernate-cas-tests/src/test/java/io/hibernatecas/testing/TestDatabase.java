package io.hibernatecas.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One fresh, empty database for one test invocation, on one {@link DatabaseKind}.
 *
 * <p>Injected as a parameter into {@link AllDatabases} tests (and their {@code @BeforeEach}/{@code @AfterEach}
 * methods, which get the same instance). When the invocation ends, JUnit closes it: first the resources
 * registered with {@link #closeAtEnd} (e.g. session factories built by {@link HibernateTestFactory}), in
 * reverse order, then the database is dropped. Outside JUnit, use {@link #create(DatabaseKind, String)} in a
 * try-with-resources block.
 *
 * <p>Creating a database costs about a millisecond on H2 and MariaDB and some tens of milliseconds on
 * PostgreSQL, which is why isolation is per invocation rather than per class.
 */
public final class TestDatabase implements AutoCloseable, ExtensionContext.Store.CloseableResource {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /** Distinguishes concurrent builds sharing an external server. */
    private static final String RUN_ID = Long.toString(ProcessHandle.current().pid() % 46656, 36);

    private final DatabaseServer server;
    private final String databaseName;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final DataSource dataSource;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final boolean owner;
    private boolean closed;

    TestDatabase(DatabaseServer server, String databaseName, String jdbcUrl, String user, String password) {
        this(server, databaseName, jdbcUrl, user, password, true);
    }

    /** @param owner whether {@link #close()} drops the database (a second view of it, on another node, does not) */
    TestDatabase(DatabaseServer server, String databaseName, String jdbcUrl, String user, String password,
            boolean owner) {
        this.owner = owner;
        this.server = server;
        this.databaseName = databaseName;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.dataSource = new DriverManagerDataSource(jdbcUrl, user, password, null);
    }

    /**
     * Starts the server of {@code kind} if needed and creates a new database on it.
     *
     * @param label a hint for the database name, e.g. the test class name (sanitized and shortened)
     * @throws DatabaseUnavailableException if the server cannot be started
     */
    public static TestDatabase create(DatabaseKind kind, String label) {
        return DatabaseServers.server(kind).createDatabase(uniqueName(label));
    }

    static String uniqueName(String label) {
        String clean = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        if (clean.length() > 30) {
            clean = clean.substring(0, 30);
        }
        return "cas_" + RUN_ID + "_" + SEQUENCE.incrementAndGet() + "_" + clean;
    }

    public DatabaseKind kind() {
        return server.kind();
    }

    /** "H2", "PostgreSQL" or "MariaDB". */
    public String name() {
        return server.kind().displayName();
    }

    /** The name of this test's own database (H2: the in-memory database name). */
    public String databaseName() {
        return databaseName;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Where this database lives, e.g. "embedded PostgreSQL 17.6 on port 40001". */
    public String serverDescription() {
        return server.description();
    }

    /** A non-pooled, non-counting DataSource for out-of-band SQL (a fresh connection per call). */
    public DataSource dataSource() {
        return dataSource;
    }

    /** A new autocommit connection; the caller closes it. */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /**
     * Runs one SQL statement with positional parameters in its own autocommit connection, e.g. an
     * out-of-band write "behind Hibernate's back".
     *
     * @return the update count
     * @throws IllegalStateException wrapping the {@link SQLException}
     */
    public int execute(String sql, Object... params) {
        try (Connection c = connection(); PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(name() + ": " + sql + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs a query returning one number (e.g. {@code select count(*) ...}) in its own connection. */
    public long queryForLong(String sql, Object... params) {
        try (Connection c = connection(); PreparedStatement ps = prepare(c, sql, params);
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException(name() + ": no row from " + sql);
            }
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(name() + ": " + sql + " failed: " + e.getMessage(), e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps;
    }

    /** Registers {@code resource} to be closed when this database is closed (before it is dropped). */
    public synchronized <T extends AutoCloseable> T closeAtEnd(T resource) {
        resources.push(resource);
        return resource;
    }

    /** Closes the registered resources (last registered first), then drops the database. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException(name() + ": closing a test resource failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        try {
            if (owner) {
                server.dropDatabase(this);
            }
        } catch (RuntimeException e) {
            // A leftover database is harmless for embedded servers (their data directory is deleted).
            System.err.println("[cas-test] WARNING: could not drop " + name() + " database " + databaseName
                    + ": " + e.getMessage());
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return name() + " (" + jdbcUrl + ")";
    }
}
