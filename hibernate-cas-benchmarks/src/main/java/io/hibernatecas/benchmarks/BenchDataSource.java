package io.hibernatecas.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The connection pool of one benchmark trial, shared by its raw JDBC and its Hibernate variants so that both pay the
 * same for a connection: HikariCP with a fixed number of connections, opened before the first measurement.
 * <p>
 * Statement counting is off while JMH measures. {@link #startCounting()} makes the connections handed out from then
 * on count what they execute (through {@link CountingJdbc}'s proxies, which cost a little per call and so are kept
 * out of the timed runs); {@link #stopCounting()} hands out plain pooled connections again.
 */
public final class BenchDataSource implements DataSource, AutoCloseable {

    private final HikariDataSource pool;
    private final StatementCounter counter = new StatementCounter();
    private volatile boolean counting;

    public BenchDataSource(Endpoint endpoint, int connections) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("bench-" + endpoint.kind().param());
        config.setJdbcUrl(endpoint.url());
        config.setUsername(endpoint.user());
        config.setPassword(endpoint.password());
        config.setMaximumPoolSize(connections);
        config.setMinimumIdle(connections);
        config.setAutoCommit(true);
        pool = new HikariDataSource(config);
    }

    /** Counts from now on, from zero, what connections obtained from now on execute. */
    public StatementCounter startCounting() {
        counter.reset();
        counting = true;
        return counter;
    }

    public void stopCounting() {
        counting = false;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = pool.getConnection();
        return counting ? CountingJdbc.wrap(connection, counter) : connection;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLException("The benchmark pool has fixed credentials");
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getLogger("io.hibernatecas.benchmarks");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || pool.isWrapperFor(iface);
    }
}
