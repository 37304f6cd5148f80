package io.hibernatecas;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.PersistenceException;

/**
 * The database refused {@code COMMIT} because of a concurrent transaction, after every statement of this one had
 * succeeded (HTTP 409): in a MariaDB Galera cluster another node committed a conflicting write first and this
 * node's transaction failed certification (reported by the server as deadlock 1213); a distributed database may
 * do the same with its serialization failure.
 * <p>
 * Nothing of the transaction was written. {@link CasRetry} reports such a failure of an attempt as this exception,
 * with the failure as Hibernate threw it ({@code TransactionException}, or JPA's {@code RollbackException}) as
 * the cause, and retries it; when the retries run out it is the cause of the {@link RetryExhaustedException}.
 * The message names the kind of refusal and the rows the transaction had written, in Hibernate's
 * {@code [entity#id]} form:
 * {@code Cluster certification conflict at commit: another node committed a conflicting write first, so nothing
 * of this transaction was written; it had written [com.acme.Account#3], [com.acme.Account#7]}.
 * Rows are known when they were written through a {@code @Version} or {@link Cas @Cas} guarded statement or a
 * {@link CasOperations} row operation; other writes (inserts, unguarded entities, native SQL) are not listed.
 */
public class CommitConflictException extends PersistenceException {

    private static final long serialVersionUID = 1L;

    private final transient Map<String, List<Object>> writtenRows;
    private final boolean certificationFailure;

    /**
     * @param writtenRows the rows the transaction had written: entity name to identifiers, in the order written
     * @param certificationFailure whether the refusal was a cluster's certification failure
     */
    public CommitConflictException(String message, Map<String, List<Object>> writtenRows,
            boolean certificationFailure, Throwable cause) {
        super(message, cause);
        Map<String, List<Object>> copy = new LinkedHashMap<>();
        writtenRows.forEach((name, ids) -> copy.put(name, List.copyOf(ids)));
        this.writtenRows = java.util.Collections.unmodifiableMap(copy);
        this.certificationFailure = certificationFailure;
    }

    /** The rows the failed transaction had written, by entity name, in the order written; may be empty. */
    public Map<String, List<Object>> getWrittenRows() {
        return writtenRows;
    }

    /**
     * Whether a cluster refused the commit in certification (a MariaDB Galera cluster: another node committed a
     * conflicting write set first), rather than a single server's serialization failure at commit.
     */
    public boolean isCertificationFailure() {
        return certificationFailure;
    }

    /** 409: the conflict is transient; the client may try again. */
    public int getHttpStatus() {
        return 409;
    }
}
