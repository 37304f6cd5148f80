package io.hibernatecas;

/**
 * The problem {@code type} URIs and titles of {@link CasConflictException#toProblemDetail()} and
 * {@link ReferenceConflictException#toProblemDetail()}. A {@code type} identifies the kind of problem; it is not
 * meant to be dereferenced.
 */
public final class ProblemTypes {

    /** Prefix of every {@code type}: {@code version-changed}, {@code field-changed}, {@code deleted},
     * {@code unknown}, {@code reference}. */
    public static final String BASE = "urn:hibernate-cas:problem:";

    private ProblemTypes() {
    }

    static String title(int status) {
        return switch (status) {
            case 404 -> "Resource deleted";
            case 412 -> "Precondition failed";
            default -> "Concurrent update";
        };
    }
}
