package io.hibernatecas.testing;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The simplest possible {@link DataSource}: every {@link #getConnection()} opens a new physical connection
 * through {@link DriverManager}. No pooling: connections to the local test servers take a few milliseconds,
 * and without a pool no state (isolation level, open transactions) can leak from one session to the next.
 *
 * <p>If {@code isolation} is not {@code null}, it is set on each new connection; otherwise the database
 * default stays in force (H2 and PostgreSQL: read committed, MariaDB: repeatable read).
 */
public final class DriverManagerDataSource implements DataSource {

    private final String url;
    private final String user;
    private final String password;
    private final Integer isolation;

    public DriverManagerDataSource(String url, String user, String password, Integer isolation) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.isolation = isolation;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(user, password);
    }

    @Override
    public Connection getConnection(String username, String pass) throws SQLException {
        Connection connection = DriverManager.getConnection(url, username, pass);
        if (isolation != null) {
            connection.setTransactionIsolation(isolation);
        }
        return connection;
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("Not a wrapper for " + iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public String toString() {
        return url;
    }
}
