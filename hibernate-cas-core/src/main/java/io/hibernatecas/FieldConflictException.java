package io.hibernatecas;

import java.util.List;

/**
 * The row exists with the expected version (or has none) but a {@link Cas @Cas} column holds another value than
 * the one this transaction loaded (HTTP 409). {@link #getChangedAttributes()} names the columns' attributes. Also
 * thrown, with reason {@link ConflictReason#UNKNOWN}, for an unversioned entity when the reason was not diagnosed.
 */
public class FieldConflictException extends CasConflictException {

    private static final long serialVersionUID = 1L;

    public FieldConflictException(String message, Conflict conflict, List<Conflict> conflicts, Throwable cause) {
        super(message, conflict, conflicts, cause);
    }

    public FieldConflictException(String message, Conflict conflict, List<Conflict> conflicts, Throwable cause,
            boolean valuesDisclosed) {
        super(message, conflict, conflicts, cause, valuesDisclosed);
    }

    /** Without a cause yet: see {@link CasStaleObjectStateException}. */
    FieldConflictException(String message, Conflict conflict, List<Conflict> conflicts, boolean valuesDisclosed) {
        super(message, conflict, conflicts, valuesDisclosed);
    }
}
