package io.hibernatecas.internal;

import java.util.List;

import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.dialect.MySQLDialect;
import org.hibernate.dialect.PostgreSQLDialect;

/**
 * How {@code findOrCreate} inserts a row that another transaction may insert first, per database, so that the
 * duplicate never raises an error that aborts the caller's transaction (PostgreSQL aborts the whole transaction on
 * any error).
 * <ul>
 * <li>PostgreSQL: {@code insert ... on conflict (key) do nothing}, which waits for a concurrent insert of the key to
 *     commit and then skips. Only the key's constraint is tolerated; any other violation is still an error.</li>
 * <li>MySQL and MariaDB: {@code insert ... on duplicate key update k=k}, a no-op on the existing row. Unlike
 *     {@code insert ignore} it tolerates duplicate keys only, not truncation, null or foreign-key errors. It cannot
 *     name the key, so the row found afterwards is checked. InnoDB reads the transaction's snapshot, which may
 *     predate the concurrent insert, so the rows are read back {@code for update} ({@link #lockingReads()}).</li>
 * <li>H2 (2.3, default mode, which has neither {@code on conflict} nor {@code insert ignore}):
 *     {@code merge into t using (select 1) on t.k=? when not matched then insert ...}, which skips a committed
 *     duplicate. A concurrent insert of the same key still fails it with a unique violation; H2 undoes only the
 *     failed statement, so the violation is caught as "someone else created it" ({@link #duplicateMayFail()}).
 *     {@code merge into ... key(...)} is not used: it updates the existing row with the new values.</li>
 * <li>Any other database: a plain insert inside a savepoint, rolled back to the savepoint on a unique violation.</li>
 * </ul>
 */
enum InsertDialect {

    POSTGRESQL {
        @Override
        String render(String table, List<String> columns, List<String> values, List<String> keyColumns) {
            return insert(table, columns, values) + " on conflict (" + String.join(",", keyColumns) + ") do nothing";
        }
    },
    MYSQL {
        @Override
        String render(String table, List<String> columns, List<String> values, List<String> keyColumns) {
            String key = keyColumns.get(0);
            return insert(table, columns, values) + " on duplicate key update " + key + "=" + key;
        }

        @Override
        boolean reportsInsertedRows() {
            // with useAffectedRows=false (the default) a no-op update also counts as one row
            return false;
        }

        @Override
        boolean lockingReads() {
            return true;
        }
    },
    H2 {
        @Override
        String render(String table, List<String> columns, List<String> values, List<String> keyColumns) {
            StringBuilder sql = new StringBuilder("merge into ").append(table)
                    .append(" as target_ using (select 1) as source_ on ");
            for (int i = 0; i < keyColumns.size(); i++) {
                sql.append(i == 0 ? "" : " and ").append("target_.").append(keyColumns.get(i)).append("=?");
            }
            return sql.append(" when not matched then insert (").append(String.join(",", columns))
                    .append(") values (").append(String.join(",", values)).append(')').toString();
        }

        @Override
        boolean keyParametersFirst() {
            return true;
        }

        @Override
        boolean duplicateMayFail() {
            return true;
        }
    },
    SAVEPOINT {
        @Override
        String render(String table, List<String> columns, List<String> values, List<String> keyColumns) {
            return insert(table, columns, values);
        }

        @Override
        boolean duplicateMayFail() {
            return true;
        }

        @Override
        boolean needsSavepoint() {
            return true;
        }
    };

    static InsertDialect of(Dialect dialect) {
        if (dialect instanceof PostgreSQLDialect) {
            return POSTGRESQL;
        }
        if (dialect instanceof MySQLDialect) {
            return MYSQL;
        }
        if (dialect instanceof H2Dialect) {
            return H2;
        }
        return SAVEPOINT;
    }

    /** The statement; {@code values} are {@code ?} or SQL from the mapping (discriminator, database defaults). */
    abstract String render(String table, List<String> columns, List<String> values, List<String> keyColumns);

    /** Whether the key values are bound once more, before the inserted values. */
    boolean keyParametersFirst() {
        return false;
    }

    /** Whether the update count tells an inserted row (1) from a skipped duplicate (0). */
    boolean reportsInsertedRows() {
        return true;
    }

    /** Whether a concurrent duplicate can still fail the statement with a unique violation. */
    boolean duplicateMayFail() {
        return false;
    }

    /** Whether that failure would abort the transaction unless a savepoint contains it. */
    boolean needsSavepoint() {
        return false;
    }

    /** Whether rows must be read with {@code for update} to see rows committed after the transaction's snapshot. */
    boolean lockingReads() {
        return false;
    }

    private static String insert(String table, List<String> columns, List<String> values) {
        return "insert into " + table + " (" + String.join(",", columns) + ") values (" + String.join(",", values)
                + ")";
    }
}
