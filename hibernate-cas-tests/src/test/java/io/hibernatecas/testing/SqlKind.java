package io.hibernatecas.testing;

import java.util.Locale;

/**
 * Classifies a SQL string by its first keyword, ignoring case, leading whitespace, comments
 * ({@code /* ... *}{@code /} as added by {@code hibernate.use_sql_comments}, {@code -- ...}) and opening
 * parentheses. {@code with ...} counts as {@link #OTHER}, since a CTE may select or modify.
 */
public enum SqlKind {
    SELECT, INSERT, UPDATE, DELETE, MERGE, OTHER;

    public static SqlKind of(String sql) {
        if (sql == null) {
            return OTHER;
        }
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else {
                break;
            }
        }
        int start = i;
        while (i < n && Character.isLetter(sql.charAt(i))) {
            i++;
        }
        switch (sql.substring(start, i).toLowerCase(Locale.ROOT)) {
            case "select": return SELECT;
            case "insert": return INSERT;
            case "update": return UPDATE;
            case "delete": return DELETE;
            case "merge": return MERGE;
            default: return OTHER;
        }
    }
}
