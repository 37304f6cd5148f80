package io.hibernatecas.stress.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.hibernatecas.testing.DatabaseKind;
import io.hibernatecas.testing.TestDatabase;

import org.hibernate.Session;

import jakarta.persistence.EntityManager;

/**
 * The SQL that differs per database in the fault tests: which session am I, is a session waiting for a row lock,
 * kill a session, give up lock waits quickly.
 * <ul>
 * <li>PostgreSQL: {@code pg_backend_pid()}, {@code pg_stat_activity.wait_event_type = 'Lock'},
 *     {@code pg_terminate_backend(pid)}.</li>
 * <li>MariaDB: {@code connection_id()}, {@code information_schema.innodb_trx.trx_state = 'LOCK WAIT'},
 *     {@code KILL CONNECTION id}.</li>
 * <li>H2: {@code session_id()}, {@code information_schema.sessions.blocker_id}, {@code abort_session(id)}.</li>
 * </ul>
 */
final class DatabaseFaults {

    static final Duration WAIT = Duration.ofSeconds(15);

    private DatabaseFaults() {
    }

    /** The server-side id of the session behind {@code em}'s connection. */
    static long sessionId(EntityManager em, DatabaseKind kind) {
        return em.unwrap(Session.class).doReturningWork(c -> sessionId(c, kind));
    }

    /** The server-side id of the session behind {@code c}. */
    static long sessionId(Connection c, DatabaseKind kind) throws SQLException {
        String sql = switch (kind) {
            case H2 -> "select session_id()";
            case POSTGRESQL -> "select pg_backend_pid()";
            case MARIADB -> "select connection_id()";
        };
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Waits until session {@code id} waits for a row lock; fails after {@link #WAIT}. */
    static void awaitLockWait(TestDatabase db, long id) {
        String sql = switch (db.kind()) {
            case H2 -> "select count(*) from information_schema.sessions where session_id = ? "
                    + "and blocker_id is not null";
            case POSTGRESQL -> "select count(*) from pg_stat_activity where pid = ? and wait_event_type = 'Lock'";
            // innodb_trx does not always show the wait; an UPDATE of a two-row table busy for 300 ms is blocked
            case MARIADB -> "select count(*) from information_schema.processlist where id = ? "
                    + "and state = 'Updating' and time_ms > 300";
        };
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (db.queryForLong(sql, id) == 0) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("session " + id + " did not wait for a lock within " + WAIT + "; "
                        + describe(db, id));
            }
            sleep(20);
        }
    }

    /** What the server says session {@code id} is doing, for failure messages. */
    private static String describe(TestDatabase db, long id) {
        String sql = switch (db.kind()) {
            case H2 -> "select state || ' ' || coalesce(executing_statement, '') from information_schema.sessions "
                    + "where session_id = ?";
            case POSTGRESQL -> "select state || ' ' || coalesce(wait_event_type, '-') || ' ' || query "
                    + "from pg_stat_activity where pid = ?";
            case MARIADB -> "select concat(command, ' ', coalesce(state, ''), ' ', coalesce(info, '')) "
                    + "from information_schema.processlist where id = ?";
        };
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? "it is: " + rs.getString(1) : "it is gone";
            }
        }
        catch (SQLException e) {
            return "its state is unknown: " + e.getMessage();
        }
    }

    /** Kills session {@code id} from another connection, as an administrator would. */
    static void kill(TestDatabase db, long id) {
        try (Connection c = db.connection()) {
            switch (db.kind()) {
                case POSTGRESQL -> query(c, "select pg_terminate_backend(cast(? as integer))", id);
                case H2 -> query(c, "select abort_session(?)", id);
                case MARIADB -> {
                    try (Statement st = c.createStatement()) {
                        st.execute("kill connection " + id);
                    }
                }
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("could not kill session " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes lock waits of the current transaction give up quickly: H2 {@code SET LOCK_TIMEOUT} (ms), PostgreSQL
     * {@code SET LOCAL lock_timeout}, MariaDB {@code innodb_lock_wait_timeout} (whole seconds, so 1 s).
     */
    static void shortLockTimeout(EntityManager em, DatabaseKind kind) {
        String sql = switch (kind) {
            case H2 -> "set lock_timeout 300";
            case POSTGRESQL -> "set local lock_timeout = '300ms'";
            case MARIADB -> "set innodb_lock_wait_timeout = 1";
        };
        em.unwrap(Session.class).doWork(c -> {
            try (Statement st = c.createStatement()) {
                st.execute(sql);
            }
        });
    }

    private static void query(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
