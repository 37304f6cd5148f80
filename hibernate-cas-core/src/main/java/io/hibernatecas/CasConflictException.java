package io.hibernatecas;

import java.util.List;
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

    public CasConflictException(String message, Conflict conflict, List<Conflict> conflicts, Throwable cause) {
        super(message, cause, conflict.getEntity());
        this.conflict = conflict;
        this.conflicts = List.copyOf(conflicts);
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

    /** 409 for a concurrent change, 404 when the row was deleted. */
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
}
