package io.hibernatecas.stress.faults;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

import io.hibernatecas.testing.DriverManagerDataSource;
import io.hibernatecas.testing.TestDatabase;

/**
 * A data source that can be switched, at any moment, from the test's database to the same kind of server on a port
 * where nothing listens: from then on every new connection is refused by the driver ("Connection refused"), as when
 * the database server is down.
 */
final class SwitchableDataSource implements DataSource {

    private final DataSource up;
    private final DataSource down;
    private volatile boolean refusing;

    SwitchableDataSource(TestDatabase db) {
        this.up = new DriverManagerDataSource(db.jdbcUrl(), db.user(), db.password(), null);
        int port = closedPort();
        String url = switch (db.kind()) {
            case H2 -> "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:refused";
            case POSTGRESQL -> "jdbc:postgresql://127.0.0.1:" + port + "/refused?connectTimeout=5";
            case MARIADB -> "jdbc:mariadb://127.0.0.1:" + port + "/refused?connectTimeout=5000";
        };
        this.down = new DriverManagerDataSource(url, db.user(), db.password(), null);
    }

    void refuse(boolean refuse) {
        refusing = refuse;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return (refusing ? down : up).getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return (refusing ? down : up).getConnection(username, password);
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
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }

    /** A local port that was free a moment ago and on which nothing listens now. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
