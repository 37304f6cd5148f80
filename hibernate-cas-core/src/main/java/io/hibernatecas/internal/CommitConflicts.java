package io.hibernatecas.internal;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import io.hibernatecas.CommitConflictException;

import org.hibernate.TransactionException;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

import jakarta.persistence.EntityManager;

/**
 * Recognises a failure of {@code COMMIT} itself (not of the flush that precedes it) caused by a concurrent
 * transaction, and turns it into a {@link CommitConflictException} naming the rows the transaction had written
 * ({@link TransactionWrites}).
 * <p>
 * A commit failure is Hibernate's {@link TransactionException} whose cause is the {@link SQLException} of
 * {@code Connection.commit()} (the flush reports its own failures as {@code JDBCException}s instead). Among those,
 * a retryable code ({@link RetryClassifier}) is a conflict; MariaDB's deadlock 1213 at commit is what a Galera
 * node reports when the transaction failed certification, since a single InnoDB server never deadlocks in
 * {@code COMMIT}.
 */
public final class CommitConflicts {

    private static final int ER_LOCK_DEADLOCK = 1213;

    private CommitConflicts() {
    }

    /**
     * {@code failure} of an attempt run in {@code em}, as a {@link CommitConflictException} when it is a conflict
     * at commit, otherwise unchanged. Call before {@code em} is closed.
     */
    public static RuntimeException translate(EntityManager em, RuntimeException failure, RetryClassifier classifier) {
        SQLException commitError = commitError(failure);
        if (commitError == null || classifier.reasonFor(commitError).isEmpty()) {
            return failure;
        }
        Map<String, List<Object>> rows;
        try {
            rows = TransactionWrites.ofFailedTransaction(em.unwrap(SharedSessionContractImplementor.class));
        }
        catch (RuntimeException e) {
            // an EntityManager proxy of a framework whose transaction already ended: the rows are unknown
            rows = Map.of();
        }
        boolean certification = commitError.getErrorCode() == ER_LOCK_DEADLOCK;
        String kind = certification
                ? "Cluster certification conflict at commit: another node committed a conflicting write first, so "
                        + "nothing of this transaction was written"
                : "Conflict at commit (SQLState " + commitError.getSQLState() + ", error " + commitError.getErrorCode()
                        + "): the database refused the commit because of a concurrent transaction, so nothing of "
                        + "this transaction was written";
        return new CommitConflictException(kind + "; " + describe(rows), rows, certification, failure);
    }

    private static String describe(Map<String, List<Object>> rows) {
        if (rows.isEmpty()) {
            return "it had written no row through a guarded statement or CasOperations";
        }
        StringJoiner joined = new StringJoiner(", ", "it had written ", "");
        rows.forEach((name, ids) -> ids.forEach(id -> joined.add("[" + name + "#" + id + "]")));
        return joined.toString();
    }

    /** The SQL error of {@code Connection.commit()} behind {@code failure}, or {@code null}. */
    private static SQLException commitError(Throwable failure) {
        for (Throwable t : RetryClassifier.chain(failure)) {
            if (t instanceof TransactionException && t.getCause() instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
