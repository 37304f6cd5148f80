package io.hibernatecas.internal;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.exception.SnapshotIsolationException;

/**
 * Finds the guarded write whose statement a database refused because the row changed after the transaction's
 * snapshot: MariaDB 11 with {@code innodb_snapshot_isolation=ON} (the default from 11.6.2 under
 * {@code REPEATABLE READ}) answers a lost update with error 1020, "Record has changed since last read", which
 * Hibernate reports as a {@link SnapshotIsolationException}, where other databases and settings match no row.
 * <p>
 * The exception names no row. It is known when the statements ran one at a time (no JDBC batching): the failed
 * one is then the last write the flush journal recorded, since the journal records each write just before its
 * statement runs. With batching, a batch runs several rows at once and the failed one is known only when the
 * flush wrote a single row; otherwise, and when the failed statement is not for that row's table (an entity without
 * guards), Hibernate's exception is left as it is.
 */
final class SnapshotConflicts {

    private SnapshotConflicts() {
    }

    /** The write whose statement failed with {@code failure}, or {@code null} when it cannot be told. */
    static PendingWrite failedWrite(SharedSessionContractImplementor session, SnapshotIsolationException failure,
            List<PendingWrite> journal) {
        if (journal.isEmpty()) {
            return null;
        }
        Integer batchSize = session.getConfiguredJdbcBatchSize();
        boolean oneAtATime = batchSize == null ? session.getFactory().getSessionFactoryOptions().getJdbcBatchSize() <= 1
                : batchSize <= 1;
        PendingWrite last = journal.get(journal.size() - 1);
        return (oneAtATime || journal.size() == 1) && isStatementOf(failure.getSQL(), last) ? last : null;
    }

    /** Whether {@code sql} writes the table of {@code write} (an unguarded entity's statement may fail too). */
    private static boolean isStatementOf(String sql, PendingWrite write) {
        String table = write.persister().getIdentifierTableName().toLowerCase(Locale.ROOT);
        return sql != null && sql.toLowerCase(Locale.ROOT).matches("(?s)\\s*(update|delete\\s+from)\\s+[`\"]?"
                + Pattern.quote(table) + "[`\"]?\\s.*");
    }
}
