package io.hibernatecas;

import java.util.List;
import java.util.Map;

import org.hibernate.StaleObjectStateException;

/**
 * The Hibernate view of a conflict: a {@link StaleObjectStateException} (thus a {@code StaleStateException} and a
 * {@code HibernateException}) carrying the same conflict data as its JPA view {@link #getConflictException()}.
 * <p>
 * It takes the place of the {@code StaleObjectStateException} plain Hibernate throws, with the same entity name and
 * identifier, so code and frameworks that handle Hibernate's type keep working: Spring's
 * {@code HibernateExceptionTranslator} turns it into an {@code ObjectOptimisticLockingFailureException} with
 * {@code getPersistentClassName()} and {@code getIdentifier()} set and this exception as the cause.
 * <ul>
 * <li>{@code flush()}, {@code commit()} and {@code merge()} throw the JPA view, a {@link CasConflictException},
 *     whose cause is this exception;</li>
 * <li>a {@code StatelessSession}, a forced version increment at commit ({@code OPTIMISTIC_FORCE_INCREMENT}) and
 *     {@code PESSIMISTIC_FORCE_INCREMENT} throw this exception where Hibernate throws its
 *     {@code StaleObjectStateException} (a JPA {@code EntityManager} then wraps it in Hibernate's own
 *     {@code OptimisticLockException}).</li>
 * </ul>
 * {@link CasConflictException#findIn(Throwable)} returns the JPA view from either.
 */
public class CasStaleObjectStateException extends StaleObjectStateException {

    private static final long serialVersionUID = 1L;

    private final CasConflictException conflictException;

    /**
     * Creates both views of one conflict; used by the library when a guarded statement matched no row. The JPA view
     * is an {@link EntityDeletedException}, {@link FieldConflictException} or {@link VersionConflictException} after
     * the conflict's reason; one whose reason is {@link ConflictReason#UNKNOWN} is a plain {@code CasConflictException}
     * when the row was read and holds the expected version and values, otherwise (not diagnosed) a
     * {@code VersionConflictException} when {@code versioned}, else a {@code FieldConflictException}. Its cause is
     * this exception.
     *
     * @param message the message of both views
     * @param conflicts every conflicting row of the flush, {@code conflict} first
     * @param versioned whether the entity has a {@code @Version}
     * @param valuesDisclosed whether problem details may show field values
     *                        ({@link CasSettings#MESSAGES_INCLUDE_VALUES})
     * @param cause the cause of Hibernate's exception this one replaces, or {@code null}
     */
    public CasStaleObjectStateException(String message, Conflict conflict, List<Conflict> conflicts,
            boolean versioned, boolean valuesDisclosed, Throwable cause) {
        super(conflict.getEntityName(), conflict.getIdentifier(), message);
        if (cause != null) {
            initCause(cause);
        }
        this.conflictException = switch (conflict.getReason()) {
            case DELETED -> new EntityDeletedException(message, conflict, conflicts, valuesDisclosed);
            case FIELD_CHANGED -> new FieldConflictException(message, conflict, conflicts, valuesDisclosed);
            case VERSION_CHANGED -> new VersionConflictException(message, conflict, conflicts, valuesDisclosed);
            // diagnosed, yet the row holds what was expected (changed and changed back): no change can be claimed
            case UNKNOWN -> conflict.getActualVersion() != null || !conflict.getActualValues().isEmpty()
                    ? new CasConflictException(message, conflict, conflicts, valuesDisclosed)
                    : versioned
                    ? new VersionConflictException(message, conflict, conflicts, valuesDisclosed)
                    : new FieldConflictException(message, conflict, conflicts, valuesDisclosed);
        };
        conflictException.initCause(this);
    }

    /** The JPA view of this conflict (an {@code OptimisticLockException}), whose cause is this exception. */
    public CasConflictException getConflictException() {
        return conflictException;
    }

    /** The row whose statement failed; the same as {@code getConflictException().getConflict()}. */
    public Conflict getConflict() {
        return conflictException.getConflict();
    }

    /** Every conflicting row of the failed flush, {@link #getConflict()} first. */
    public List<Conflict> getConflicts() {
        return conflictException.getConflicts();
    }

    public ConflictReason getReason() {
        return getConflict().getReason();
    }

    /** 409, 404 when the row was deleted, 412 when the expectation came from the client. */
    public int getHttpStatus() {
        return getConflict().getHttpStatus();
    }

    /** The same problem details as {@link CasConflictException#toProblemDetail()}. */
    public Map<String, Object> toProblemDetail() {
        return conflictException.toProblemDetail();
    }

    /** The conflict message, without the {@code " for entity [...]"} that Hibernate's type appends (it names the row). */
    @Override
    public String getMessage() {
        return conflictException.getMessage();
    }
}
