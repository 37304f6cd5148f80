package io.hibernatecas.benchmarks;

import io.hibernatecas.benchmarks.model.HotCounter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.hibernate.SessionFactory;

/**
 * The counter row {@code hot_counter(id=1)} and the raw JDBC statements on it, as the brief of the benchmarks
 * states them: {@code update hot_counter set n = ?, version = version + 1 where id = ? and n = ?} and
 * {@code ... set n = n + ?, version = version + 1 where id = ?}.
 */
final class HotRow {

    static final long ID = 1L;
    static final String JDBC_COMPARE_AND_SET =
            "update hot_counter set n = ?, version = version + 1 where id = ? and n = ?";
    static final String JDBC_INCREMENT = "update hot_counter set n = n + ?, version = version + 1 where id = ?";
    static final String HQL_INCREMENT =
            "update HotCounter c set c.n = c.n + :delta, c.version = c.version + 1 where c.id = :id";

    private HotRow() {
    }

    /** Creates the table (through {@code factory}'s schema export) and the row with {@code n = 0}. */
    static void create(SessionFactory factory) {
        HibernateBoot.inTransaction(factory, em -> em.persist(new HotCounter(ID)));
    }

    static long read(BenchDataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select n from hot_counter where id = ?")) {
            select.setLong(1, ID);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("hot_counter row " + ID + " is gone");
                }
                return row.getLong(1);
            }
        }
    }

    /**
     * {@code n = newValue} where {@code n = expected}, in a transaction of its own run the way Hibernate runs one
     * (autocommit off, the statement, commit, autocommit back on); the row count.
     */
    static int jdbcCompareAndSet(BenchDataSource dataSource, long expected, long newValue) throws SQLException {
        return jdbcUpdate(dataSource, JDBC_COMPARE_AND_SET, newValue, true, expected);
    }

    /** {@code n = n + delta} in a transaction of its own, as {@link #jdbcCompareAndSet} does it. */
    static int jdbcIncrement(BenchDataSource dataSource, long delta) throws SQLException {
        return jdbcUpdate(dataSource, JDBC_INCREMENT, delta, false, 0);
    }

    private static int jdbcUpdate(BenchDataSource dataSource, String sql, long value, boolean compare,
            long expected) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            boolean committed = false;
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                update.setLong(1, value);
                update.setLong(2, ID);
                if (compare) {
                    update.setLong(3, expected);
                }
                int count = update.executeUpdate();
                connection.commit();
                committed = true;
                return count;
            }
            finally {
                if (!committed) {
                    connection.rollback();
                }
                connection.setAutoCommit(true);
            }
        }
    }
}
