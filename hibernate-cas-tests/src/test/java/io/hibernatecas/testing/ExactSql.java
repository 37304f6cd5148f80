package io.hibernatecas.testing;

/**
 * How hibernate-cas renders the guard of a character column ({@code col=?} made exact, whatever the column's
 * collation) on each database, for SQL assertions on {@code SqlCapture.normalize}d statements (lower case, so
 * PostgreSQL's {@code collate "C"} reads {@code collate "c"}). The forms are explained in {@code ExactComparison}.
 */
public final class ExactSql {

    private ExactSql() {
    }

    /** The guard of character column {@code column} on {@code kind}, e.g. {@code name=cast(? as varchar) collate "c"}. */
    public static String text(DatabaseKind kind, String column) {
        return switch (kind) {
            case H2 -> "cast(" + column + " as varbinary)=cast(? as varbinary)";
            case POSTGRESQL -> column + "=cast(? as varchar) collate \"c\"";
            case MARIADB -> column + "=convert(? using utf8mb4) collate utf8mb4_nopad_bin";
        };
    }

    /**
     * The guard of an {@code @Enumerated(STRING)} column: a native {@code enum} on H2 and MariaDB, compared as is
     * (it holds only its declared names); a {@code varchar} on PostgreSQL, compared as text.
     */
    public static String enumText(DatabaseKind kind, String column) {
        return kind == DatabaseKind.POSTGRESQL ? text(kind, column) : column + "=?";
    }
}
