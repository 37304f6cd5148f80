package io.hibernatecas;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.hibernate.exception.ConstraintViolationException;

/**
 * A foreign key blocked a write (HTTP 409): a row being deleted is still referenced (often by a row another
 * transaction just inserted: Meadowlark's "delete failure due to new reference"), or a written reference points
 * to a row that no longer exists. Not retried by {@code CasRetry}: the same statement would fail again.
 * <p>
 * It is the {@link ConstraintViolationException} plain Hibernate throws for the violation (kind
 * {@link ConstraintKind#FOREIGN_KEY}), with a message that says what happened: {@link #getConstraintName()},
 * {@link #getSQLException()}, {@link #getSQLState()}, {@link #getErrorCode()} and {@link #getSQL()} are the ones of
 * Hibernate's exception, the driver's {@code SQLException} is the cause, and the stack trace is Hibernate's. Like
 * every {@code JDBCException}, {@link #getMessage()} ends with the SQL in brackets; {@link #getErrorMessage()} and
 * {@link #toProblemDetail()} leave it out.
 */
public class ReferenceConflictException extends ConstraintViolationException {

    private static final long serialVersionUID = 2L;

    private final boolean delete;

    /**
     * @param message what happened, without the SQL
     * @param sqlException the driver's exception
     * @param sql the statement that failed, or {@code null}
     * @param constraintName the constraint as the database named it, or {@code null}
     * @param delete whether the statement was a {@code DELETE}
     */
    public ReferenceConflictException(String message, SQLException sqlException, String sql, String constraintName,
            boolean delete) {
        super(message, sqlException, sql, ConstraintKind.FOREIGN_KEY, constraintName);
        this.delete = delete;
    }

    /** Whether the blocked statement was a {@code DELETE} (the row is still referenced). */
    public boolean isDelete() {
        return delete;
    }

    public int getHttpStatus() {
        return 409;
    }

    /**
     * RFC 9457 problem details: {@code type}, {@code title}, {@code status}, {@code detail} (the message without the
     * SQL), {@code constraint}.
     */
    public Map<String, Object> toProblemDetail() {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", ProblemTypes.BASE + "reference");
        problem.put("title", "Reference conflict");
        problem.put("status", getHttpStatus());
        problem.put("detail", getErrorMessage());
        if (getConstraintName() != null) {
            problem.put("constraint", getConstraintName());
        }
        return problem;
    }
}
