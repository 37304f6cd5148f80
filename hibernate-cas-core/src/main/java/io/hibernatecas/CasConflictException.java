package io.hibernatecas;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.persistence.OptimisticLockException;

/**
 * A guarded {@code UPDATE} or {@code DELETE} matched no row: another transaction changed or deleted the row after
 * this one read it.
 * <p>
 * Thrown unwrapped from {@code EntityManager.flush()} and {@code Session.flush()}; a JPA {@code commit()} throws a
 * {@code RollbackException} caused by it. The transaction can no longer commit: roll it back and redo the read
 * (see {@code CasRetry}). The getters describe the row whose statement failed; {@link #getConflicts()} lists every
 * conflicting row of the same flush, this one first.
 * <p>
 * Field values are never part of the message unless {@link CasSettings#MESSAGES_INCLUDE_VALUES} is enabled; the
 * getters always carry them.
 */
public class CasConflictException extends OptimisticLockException {

    private static final long serialVersionUID = 1L;

    private final transient Conflict conflict;
    private final transient List<Conflict> conflicts;
    private final boolean valuesDisclosed;

    public CasConflictException(String message, Conflict conflict, List<Conflict> conflicts, Throwable cause) {
        this(message, conflict, conflicts, cause, false);
    }

    /**
     * @param valuesDisclosed whether {@link #toProblemDetail()} may show field values
     *                        ({@link CasSettings#MESSAGES_INCLUDE_VALUES})
     */
    public CasConflictException(String message, Conflict conflict, List<Conflict> conflicts, Throwable cause,
            boolean valuesDisclosed) {
        super(message, cause, conflict.getEntity());
        this.conflict = conflict;
        this.conflicts = List.copyOf(conflicts);
        this.valuesDisclosed = valuesDisclosed;
    }

    public String getEntityName() {
        return conflict.getEntityName();
    }

    public Object getIdentifier() {
        return conflict.getIdentifier();
    }

    public ConflictReason getReason() {
        return conflict.getReason();
    }

    public Object getExpectedVersion() {
        return conflict.getExpectedVersion();
    }

    public Object getActualVersion() {
        return conflict.getActualVersion();
    }

    public List<String> getChangedAttributes() {
        return conflict.getChangedAttributes();
    }

    public Object getExpectedValue(String attribute) {
        return conflict.getExpectedValue(attribute);
    }

    public Object getActualValue(String attribute) {
        return conflict.getActualValue(attribute);
    }

    public Map<String, Object> getExpectedValues() {
        return conflict.getExpectedValues();
    }

    public Map<String, Object> getActualValues() {
        return conflict.getActualValues();
    }

    /**
     * 409 for a concurrent change, 404 when the row was deleted, 412 when the expected version or values came from
     * the client ({@code CasOperations.expectVersion}, {@code expectValues}) and the row no longer matches them.
     */
    public int getHttpStatus() {
        return conflict.getHttpStatus();
    }

    /** The conflict this exception reports: the row whose statement failed. */
    public Conflict getConflict() {
        return conflict;
    }

    /**
     * Every row of the failed flush that conflicts, found with one diagnostic read, starting with
     * {@link #getConflict()}. Holds only that one when diagnosis is disabled.
     */
    public List<Conflict> getConflicts() {
        return conflicts;
    }

    /**
     * This conflict as an RFC 9457 problem-details object, ready to be serialised as {@code application/problem+json}
     * by any web framework: {@code type}, {@code title}, {@code status}, {@code detail}, and the extension members
     * {@code entity}, {@code id}, {@code expectedVersion}, {@code actualVersion} (when known),
     * {@code changedAttributes}; {@code expectedValues} and {@code actualValues} only when
     * {@link CasSettings#MESSAGES_INCLUDE_VALUES} is enabled. A new map on every call, in that order.
     */
    public Map<String, Object> toProblemDetail() {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", ProblemTypes.BASE + conflict.getReason().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        problem.put("title", ProblemTypes.title(getHttpStatus()));
        problem.put("status", getHttpStatus());
        problem.put("detail", getMessage());
        problem.put("entity", getEntityName());
        problem.put("id", String.valueOf(getIdentifier()));
        if (getExpectedVersion() != null) {
            problem.put("expectedVersion", getExpectedVersion());
        }
        if (getActualVersion() != null) {
            problem.put("actualVersion", getActualVersion());
        }
        problem.put("changedAttributes", getChangedAttributes());
        if (valuesDisclosed) {
            problem.put("expectedValues", getExpectedValues());
            problem.put("actualValues", getActualValues());
        }
        return problem;
    }
}
