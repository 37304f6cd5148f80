package io.hibernatecas;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.PersistenceException;

/**
 * A foreign key blocked a write (HTTP 409): a row being deleted is still referenced (often by a row another
 * transaction just inserted: Meadowlark's "delete failure due to new reference"), or a written reference points
 * to a row that no longer exists. {@link #getConstraintName()} names the constraint as the database reported it.
 * Not retried by {@code CasRetry}: the same statement would fail again.
 */
public class ReferenceConflictException extends PersistenceException {

    private static final long serialVersionUID = 1L;

    private final String constraintName;
    private final boolean delete;

    public ReferenceConflictException(String message, String constraintName, boolean delete, Throwable cause) {
        super(message, cause);
        this.constraintName = constraintName;
        this.delete = delete;
    }

    /** The violated constraint as the database named it, or {@code null} when the driver did not say. */
    public String getConstraintName() {
        return constraintName;
    }

    /** Whether the blocked statement was a {@code DELETE} (the row is still referenced). */
    public boolean isDelete() {
        return delete;
    }

    public int getHttpStatus() {
        return 409;
    }

    /** RFC 9457 problem details: {@code type}, {@code title}, {@code status}, {@code detail}, {@code constraint}. */
    public Map<String, Object> toProblemDetail() {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", ProblemTypes.BASE + "reference");
        problem.put("title", "Reference conflict");
        problem.put("status", getHttpStatus());
        problem.put("detail", getMessage());
        if (constraintName != null) {
            problem.put("constraint", constraintName);
        }
        return problem;
    }
}
