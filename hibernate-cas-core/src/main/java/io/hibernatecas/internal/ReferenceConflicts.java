package io.hibernatecas.internal;

import java.util.Locale;

import io.hibernatecas.ReferenceConflictException;

import org.hibernate.exception.ConstraintViolationException;

/**
 * Turns a foreign-key violation raised by a flush into a {@link ReferenceConflictException} naming the constraint:
 * a subclass of Hibernate's {@link ConstraintViolationException} with its SQL exception, SQL, constraint name and
 * stack trace, so code that catches Hibernate's type sees no difference but the message. Any other constraint
 * violation is left as it is.
 */
final class ReferenceConflicts {

    private ReferenceConflicts() {
    }

    static RuntimeException translate(ConstraintViolationException violation) {
        if (violation.getKind() != ConstraintViolationException.ConstraintKind.FOREIGN_KEY) {
            return violation;
        }
        String sql = violation.getSQL() == null ? "" : violation.getSQL().trim().toLowerCase(Locale.ROOT);
        boolean delete = sql.startsWith("delete");
        String constraint = violation.getConstraintName();
        String named = constraint == null ? "a foreign key" : "foreign key '" + constraint + "'";
        String message = delete
                ? "Cannot delete: the row is still referenced (" + named + "); another transaction may have added "
                        + "the reference after this one read the data"
                : "Cannot write a reference to a row that does not exist (" + named + "); another transaction may "
                        + "have deleted it after this one read it";
        ReferenceConflictException conflict = new ReferenceConflictException(message, violation.getSQLException(),
                violation.getSQL(), constraint, delete);
        conflict.setStackTrace(violation.getStackTrace());
        for (Throwable suppressed : violation.getSuppressed()) {
            conflict.addSuppressed(suppressed);
        }
        return conflict;
    }
}
