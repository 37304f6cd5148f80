package io.hibernatecas.internal;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.hibernatecas.CasSettings;
import io.hibernatecas.UnverifiableUpdateException;

import org.hibernate.StaleStateException;
import org.hibernate.jdbc.Expectation;
import org.hibernate.jdbc.TooManyRowsAffectedException;

import org.jboss.logging.Logger;

/**
 * The row-count check of a guarded entity's {@code UPDATE} and {@code DELETE}: exactly one row, like Hibernate's
 * own, except that a driver answer that cannot prove it ({@link Statement#SUCCESS_NO_INFO}, which Hibernate accepts
 * silently) is treated as unverifiable: with MariaDB Connector/J {@code useBulkStmts=true} a whole batch answers -2
 * and a stale row would be lost without a word. An entity with nothing to check (no {@code @Version}, no
 * {@code @Cas}) accepts that answer as Hibernate does: there is nothing to lose.
 * <p>
 * <b>Hibernate SPI</b>: {@link Expectation}, assigned per entity through {@code PersistentClass#setUpdateExpectation}
 * and {@code setDeleteExpectation} at bootstrap. Batches check row counts through it
 * ({@code BatchImpl#checkRowCounts}), single statements too.
 * <p>
 * Inside a flush the outcome of every row is recorded in the {@link FlushJournal}: Hibernate checks a batch's rows
 * in order and stops at the first failure, so this check records a failure before the batch's last row without
 * throwing, and throws at the last row; every row of the batch has then been checked (see {@link FlushJournal}).
 */
final class CasRowCountExpectation implements Expectation {

    private static final Logger LOG = Logger.getLogger(CasRowCountExpectation.class);

    private final String entityName;
    private final String rootEntityName;
    private final boolean identifierTable;
    private final String statement;
    private final boolean fail;
    private final boolean checks;
    private final AtomicBoolean warned;

    /**
     * @param rootEntityName the root of the entity's hierarchy: the journal lists batched writes per hierarchy
     * @param identifierTable whether this check serves the table that holds the identifier (and the guards); the
     *                        batch positions of that table's statement are the positions of the journal's writes
     * @param checks whether the entity has something to check: a {@code @Version} or a {@code @Cas} attribute
     */
    CasRowCountExpectation(String entityName, String rootEntityName, boolean identifierTable, String statement,
            boolean fail, boolean checks, AtomicBoolean warned) {
        this.entityName = entityName;
        this.rootEntityName = rootEntityName;
        this.identifierTable = identifierTable;
        this.statement = statement;
        this.fail = fail;
        this.checks = checks;
        this.warned = warned;
    }

    @Override
    public void verifyOutcome(int rowCount, PreparedStatement preparedStatement, int batchPosition, String sql) {
        if (rowCount == Statement.SUCCESS_NO_INFO) {
            if (checks) {
                unverifiable(batchPosition);
            }
            return;
        }
        if (rowCount > 1) {
            throw new TooManyRowsAffectedException("Unexpected row count " + rowCount + " for a guarded " + statement
                    + " of " + entityName + where(batchPosition), 1, rowCount);
        }
        FlushJournal journal = FlushJournal.onThisThread();
        if (journal == null) {
            check(rowCount, batchPosition, sql);
            return;
        }
        if (batchPosition < 0) {
            PendingWrite write = CurrentWrite.current();
            if (write != null) {
                journal.record(write, rowCount == 1, true);
            }
            check(rowCount, batchPosition, sql);
            return;
        }
        List<PendingWrite> batch = identifierTable ? journal.batched(rootEntityName) : List.of();
        if (batchPosition >= batch.size()) {
            // a statement whose rows the journal does not list: check it the way Hibernate does
            check(rowCount, batchPosition, sql);
            return;
        }
        journal.record(batch.get(batchPosition), rowCount == 1, false);
        if (rowCount < 1) {
            journal.defer(stale(rowCount, batchPosition, sql));
        }
        if (batchPosition == batch.size() - 1) {
            batch.clear();
            journal.throwDeferred();
        }
    }

    private void check(int rowCount, int batchPosition, String sql) {
        if (rowCount < 1) {
            throw stale(rowCount, batchPosition, sql);
        }
    }

    private StaleStateException stale(int rowCount, int batchPosition, String sql) {
        return new StaleStateException("Unexpected row count " + rowCount + " for a guarded " + statement + " of "
                + entityName + where(batchPosition) + " [" + sql + "]");
    }

    /** Built only for a failure: this check runs for every row of every guarded statement. */
    private static String where(int batchPosition) {
        return batchPosition < 0 ? "" : " (batch position " + batchPosition + ")";
    }

    private void unverifiable(int batchPosition) {
        String message = "The JDBC driver answered SUCCESS_NO_INFO (-2) for a guarded " + statement + " of "
                + entityName + (batchPosition < 0 ? "" : " in a batch")
                + ", so a concurrent change could pass unseen; turn off the driver's bulk mode (MariaDB/MySQL: "
                + "useBulkStmts=false, rewriteBatchedStatements=false)";
        if (fail) {
            throw new UnverifiableUpdateException(message + " or set " + CasSettings.UNVERIFIABLE_UPDATES
                    + "=warn to accept unverified updates");
        }
        if (warned.compareAndSet(false, true)) {
            LOG.warn(message + "; accepted because " + CasSettings.UNVERIFIABLE_UPDATES + "=warn (logged once)");
        }
    }
}
