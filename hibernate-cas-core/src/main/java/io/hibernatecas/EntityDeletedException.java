package io.hibernatecas;

import java.util.List;

/**
 * The row this transaction meant to update or delete no longer exists (HTTP 404). Retrying cannot help, so
 * {@code CasRetry} does not retry it.
 */
public class EntityDeletedException extends CasConflictException {

    private static final long serialVersionUID = 1L;

    public EntityDeletedException(String message, Conflict conflict, List<Conflict> conflicts, Throwable cause) {
        super(message, conflict, conflicts, cause);
    }

    public EntityDeletedException(String message, Conflict conflict, List<Conflict> conflicts, Throwable cause,
            boolean valuesDisclosed) {
        super(message, conflict, conflicts, cause, valuesDisclosed);
    }

    /** Without a cause yet: see {@link CasStaleObjectStateException}. */
    EntityDeletedException(String message, Conflict conflict, List<Conflict> conflicts, boolean valuesDisclosed) {
        super(message, conflict, conflicts, valuesDisclosed);
    }
}
