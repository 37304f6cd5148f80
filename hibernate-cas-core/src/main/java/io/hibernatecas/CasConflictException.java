package io.hibernatecas;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
 * <p>
 * <b>Two views of one conflict.</b> Java has single inheritance, so the same conflict exists twice, carrying the
 * same data: this JPA view, and its cause, the Hibernate view {@link CasStaleObjectStateException} (a
 * {@code StaleObjectStateException}, thus {@code StaleStateException} and {@code HibernateException}). Each surfaces
 * where plain Hibernate throws that family: {@code flush()}, {@code commit()} and {@code merge()} throw this one;
 * a {@code StatelessSession} and a forced version increment at commit throw the Hibernate view (wrapped by Hibernate
 * in a plain {@code OptimisticLockException} under JPA). Spring's translators build their exception from the
 * Hibernate view. {@link #findIn(Throwable)} finds the conflict in any of these.
 * <p>
 * <b>Serialization.</b> The conflict data survives Java serialization (see {@link Conflict}); the entity instance
 * does not: {@link #getEntity()} is {@code null} after a round trip.
 */
public class CasConflictException extends OptimisticLockException {

    private static final long serialVersionUID = 2L;

    private final Conflict conflict;
    private final List<Conflict> conflicts;
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
        // the entity stays out of OptimisticLockException's (serialized) field: see getEntity()
        super(message, cause);
        this.conflict = conflict;
        this.conflicts = List.copyOf(conflicts);
        this.valuesDisclosed = valuesDisclosed;
    }

    /**
     * Without a cause yet: {@link CasStaleObjectStateException}'s constructor makes itself the cause of this one.
     */
    CasConflictException(String message, Conflict conflict, List<Conflict> conflicts,
            boolean valuesDisclosed) {
        super(message);
        this.conflict = conflict;
        this.conflicts = List.copyOf(conflicts);
        this.valuesDisclosed = valuesDisclosed;
    }

    /**
     * The conflict in {@code failure} or in its chain of causes, as this JPA view, whether {@code failure} is this
     * type, Hibernate's view {@link CasStaleObjectStateException}, a JPA wrapper ({@code RollbackException},
     * {@code OptimisticLockException}) or a Spring {@code DataAccessException} such as
     * {@code ObjectOptimisticLockingFailureException}. Empty when the chain holds no conflict of this library (or
     * when {@code failure} is {@code null}).
     */
    public static Optional<CasConflictException> findIn(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof CasConflictException conflict) {
                return Optional.of(conflict);
            }
            if (t instanceof CasStaleObjectStateException stale) {
                return Optional.of(stale.getConflictException());
            }
        }
        return Optional.empty();
    }

    /** The entity instance whose statement conflicted; {@code null} after Java serialization. */
    @Override
    public Object getEntity() {
        return conflict.getEntity();
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
