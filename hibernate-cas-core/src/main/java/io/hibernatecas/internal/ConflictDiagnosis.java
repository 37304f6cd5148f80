package io.hibernatecas.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.SelectableMapping;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Reads, after a failed flush, the current state of every row the flush meant to write: one {@code SELECT} per
 * entity type and 1,000 identifiers ({@link #ROWS_PER_READ}) on the session's own connection and
 * transaction, with the identifiers in an {@code IN} list.
 * <p>
 * Under {@code REPEATABLE READ} or stricter a plain read shows the transaction's snapshot, not the row that made
 * the statement fail (MariaDB/MySQL), so the read then locks ({@code FOR UPDATE}) to see the current row. The
 * transaction is failing anyway and will be rolled back; the lock goes with it.
 */
final class ConflictDiagnosis {

    /** The current state of one row: {@code null} from {@link #read} when the row does not exist. */
    record RowState(Object version, List<Object> guardValues) {
    }

    /**
     * At most this many rows per diagnostic {@code SELECT}: with a key of up to 30 columns that stays below
     * PostgreSQL's bind limit (32,767 parameters in pgJDBC), so a flush of 1,000 rows costs one round trip and a flush
     * of 100,000 rows one hundred.
     */
    static final int ROWS_PER_READ = 1000;

    private ConflictDiagnosis() {
    }

    /**
     * Reads the rows of {@code writes}; the result maps each write to its row, or to {@code null} when the row is
     * gone. The guard values are in the order of each write's {@link RowPlan#columns()}.
     */
    static Map<PendingWrite, RowState> read(SharedSessionContractImplementor session, List<PendingWrite> writes)
            throws SQLException {
        Map<EntityPersister, List<PendingWrite>> byPersister = new LinkedHashMap<>();
        for (PendingWrite write : writes) {
            byPersister.computeIfAbsent(write.persister(), p -> new ArrayList<>()).add(write);
        }
        Map<PendingWrite, RowState> states = new HashMap<>();
        for (var entry : byPersister.entrySet()) {
            readPersister(session, entry.getKey(), entry.getValue(), states);
        }
        return states;
    }

    private static void readPersister(SharedSessionContractImplementor session, EntityPersister persister,
            List<PendingWrite> writes, Map<PendingWrite, RowState> states) throws SQLException {
        List<SelectableMapping> keyColumns = new ArrayList<>();
        persister.getIdentifierMapping().forEachSelectable((i, column) -> keyColumns.add(column));
        // the @Cas columns, and any column a client stated a value for (CasOperations.expectValues)
        Set<SelectableMapping> columnSet = new LinkedHashSet<>();
        for (Guard guard : writes.get(0).plan().model().guards()) {
            columnSet.addAll(guard.columns());
        }
        writes.forEach(write -> columnSet.addAll(write.plan().columns()));
        List<SelectableMapping> guardColumns = new ArrayList<>(columnSet);
        var version = persister.getVersionMapping();

        String select = selectList(keyColumns, version == null ? null : version.getSelectionExpression(), guardColumns)
                + " from " + persister.getIdentifierTableName() + " where ";
        // distinct identifiers, and the writes of each, by their JDBC key values
        Map<List<Object>, Object> distinctIds = new LinkedHashMap<>();
        Map<List<Object>, List<PendingWrite>> writesByKey = new HashMap<>();
        for (PendingWrite write : writes) {
            List<Object> key = keyValues(persister, write.id(), session);
            distinctIds.putIfAbsent(key, write.id());
            writesByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(write);
        }
        List<Object> ids = new ArrayList<>(distinctIds.values());
        for (int from = 0; from < ids.size(); from += ROWS_PER_READ) {
            List<Object> slice = ids.subList(from, Math.min(ids.size(), from + ROWS_PER_READ));
            readChunk(session, persister, select + keyPredicate(keyColumns, slice.size()), slice, keyColumns,
                    guardColumns, writes, writesByKey, states);
        }
    }

    private static void readChunk(SharedSessionContractImplementor session, EntityPersister persister, String where,
            List<Object> ids, List<SelectableMapping> keyColumns, List<SelectableMapping> guardColumns,
            List<PendingWrite> writes, Map<List<Object>, List<PendingWrite>> writesByKey,
            Map<PendingWrite, RowState> states) throws SQLException {
        var version = persister.getVersionMapping();
        StringBuilder sql = new StringBuilder(where);
        var jdbcCoordinator = session.getJdbcCoordinator();
        Connection connection = jdbcCoordinator.getLogicalConnection().getPhysicalConnection();
        if (connection.getTransactionIsolation() >= Connection.TRANSACTION_REPEATABLE_READ) {
            sql.append(session.getJdbcServices().getDialect().getForUpdateString());
        }

        String text = sql.toString();
        PreparedStatement statement = jdbcCoordinator.getStatementPreparer().prepareStatement(text);
        var registry = jdbcCoordinator.getLogicalConnection().getResourceRegistry();
        try {
            int[] position = {1};
            for (Object id : ids) {
                persister.getIdentifierMapping().breakDownJdbcValues(id, (i, value, column) -> {
                    try {
                        bind(statement, position[0]++, value, column, session);
                    }
                    catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }, session);
            }
            ResultSet rows = jdbcCoordinator.getResultSetReturn().extract(statement, text);
            try {
                while (rows.next()) {
                    int column = 1;
                    List<Object> key = new ArrayList<>();
                    for (SelectableMapping keyColumn : keyColumns) {
                        key.add(extract(rows, column++, keyColumn, session));
                    }
                    Object actualVersion = version == null ? null
                            : version.getJdbcMapping().getJdbcValueExtractor().extract(rows, column++, session);
                    Map<SelectableMapping, Object> guardValues = new HashMap<>();
                    for (SelectableMapping guardColumn : guardColumns) {
                        guardValues.put(guardColumn, extract(rows, column++, guardColumn, session));
                    }
                    List<PendingWrite> matching = writesByKey.get(key);
                    if (matching == null) {
                        // a key the database returns in another form (padding, scale): compare column by column
                        matching = writes.stream().filter(w -> matches(persister, w.id(), key, session)).toList();
                    }
                    for (PendingWrite write : matching) {
                        List<Object> values = new ArrayList<>();
                        write.plan().columns().forEach(c -> values.add(guardValues.get(c)));
                        states.put(write, new RowState(actualVersion, values));
                    }
                }
            }
            finally {
                registry.release(rows, statement);
            }
        }
        finally {
            registry.release(statement);
            jdbcCoordinator.afterStatementExecution();
        }
    }

    private static String selectList(List<SelectableMapping> keyColumns, String versionColumn,
            List<SelectableMapping> guardColumns) {
        List<String> selected = new ArrayList<>();
        keyColumns.forEach(c -> selected.add(c.getSelectionExpression()));
        if (versionColumn != null) {
            selected.add(versionColumn);
        }
        guardColumns.forEach(c -> selected.add(c.getSelectionExpression()));
        return "select " + String.join(", ", selected);
    }

    private static List<Object> keyValues(EntityPersister persister, Object id,
            SharedSessionContractImplementor session) {
        List<Object> values = new ArrayList<>();
        persister.getIdentifierMapping().breakDownJdbcValues(id, (i, value, column) -> values.add(value), session);
        return values;
    }

    private static String keyPredicate(List<SelectableMapping> keyColumns, int rows) {
        StringBuilder predicate = new StringBuilder();
        if (keyColumns.size() == 1) {
            predicate.append(keyColumns.get(0).getSelectionExpression()).append(" in (");
            for (int i = 0; i < rows; i++) {
                predicate.append(i == 0 ? "?" : ",?");
            }
            return predicate.append(')').toString();
        }
        for (int i = 0; i < rows; i++) {
            predicate.append(i == 0 ? "(" : " or (");
            for (int c = 0; c < keyColumns.size(); c++) {
                predicate.append(c == 0 ? "" : " and ").append(keyColumns.get(c).getSelectionExpression()).append("=?");
            }
            predicate.append(')');
        }
        return predicate.toString();
    }

    private static boolean matches(EntityPersister persister, Object id, List<Object> key,
            SharedSessionContractImplementor session) {
        List<Object> expected = new ArrayList<>();
        persister.getIdentifierMapping().breakDownJdbcValues(id, (i, value, column) -> expected.add(value), session);
        List<SelectableMapping> columns = new ArrayList<>();
        persister.getIdentifierMapping().forEachSelectable((i, column) -> columns.add(column));
        ExactComparison exact = ExactComparison.of(persister.getFactory());
        for (int i = 0; i < expected.size(); i++) {
            if (!GuardValues.equal(columns.get(i), expected.get(i), key.get(i), exact)) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static void bind(PreparedStatement statement, int index, Object value, SelectableMapping column,
            SharedSessionContractImplementor session) throws SQLException {
        column.getJdbcMapping().getJdbcValueBinder().bind(statement, value, index, session);
    }

    private static Object extract(ResultSet rows, int index, SelectableMapping column,
            SharedSessionContractImplementor session) throws SQLException {
        return column.getJdbcMapping().getJdbcValueExtractor().extract(rows, index, session);
    }
}
