package io.hibernatecas.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * The raw JDBC baseline of {@link EntityUpdateBenchmark}: the statement Hibernate issues for {@code PlainItem},
 * {@code update plain_item set amount=?, name=?, note=?, version=? where id=? and version=?}, with every row count
 * checked like Hibernate checks it, batched in batches of {@link HibernateBoot#BATCH_SIZE} or executed one by one.
 * With {@code guarded}, the statement Hibernate issues for {@code CasItem} instead, on {@code cas_item}:
 * {@code ... where id=? and amount=? and name=? and version=?}: what the two guards cost at the JDBC level, with no
 * library involved.
 */
final class JdbcUpdates implements UpdateWorkload {

    static final String SELECT = "select id, version, amount, name from plain_item where id <= ? order by id";
    static final String UPDATE =
            "update plain_item set amount=?, name=?, note=?, version=? where id=? and version=?";
    static final String SELECT_GUARDED = "select id, version, amount, name from cas_item where id <= ? order by id";
    static final String UPDATE_GUARDED =
            "update cas_item set amount=?, name=?, note=?, version=? where id=? and amount=? and name=? and version=?";

    private final BenchDataSource dataSource;
    private final boolean batched;
    private final boolean guarded;
    private final long[] ids;
    private final int[] versions;
    private final long[] amounts;
    private final String[] names;
    private Connection connection;

    JdbcUpdates(BenchDataSource dataSource, int rows, boolean batched) {
        this(dataSource, rows, batched, false);
    }

    JdbcUpdates(BenchDataSource dataSource, int rows, boolean batched, boolean guarded) {
        this.dataSource = dataSource;
        this.batched = batched;
        this.guarded = guarded;
        ids = new long[rows];
        versions = new int[rows];
        amounts = new long[rows];
        names = new String[rows];
    }

    @Override
    public void load() throws Exception {
        connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (PreparedStatement select = connection.prepareStatement(guarded ? SELECT_GUARDED : SELECT)) {
            select.setLong(1, ids.length);
            try (ResultSet rows = select.executeQuery()) {
                int i = 0;
                while (rows.next()) {
                    ids[i] = rows.getLong(1);
                    versions[i] = rows.getInt(2);
                    amounts[i] = rows.getLong(3);
                    names[i] = rows.getString(4);
                    i++;
                }
                if (i != ids.length) {
                    throw new IllegalStateException("Loaded " + i + " rows, expected " + ids.length);
                }
            }
        }
    }

    @Override
    public void update() throws Exception {
        boolean committed = false;
        try (PreparedStatement update = connection.prepareStatement(guarded ? UPDATE_GUARDED : UPDATE)) {
            int pending = 0;
            for (int i = 0; i < ids.length; i++) {
                long amount = amounts[i] + 1;
                update.setLong(1, amount);
                update.setString(2, names[i]);
                update.setString(3, "note-" + amount);
                update.setInt(4, versions[i] + 1);
                update.setLong(5, ids[i]);
                if (guarded) {
                    update.setLong(6, amounts[i]);
                    update.setString(7, names[i]);
                    update.setInt(8, versions[i]);
                }
                else {
                    update.setInt(6, versions[i]);
                }
                if (batched) {
                    update.addBatch();
                    if (++pending == HibernateBoot.BATCH_SIZE) {
                        check(update.executeBatch());
                        pending = 0;
                    }
                }
                else {
                    check(update.executeUpdate());
                }
            }
            if (pending > 0) {
                check(update.executeBatch());
            }
            connection.commit();
            committed = true;
        }
        finally {
            if (!committed) {
                connection.rollback();
            }
            connection.setAutoCommit(true);
            connection.close();
            connection = null;
        }
    }

    private static void check(int... counts) {
        for (int count : counts) {
            if (count != 1) {
                throw new IllegalStateException("Row count " + count + ", expected 1");
            }
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            }
            catch (Exception e) {
                System.err.println("Closing the connection failed: " + e);
            }
        }
    }
}
