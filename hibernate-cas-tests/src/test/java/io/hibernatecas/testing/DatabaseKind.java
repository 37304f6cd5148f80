package io.hibernatecas.testing;

import java.util.Locale;

/**
 * The databases every {@link AllDatabases} test runs on.
 *
 * <p>The {@link #displayName()} is what JUnit shows as the invocation name ("H2", "PostgreSQL",
 * "MariaDB"); the {@link #key()} is the lowercase word used in configuration
 * ({@code -Dcas.test.postgres.url=...}, {@code -Dcas.test.databases=h2,postgres}).
 */
public enum DatabaseKind {
    H2("H2", "h2"),
    POSTGRESQL("PostgreSQL", "postgres"),
    MARIADB("MariaDB", "mariadb");

    private final String displayName;
    private final String key;

    DatabaseKind(String displayName, String key) {
        this.displayName = displayName;
        this.key = key;
    }

    /** Human name, also the JUnit invocation display name. */
    public String displayName() {
        return displayName;
    }

    /** Configuration key, e.g. {@code postgres} in {@code cas.test.postgres.url}. */
    public String key() {
        return key;
    }

    /** Parses a key or display name, case-insensitively ({@code "postgresql"} is accepted too). */
    public static DatabaseKind parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (DatabaseKind kind : values()) {
            if (kind.key.equals(t) || kind.displayName.toLowerCase(Locale.ROOT).equals(t)
                    || kind.name().toLowerCase(Locale.ROOT).equals(t)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown database '" + text + "', expected one of h2, postgres, mariadb");
    }

    @Override
    public String toString() {
        return displayName;
    }
}
