package io.hibernatecas;

import java.util.List;

/**
 * The row exists but holds another {@code @Version} than the one this transaction loaded (HTTP 409). Also thrown,
 * with reason {@link ConflictReason#UNKNOWN}, for a versioned entity when the reason was not diagnosed.
 */
public class VersionConflictException extends CasConflictException {

    private static final long serialVersionUID = 1L;

    public VersionConflictException(String message, Conflict conflict, List<Conflict> conflicts, Throwable cause) {
        super(message, conflict, conflicts, cause);
    }

    public VersionConflictException(String message, Conflict conflict, List<Conflict> conflicts, Throwable cause,
            boolean valuesDisclosed) {
        super(message, conflict, conflicts, cause, valuesDisclosed);
    }

    /** Without a cause yet: see {@link CasStaleObjectStateException}. */
    VersionConflictException(String message, Conflict conflict, List<Conflict> conflicts, boolean valuesDisclosed) {
        super(message, conflict, conflicts, valuesDisclosed);
    }
}
