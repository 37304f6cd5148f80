package io.hibernatecas.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.hibernate.engine.jdbc.spi.JdbcCoordinator;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * Runs one statement on the session's own connection and transaction, the way Hibernate runs its own: prepared by
 * the session's {@code StatementPreparer} (so the {@code StatementInspector}, SQL logging, statement timeout and
 * pending JDBC batch are honoured), executed through {@code ResultSetReturn} (statistics, slow-query log, JFR
 * events, exception conversion), then released from the session's resource registry.
 * <p>
 * The exception is {@link #tryUpdate}, for the insert whose unique-key violation is an expected outcome: it hands
 * back the raw {@link SQLException} so that an expected duplicate is neither logged as an error nor marks the
 * transaction for rollback.
 */
final class SessionJdbc {

    /** Reads the result of a query; the result set is released afterwards. */
    @FunctionalInterface
    interface Reader<T> {
        T read(ResultSet resultSet) throws SQLException;
    }

    /** A statement that may fail with an exception the caller handles. */
    @FunctionalInterface
    interface Attempt {
        int run(PreparedStatement statement) throws SQLException;
    }

    private SessionJdbc() {
    }

    static int executeUpdate(SharedSessionContractImplementor session, String sql, JdbcParameters parameters) {
        JdbcCoordinator jdbc = session.getJdbcCoordinator();
        PreparedStatement statement = jdbc.getStatementPreparer().prepareStatement(sql);
        try {
            parameters.bind(statement, session);
            return jdbc.getResultSetReturn().executeUpdate(statement, sql);
        }
        catch (SQLException e) {
            throw session.getJdbcServices().getSqlExceptionHelper().convert(e, "could not bind parameters", sql);
        }
        finally {
            release(jdbc, statement);
        }
    }

    static <T> T query(SharedSessionContractImplementor session, String sql, JdbcParameters parameters,
            Reader<T> reader) {
        JdbcCoordinator jdbc = session.getJdbcCoordinator();
        PreparedStatement statement = jdbc.getStatementPreparer().prepareQueryStatement(sql, false, null);
        try {
            parameters.bind(statement, session);
            ResultSet resultSet = jdbc.getResultSetReturn().extract(statement, sql);
            try {
                return reader.read(resultSet);
            }
            finally {
                jdbc.getLogicalConnection().getResourceRegistry().release(resultSet, statement);
            }
        }
        catch (SQLException e) {
            throw session.getJdbcServices().getSqlExceptionHelper().convert(e, "could not read", sql);
        }
        finally {
            release(jdbc, statement);
        }
    }

    /** Prepares {@code sql}, binds, and runs {@code attempt}; an {@link SQLException} reaches the caller as it is. */
    static int tryUpdate(SharedSessionContractImplementor session, String sql, JdbcParameters parameters,
            Attempt attempt) throws SQLException {
        JdbcCoordinator jdbc = session.getJdbcCoordinator();
        PreparedStatement statement = jdbc.getStatementPreparer().prepareStatement(sql);
        try {
            parameters.bind(statement, session);
            session.getEventListenerManager().jdbcExecuteStatementStart();
            try {
                return attempt.run(statement);
            }
            finally {
                session.getEventListenerManager().jdbcExecuteStatementEnd();
            }
        }
        finally {
            release(jdbc, statement);
        }
    }

    private static void release(JdbcCoordinator jdbc, PreparedStatement statement) {
        jdbc.getLogicalConnection().getResourceRegistry().release(statement);
        jdbc.afterStatementExecution();
    }
}
