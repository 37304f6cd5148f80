package io.hibernatecas.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * A {@link StatementInspector} that records every SQL string Hibernate <em>prepares</em>, unchanged.
 *
 * <p>Strings are kept exactly as Hibernate rendered them (Hibernate 7 writes keywords in lowercase, but table
 * and column names keep their mapped case), so assert with {@code containsIgnoringCase} or compare
 * {@link #normalize(String) normalized} strings. The kind filters ({@link #updates()} etc.) ignore case.
 *
 * <p>Caveat: one prepare can serve many executions. A JDBC batch of 50 updates appears here
 * <em>once</em>; count executions, batches and rows with {@link JdbcCounter} instead.
 *
 * <p>Thread-safe: the session factory shares one instance between all sessions and threads.
 */
public final class SqlCapture implements StatementInspector {

    private final List<String> statements = new ArrayList<>();

    @Override
    public String inspect(String sql) {
        synchronized (statements) {
            statements.add(sql);
        }
        return sql;
    }

    /** All captured statements, oldest first (a snapshot). */
    public List<String> statements() {
        synchronized (statements) {
            return List.copyOf(statements);
        }
    }

    public int count() {
        synchronized (statements) {
            return statements.size();
        }
    }

    public void clear() {
        synchronized (statements) {
            statements.clear();
        }
    }

    public List<String> of(SqlKind kind) {
        return statements().stream().filter(s -> SqlKind.of(s) == kind).toList();
    }

    public List<String> selects() {
        return of(SqlKind.SELECT);
    }

    public List<String> inserts() {
        return of(SqlKind.INSERT);
    }

    public List<String> updates() {
        return of(SqlKind.UPDATE);
    }

    public List<String> deletes() {
        return of(SqlKind.DELETE);
    }

    /** The most recent statement, or {@code null}. */
    public String last() {
        synchronized (statements) {
            return statements.isEmpty() ? null : statements.get(statements.size() - 1);
        }
    }

    /** Lowercase, whitespace runs collapsed to one space, trimmed: for robust {@code contains} checks. */
    public static String normalize(String sql) {
        return sql.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
    }

    @Override
    public String toString() {
        return String.join("\n", statements());
    }
}
