package io.hibernatecas.testing;

import java.util.function.Consumer;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

/**
 * A session factory built by {@link HibernateTestFactory} together with its instruments: the {@link SqlCapture}
 * (statements as prepared) and the {@link JdbcCounter} (executions, batches, rows).
 *
 * <p>{@link #inTransaction}/{@link #fromTransaction} open a new session and transaction on the calling thread;
 * for a genuinely concurrent second transaction use {@link Concurrently} or {@link Race}.
 */
public final class HibernateFixture implements AutoCloseable {

    private final TestDatabase database;
    private final SessionFactory sessionFactory;
    private final SqlCapture sql;
    private final JdbcCounter jdbc;

    HibernateFixture(TestDatabase database, SessionFactory sessionFactory, SqlCapture sql, JdbcCounter jdbc) {
        this.database = database;
        this.sessionFactory = sessionFactory;
        this.sql = sql;
        this.jdbc = jdbc;
    }

    public TestDatabase database() {
        return database;
    }

    /** Also usable as {@code jakarta.persistence.EntityManagerFactory}. */
    public SessionFactory sessionFactory() {
        return sessionFactory;
    }

    /** Statements as prepared by Hibernate (the configured statement inspector). */
    public SqlCapture sql() {
        return sql;
    }

    /** Statements as executed over JDBC. */
    public JdbcCounter jdbc() {
        return jdbc;
    }

    /** Clears {@link #sql()} and resets {@link #jdbc()}: call right before the part under test. */
    public void resetCounters() {
        sql.clear();
        jdbc.reset();
    }

    public void inTransaction(Consumer<Session> work) {
        sessionFactory.inTransaction(work);
    }

    public <R> R fromTransaction(Function<Session, R> work) {
        return sessionFactory.fromTransaction(work);
    }

    @Override
    public void close() {
        if (sessionFactory.isOpen()) {
            sessionFactory.close();
        }
    }
}
