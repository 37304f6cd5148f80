package io.hibernatecas.benchmarks;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * Proxies of a {@link Connection} and of the statements it creates that report executions to a
 * {@link StatementCounter} (after the call, failed or not: the round trip happened). Everything else passes through.
 */
final class CountingJdbc {

    private CountingJdbc() {
    }

    static Connection wrap(Connection connection, StatementCounter counter) {
        return (Connection) Proxy.newProxyInstance(CountingJdbc.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new ConnectionHandler(connection, counter));
    }

    private static Object invoke(Object proxy, Object target, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "Counting(" + target + ")";
            };
        }
        try {
            return method.invoke(target, args);
        }
        catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private record ConnectionHandler(Connection connection, StatementCounter counter) implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object result = CountingJdbc.invoke(proxy, connection, method, args);
            Class<?> type = switch (method.getName()) {
                case "createStatement" -> Statement.class;
                case "prepareStatement" -> PreparedStatement.class;
                case "prepareCall" -> CallableStatement.class;
                default -> null;
            };
            if (type == null) {
                return result;
            }
            String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
            return Proxy.newProxyInstance(CountingJdbc.class.getClassLoader(), new Class<?>[] {type},
                    new StatementHandler((Statement) result, sql, (Connection) proxy, counter));
        }
    }

    private static final class StatementHandler implements InvocationHandler {
        private final Statement statement;
        private final String preparedSql;
        private final Connection connectionProxy;
        private final StatementCounter counter;
        private int pendingRows;
        private String pendingSql;

        StatementHandler(Statement statement, String preparedSql, Connection connectionProxy,
                StatementCounter counter) {
            this.statement = statement;
            this.preparedSql = preparedSql;
            this.connectionProxy = connectionProxy;
            this.counter = counter;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql;
            switch (name) {
                case "getConnection":
                    return connectionProxy;
                case "addBatch":
                    if (pendingRows++ == 0) {
                        pendingSql = sql;
                    }
                    return CountingJdbc.invoke(proxy, statement, method, args);
                case "clearBatch":
                    pendingRows = 0;
                    return CountingJdbc.invoke(proxy, statement, method, args);
                case "executeBatch":
                case "executeLargeBatch": {
                    int rows = pendingRows;
                    pendingRows = 0;
                    try {
                        return CountingJdbc.invoke(proxy, statement, method, args);
                    }
                    finally {
                        counter.batchExecuted(pendingSql, rows);
                    }
                }
                case "executeQuery":
                case "executeUpdate":
                case "executeLargeUpdate":
                case "execute":
                    try {
                        return CountingJdbc.invoke(proxy, statement, method, args);
                    }
                    finally {
                        counter.executed(sql, name.equals("executeQuery")
                                || sql != null && sql.trim().toLowerCase().startsWith("select"));
                    }
                default:
                    return CountingJdbc.invoke(proxy, statement, method, args);
            }
        }
    }
}
