package io.hibernatecas.testing;

/**
 * A database of one {@link DatabaseKind} cannot be used in this JVM: its embedded server failed to start, or it
 * was deselected with {@code cas.test.databases}. The message names the database and the root cause.
 * {@link AllDatabasesExtension} turns it into a skipped test, or a failed one under {@code CI=true}.
 */
public final class DatabaseUnavailableException extends RuntimeException {

    private final DatabaseKind kind;

    DatabaseUnavailableException(DatabaseKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public DatabaseKind kind() {
        return kind;
    }

    /** "ExceptionClass: message" of the innermost cause. */
    static String rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
