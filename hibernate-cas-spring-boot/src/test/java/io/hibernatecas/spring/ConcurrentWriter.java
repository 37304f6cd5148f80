package io.hibernatecas.spring;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * The other writer of a race: a Hibernate {@code StatementInspector} that, just before the application's
 * {@code UPDATE invoice} is prepared, commits a write of its own to the same row on another connection. The
 * application's transaction has read the row but holds no lock on it, so the other write commits and the guarded
 * {@code UPDATE} then matches no row. Also records every {@code UPDATE invoice} the application prepared.
 */
final class ConcurrentWriter implements StatementInspector {

    private static final long serialVersionUID = 1L;

    private final transient DataSource dataSource;
    private final AtomicInteger remaining = new AtomicInteger();
    private volatile String concurrentSql;
    private final List<String> updates = new CopyOnWriteArrayList<>();

    ConcurrentWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code sql} before each of the next {@code times} invoice updates of the application. */
    void beforeNextUpdates(int times, String sql) {
        concurrentSql = sql;
        remaining.set(times);
    }

    void reset() {
        remaining.set(0);
        updates.clear();
    }

    /** The application's {@code UPDATE invoice} statements since {@link #reset()}. */
    List<String> updates() {
        return List.copyOf(updates);
    }

    @Override
    public String inspect(String sql) {
        if (sql.toLowerCase(Locale.ROOT).startsWith("update invoice")) {
            updates.add(sql);
            if (remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                try (Connection connection = dataSource.getConnection();
                        Statement statement = connection.createStatement()) {
                    connection.setAutoCommit(true);
                    statement.executeUpdate(concurrentSql);
                }
                catch (SQLException e) {
                    throw new IllegalStateException("the concurrent write failed: " + concurrentSql, e);
                }
            }
        }
        return sql;
    }
}
