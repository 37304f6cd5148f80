package io.hibernatecas.retry;

import java.sql.Statement;
import java.time.Duration;

import io.hibernatecas.testing.DatabaseKind;
import io.hibernatecas.testing.TestDatabase;

import org.hibernate.Session;

import jakarta.persistence.EntityManager;

/** The SQL that differs per database in the retry tests: lock timeouts and counting open connections. */
final class DatabaseSessions {

    private DatabaseSessions() {
    }

    /**
     * Makes lock waits of the current transaction give up quickly: H2 {@code SET LOCK_TIMEOUT} (session, ms),
     * PostgreSQL {@code SET LOCAL lock_timeout} (transaction), MariaDB {@code innodb_lock_wait_timeout} (session,
     * whole seconds, so 1s). Each attempt of {@code CasRetry} has a connection of its own, so nothing leaks into
     * other tests.
     */
    static void shortLockTimeout(EntityManager em, DatabaseKind kind) {
        String sql = switch (kind) {
            case H2 -> "SET LOCK_TIMEOUT 200";
            case POSTGRESQL -> "set local lock_timeout = '200ms'";
            case MARIADB -> "set innodb_lock_wait_timeout = 1";
        };
        em.unwrap(Session.class).doWork(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        });
    }

    /**
     * Connections to the test's database other than the one asking, once the count has settled (a PostgreSQL
     * backend leaves {@code pg_stat_activity} a moment after its client closed the connection).
     */
    static long otherConnections(TestDatabase db) {
        String sql = switch (db.kind()) {
            case H2 -> "select count(*) from information_schema.sessions";
            case POSTGRESQL -> "select count(*) from pg_stat_activity where datname = current_database()";
            case MARIADB -> "select count(*) from information_schema.processlist where db = database()";
        };
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long others = db.queryForLong(sql) - 1;
        while (others > 0 && System.nanoTime() < deadline) {
            sleep(50);
            others = db.queryForLong(sql) - 1;
        }
        return others;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
