package io.hibernatecas.testing;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} decorator that counts JDBC executions into a {@link JdbcCounter}.
 *
 * <p>Connections and statements are wrapped in {@link Proxy java.lang.reflect.Proxy} instances; every call is
 * passed on unchanged, and {@code executeQuery}, {@code executeUpdate}, {@code execute},
 * {@code executeLargeUpdate}, {@code addBatch}, {@code clearBatch}, {@code executeBatch} and
 * {@code executeLargeBatch} are also recorded (after the call, whether it succeeded or failed: the round trip
 * happened). {@code unwrap} returns the driver's objects, which are then not counted; Hibernate does not
 * unwrap in normal operation.
 */
public final class CountingDataSource implements DataSource {

    private final DataSource delegate;
    private final JdbcCounter counter;

    public CountingDataSource(DataSource delegate, JdbcCounter counter) {
        this.delegate = delegate;
        this.counter = counter;
    }

    public JdbcCounter counter() {
        return counter;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(delegate.getConnection(username, password));
    }

    private Connection wrap(Connection connection) {
        counter.connectionOpened();
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                new ConnectionHandler(connection));
    }

    /** Identity semantics for the proxies (Hibernate keys maps by statement), else passes the call on. */
    private static Object call(Object proxy, Object target, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            switch (method.getName()) {
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                default:
                    return "Counting(" + target + ")";
            }
        }
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private final class ConnectionHandler implements InvocationHandler {
        private final Connection connection;

        ConnectionHandler(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object result = call(proxy, connection, method, args);
            Class<?> type;
            switch (method.getName()) {
                case "createStatement":
                    type = Statement.class;
                    break;
                case "prepareStatement":
                    type = PreparedStatement.class;
                    break;
                case "prepareCall":
                    type = CallableStatement.class;
                    break;
                default:
                    return result;
            }
            String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
            return Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] {type},
                    new StatementHandler((Statement) result, sql, (Connection) proxy));
        }
    }

    private final class StatementHandler implements InvocationHandler {
        private final Statement statement;
        private final String preparedSql;
        private final Connection connectionProxy;
        private int pendingRows;
        private String pendingSql;

        StatementHandler(Statement statement, String preparedSql, Connection connectionProxy) {
            this.statement = statement;
            this.preparedSql = preparedSql;
            this.connectionProxy = connectionProxy;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("getConnection")) {
                return connectionProxy;
            }
            String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql;
            switch (name) {
                case "addBatch":
                    Object added = call(proxy, statement, method, args);
                    counter.addBatchCalled();
                    if (pendingRows++ == 0) {
                        pendingSql = sql;
                    }
                    return added;
                case "clearBatch":
                    pendingRows = 0;
                    return call(proxy, statement, method, args);
                case "executeBatch":
                case "executeLargeBatch":
                    int rows = pendingRows;
                    pendingRows = 0;
                    return counted(proxy, JdbcCounter.Call.EXECUTE_BATCH, pendingSql, rows, method, args);
                case "executeQuery":
                    return counted(proxy, JdbcCounter.Call.EXECUTE_QUERY, sql, 1, method, args);
                case "executeUpdate":
                case "executeLargeUpdate":
                    return counted(proxy, JdbcCounter.Call.EXECUTE_UPDATE, sql, 1, method, args);
                case "execute":
                    return counted(proxy, JdbcCounter.Call.EXECUTE, sql, 1, method, args);
                default:
                    return call(proxy, statement, method, args);
            }
        }

        private Object counted(Object proxy, JdbcCounter.Call call, String sql, int rows, Method method,
                Object[] args) throws Throwable {
            try {
                return call(proxy, statement, method, args);
            } finally {
                counter.record(call, sql, rows);
            }
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate.isWrapperFor(iface);
    }
}
