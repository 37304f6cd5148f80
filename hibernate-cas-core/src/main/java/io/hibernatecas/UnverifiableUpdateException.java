package io.hibernatecas;

import jakarta.persistence.PersistenceException;

/**
 * The JDBC driver answered a guarded statement in a way that cannot tell whether it matched a row
 * ({@code Statement.SUCCESS_NO_INFO}, or a connection that reports affected instead of matched rows), so a
 * conflict could pass unseen. The message names the driver setting to change. Controlled by
 * {@link CasSettings#UNVERIFIABLE_UPDATES}.
 */
public class UnverifiableUpdateException extends PersistenceException {

    private static final long serialVersionUID = 1L;

    public UnverifiableUpdateException(String message) {
        super(message);
    }
}
