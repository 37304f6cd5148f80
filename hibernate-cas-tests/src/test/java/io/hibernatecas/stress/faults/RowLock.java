package io.hibernatecas.stress.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import io.hibernatecas.testing.TestDatabase;

/**
 * A third transaction, in plain JDBC, that changes one account and holds its row lock, uncommitted, until it is
 * {@linkplain #close() rolled back} (or its session is killed). Anyone writing that row waits meanwhile.
 */
final class RowLock implements AutoCloseable {

    private final Connection connection;
    private final long sessionId;

    private RowLock(Connection connection, long sessionId) {
        this.connection = connection;
        this.sessionId = sessionId;
    }

    static RowLock hold(TestDatabase db, long accountId) throws SQLException {
        Connection c = db.connection();
        try {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "update stress_account set balance = balance + 1000 where id = ?")) {
                ps.setLong(1, accountId);
                ps.executeUpdate();
            }
            return new RowLock(c, DatabaseFaults.sessionId(c, db.kind()));
        }
        catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** The server-side id of the holding session, for {@link DatabaseFaults#kill}. */
    long sessionId() {
        return sessionId;
    }

    /** Rolls the uncommitted change back (if the session is still alive) and closes the connection. */
    @Override
    public synchronized void close() {
        try (connection) {
            connection.rollback();
        }
        catch (SQLException e) {
            // the session was killed: nothing of it was committed either
        }
    }
}
