package io.hibernatecas.internal;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

import io.hibernatecas.CasConfigurationException;
import io.hibernatecas.CasConflictException;
import io.hibernatecas.CasStaleObjectStateException;
import io.hibernatecas.EntityDeletedException;
import io.hibernatecas.RetryReason;
import io.hibernatecas.spi.SqlErrorClassifier;

import org.hibernate.StaleStateException;
import org.hibernate.dialect.lock.OptimisticEntityLockException;
import org.hibernate.dialect.lock.PessimisticEntityLockException;
import org.hibernate.exception.LockAcquisitionException;
import org.hibernate.exception.SnapshotIsolationException;
import org.hibernate.exception.TransactionSerializationException;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;

/**
 * Decides whether a failed attempt of {@code CasRetry} is worth running again, and why.
 * <p>
 * The failure and everything behind it are examined: the {@code getCause()} chain and, for a
 * {@link SQLException}, its {@code getNextException()} chain (PostgreSQL puts the real error of a batch there).
 * Wrappers such as JPA's {@code RollbackException} from {@code commit()} are therefore seen through. Four rules,
 * in this order:
 * <ol>
 * <li>an {@link EntityDeletedException} anywhere in the chain (or its Hibernate view, a
 *     {@link CasStaleObjectStateException}) means "never": the row is gone (HTTP 404) and a new attempt would find
 *     it gone again;</li>
 * <li>a {@link CasConflictException} (or its Hibernate view) anywhere in the chain means
 *     {@code OPTIMISTIC_CONFLICT}, whatever SQL error is behind it (MariaDB's 1020 under
 *     {@code innodb_snapshot_isolation} is translated into one);</li>
 * <li>otherwise the first {@link SQLException} that a registered {@link SqlErrorClassifier} knows, or whose
 *     SQLState and vendor code are in the table below, decides;</li>
 * <li>otherwise the innermost exception of a type in the second table decides: the innermost is the most precise
 *     (Hibernate's {@code LockAcquisitionException} for a deadlock sits inside JPA's generic
 *     {@code PessimisticLockException}).</li>
 * </ol>
 * Anything else, a constraint violation, a checked exception wrapped in a runtime one, a
 * {@code QueryTimeoutException}, is not retryable.
 *
 * <table>
 * <caption>SQL codes, checked in this order ("any" matches every value)</caption>
 * <tr><th>Database</th><th>SQLState</th><th>Vendor code</th><th>Meaning</th><th>Reason</th></tr>
 * <tr><td>H2</td><td>40001</td><td>40001</td><td>{@code DEADLOCK_1}</td><td>DEADLOCK</td></tr>
 * <tr><td>H2</td><td>HYT00</td><td>50200</td><td>{@code LOCK_TIMEOUT_1}</td><td>LOCK_TIMEOUT</td></tr>
 * <tr><td>H2</td><td>90131</td><td>90131</td><td>{@code CONCURRENT_UPDATE_1}</td><td>SERIALIZATION_FAILURE</td></tr>
 * <tr><td>SQL Server</td><td>40001</td><td>1205</td><td>chosen as deadlock victim</td><td>DEADLOCK</td></tr>
 * <tr><td>MariaDB, MySQL; TiDB (pessimistic mode); Galera (certification failure)</td><td>any</td><td>1213</td>
 *     <td>{@code ER_LOCK_DEADLOCK}</td><td>DEADLOCK</td></tr>
 * <tr><td>MariaDB, MySQL; TiDB (pessimistic mode)</td><td>any</td><td>1205</td><td>{@code ER_LOCK_WAIT_TIMEOUT}</td>
 *     <td>LOCK_TIMEOUT</td></tr>
 * <tr><td>MariaDB, MySQL</td><td>any</td><td>1020</td><td>{@code ER_CHECKREAD} (record has changed since last
 *     read)</td><td>SERIALIZATION_FAILURE</td></tr>
 * <tr><td>TiDB (optimistic mode)</td><td>any</td><td>9007</td><td>write conflict in TiKV</td>
 *     <td>SERIALIZATION_FAILURE</td></tr>
 * <tr><td>TiDB</td><td>any</td><td>8002</td><td>{@code SELECT FOR UPDATE} transaction hit a write conflict at
 *     commit</td><td>SERIALIZATION_FAILURE</td></tr>
 * <tr><td>TiDB</td><td>any</td><td>8005</td><td>write conflict, {@code txnStartTS} is stale</td>
 *     <td>SERIALIZATION_FAILURE</td></tr>
 * <tr><td>SQL Server</td><td>any</td><td>3960</td><td>snapshot isolation transaction aborted due to update
 *     conflict</td><td>SERIALIZATION_FAILURE</td></tr>
 * <tr><td>Oracle</td><td>any</td><td>8177</td><td>{@code ORA-08177} can't serialize access for this
 *     transaction</td><td>SERIALIZATION_FAILURE</td></tr>
 * <tr><td>Oracle</td><td>any</td><td>60</td><td>{@code ORA-00060} deadlock detected while waiting for
 *     resource</td><td>DEADLOCK</td></tr>
 * <tr><td>PostgreSQL (and the SQL standard); CockroachDB ({@code RETRY_SERIALIZABLE}, {@code RETRY_WRITE_TOO_OLD}
 *     and every other "restart transaction" error); YugabyteDB</td><td>40001</td><td>any</td>
 *     <td>{@code serialization_failure}</td><td>SERIALIZATION_FAILURE</td></tr>
 * <tr><td>PostgreSQL; YugabyteDB</td><td>40P01</td><td>any</td><td>{@code deadlock_detected}</td>
 *     <td>DEADLOCK</td></tr>
 * <tr><td>PostgreSQL</td><td>55P03</td><td>any</td><td>{@code lock_not_available} ({@code lock_timeout},
 *     {@code NOWAIT})</td><td>LOCK_TIMEOUT</td></tr>
 * </table>
 * The H2, SQL Server and MariaDB rows come first because those databases also use SQLState 40001, for
 * deadlocks; the SQL Server row for 1205 comes before the MySQL one because the numbers collide and only the
 * SQLState tells them apart (MySQL and MariaDB report their lock wait timeout 1205 as {@code HY000} or
 * {@code 41000}, Microsoft's driver reports the deadlock victim 1205 as {@code 40001}). Vendor codes that are
 * matched with any SQLState (TiDB's 8xxx and 9xxx, SQL Server's 3960, Oracle's 60 and 8177) are used by none of
 * the other databases here: PostgreSQL and its derivatives report 0, H2 five-digit numbers, MariaDB and MySQL
 * 1000 to 4999 other than these.
 * <p>
 * Sources of the codes that cannot be run here (the databases run in the tests are H2, PostgreSQL, MariaDB
 * 10.11 and 11.4 and a MariaDB Galera cluster):
 * <ul>
 * <li>CockroachDB: "Transaction Retry Error Reference", https://www.cockroachlabs.com/docs/stable/transaction-retry-error-reference
 *     (every retry error has SQLSTATE 40001 and the text "restart transaction"; {@code RETRY_SERIALIZABLE},
 *     {@code RETRY_WRITE_TOO_OLD} ({@code WriteTooOldError}) and the others differ only in the message);
 *     CockroachDB speaks the PostgreSQL protocol, so pgjdbc reports vendor code 0.</li>
 * <li>YugabyteDB YSQL: "Transaction error codes in YSQL",
 *     https://docs.yugabyte.com/stable/develop/learn/transactions/transactions-errorcodes-ysql/ (40001
 *     {@code serialization_failure} for conflicts and read restarts, 40P01 {@code deadlock_detected});
 *     YugabyteDB speaks the PostgreSQL protocol.</li>
 * <li>TiDB: "Error Codes and Troubleshooting", https://docs.pingcap.com/tidb/stable/error-codes (8002, 8005 and
 *     9007: "the application can safely retry the whole transaction"); pessimistic transactions report MySQL's
 *     1213 and 1205 (https://docs.pingcap.com/tidb/stable/pessimistic-transaction).</li>
 * <li>SQL Server: "MSSQLSERVER_1205" and "MSSQLSERVER_3960" in the Database Engine events and errors,
 *     https://learn.microsoft.com/sql/relational-databases/errors-events/mssqlserver-1205-database-engine-error
 *     and .../mssqlserver-3960-database-engine-error; the Microsoft JDBC driver maps error 1205 to SQLState
 *     40001 ({@code SQLServerException.generateStateCode}).</li>
 * <li>Oracle: "Database Error Messages", ORA-00060 and ORA-08177, https://docs.oracle.com/error-help/db/ora-00060/
 *     and https://docs.oracle.com/error-help/db/ora-08177/; the Oracle JDBC driver reports the ORA number as the
 *     vendor code (60, 8177).</li>
 * </ul>
 * A database that is not in the table can be added without changing the library: see
 * {@link SqlErrorClassifier}, whose implementations are asked before this table.
 *
 * <table>
 * <caption>Exception types, when no SQL code decided (most specific first)</caption>
 * <tr><th>Type</th><th>Reason</th></tr>
 * <tr><td>{@link CasConflictException} (other than {@link EntityDeletedException}),
 *     {@code jakarta.persistence.OptimisticLockException}, {@code org.hibernate.StaleStateException},
 *     {@code org.hibernate.dialect.lock.OptimisticEntityLockException}</td><td>OPTIMISTIC_CONFLICT</td></tr>
 * <tr><td>{@code org.hibernate.exception.TransactionSerializationException},
 *     {@code org.hibernate.exception.SnapshotIsolationException}</td><td>SERIALIZATION_FAILURE</td></tr>
 * <tr><td>{@code org.hibernate.exception.LockTimeoutException}, {@code jakarta.persistence.LockTimeoutException}</td>
 *     <td>LOCK_TIMEOUT</td></tr>
 * <tr><td>{@code org.hibernate.exception.LockAcquisitionException} (Hibernate's type for a deadlock)</td>
 *     <td>DEADLOCK</td></tr>
 * <tr><td>{@code org.hibernate.PessimisticLockException}, {@code jakarta.persistence.PessimisticLockException},
 *     {@code org.hibernate.dialect.lock.PessimisticEntityLockException}</td><td>LOCK_TIMEOUT</td></tr>
 * </table>
 * Hazard: PostgreSQL refuses every statement after an error until the transaction ends (SQLState 25P02). Work
 * that catches a deadlock and carries on therefore fails with 25P02, which is not retryable. Such work should let
 * the failure propagate.
 */
public final class RetryClassifier {

    /** In a table row: matches every SQLState. */
    private static final String ANY_STATE = null;
    /** In a table row: matches every vendor code. */
    private static final int ANY_CODE = Integer.MIN_VALUE;
    /** Bounds the walk through a malformed (very long or cyclic) chain. */
    private static final int MAX_CHAIN = 64;

    /** One row of the SQL code table. */
    record SqlCode(String sqlState, int vendorCode, RetryReason reason) {
        boolean matches(SQLException e) {
            return (sqlState == null || sqlState.equals(e.getSQLState()))
                    && (vendorCode == ANY_CODE || vendorCode == e.getErrorCode());
        }
    }

    /** One row of the type table. */
    record TypeRule(Class<? extends Throwable> type, RetryReason reason) {
    }

    static final List<SqlCode> SQL_CODES = List.of(
            // H2: the vendor code is ErrorCode.*, the SQLState mostly the same number
            new SqlCode("40001", 40001, RetryReason.DEADLOCK),
            new SqlCode("HYT00", 50200, RetryReason.LOCK_TIMEOUT),
            new SqlCode("90131", 90131, RetryReason.SERIALIZATION_FAILURE),
            // MariaDB and MySQL: the server's error number decides; the SQLState (40001, HY000, 41000) varies
            // SQL Server's deadlock victim shares MySQL's lock wait timeout number; only the SQLState differs
            new SqlCode("40001", 1205, RetryReason.DEADLOCK),
            new SqlCode(ANY_STATE, 1213, RetryReason.DEADLOCK),
            new SqlCode(ANY_STATE, 1205, RetryReason.LOCK_TIMEOUT),
            new SqlCode(ANY_STATE, 1020, RetryReason.SERIALIZATION_FAILURE),
            // TiDB (SQLState HY000): write conflicts of optimistic transactions
            new SqlCode(ANY_STATE, 9007, RetryReason.SERIALIZATION_FAILURE),
            new SqlCode(ANY_STATE, 8002, RetryReason.SERIALIZATION_FAILURE),
            new SqlCode(ANY_STATE, 8005, RetryReason.SERIALIZATION_FAILURE),
            // SQL Server: snapshot isolation update conflict
            new SqlCode(ANY_STATE, 3960, RetryReason.SERIALIZATION_FAILURE),
            // Oracle: the vendor code is the ORA number
            new SqlCode(ANY_STATE, 8177, RetryReason.SERIALIZATION_FAILURE),
            new SqlCode(ANY_STATE, 60, RetryReason.DEADLOCK),
            // PostgreSQL, CockroachDB, YugabyteDB: the vendor code is always 0, the SQLState decides
            new SqlCode("40001", ANY_CODE, RetryReason.SERIALIZATION_FAILURE),
            new SqlCode("40P01", ANY_CODE, RetryReason.DEADLOCK),
            new SqlCode("55P03", ANY_CODE, RetryReason.LOCK_TIMEOUT));

    static final List<TypeRule> TYPES = List.of(
            new TypeRule(CasConflictException.class, RetryReason.OPTIMISTIC_CONFLICT),
            new TypeRule(OptimisticLockException.class, RetryReason.OPTIMISTIC_CONFLICT),
            new TypeRule(StaleStateException.class, RetryReason.OPTIMISTIC_CONFLICT),
            new TypeRule(OptimisticEntityLockException.class, RetryReason.OPTIMISTIC_CONFLICT),
            new TypeRule(TransactionSerializationException.class, RetryReason.SERIALIZATION_FAILURE),
            new TypeRule(SnapshotIsolationException.class, RetryReason.SERIALIZATION_FAILURE),
            new TypeRule(org.hibernate.exception.LockTimeoutException.class, RetryReason.LOCK_TIMEOUT),
            new TypeRule(LockTimeoutException.class, RetryReason.LOCK_TIMEOUT),
            new TypeRule(LockAcquisitionException.class, RetryReason.DEADLOCK),
            new TypeRule(org.hibernate.PessimisticLockException.class, RetryReason.LOCK_TIMEOUT),
            new TypeRule(PessimisticLockException.class, RetryReason.LOCK_TIMEOUT),
            new TypeRule(PessimisticEntityLockException.class, RetryReason.LOCK_TIMEOUT));

    private static final RetryClassifier BUILT_IN = new RetryClassifier(List.of());

    private final List<SqlErrorClassifier> extensions;

    private RetryClassifier(List<SqlErrorClassifier> extensions) {
        this.extensions = List.copyOf(extensions);
    }

    /** The built-in table only. */
    public static RetryClassifier builtIn() {
        return BUILT_IN;
    }

    /**
     * The {@link SqlErrorClassifier}s that {@link ServiceLoader} finds through {@code loader}, asked before the
     * built-in table.
     *
     * @throws CasConfigurationException when a registered classifier cannot be loaded or instantiated
     */
    public static RetryClassifier withServices(ClassLoader loader) {
        List<SqlErrorClassifier> found = new ArrayList<>();
        try {
            ServiceLoader.load(SqlErrorClassifier.class, loader).forEach(found::add);
        }
        catch (ServiceConfigurationError e) {
            CasConfigurationException failure = new CasConfigurationException("Could not load a "
                    + SqlErrorClassifier.class.getName() + " registered in META-INF/services: " + e.getMessage()
                    + "; a classifier needs a public class with a public no-argument constructor");
            failure.initCause(e);
            throw failure;
        }
        return found.isEmpty() ? BUILT_IN : new RetryClassifier(found);
    }

    /** {@code extensions} first, then the built-in table. */
    public static RetryClassifier with(List<SqlErrorClassifier> extensions) {
        return new RetryClassifier(extensions);
    }

    /** The classifiers asked before the built-in table, in order. */
    public List<SqlErrorClassifier> extensions() {
        return extensions;
    }

    /** Why {@code failure} is worth another attempt by the built-in table, or empty when it is not. */
    public static Optional<RetryReason> classify(Throwable failure) {
        return BUILT_IN.reasonFor(failure);
    }

    /** Why {@code failure} is worth another attempt, or empty when it is not. */
    public Optional<RetryReason> reasonFor(Throwable failure) {
        Objects.requireNonNull(failure, "failure");
        List<Throwable> chain = chain(failure);
        if (chain.stream().anyMatch(t -> t instanceof EntityDeletedException
                || t instanceof CasStaleObjectStateException stale
                        && stale.getConflictException() instanceof EntityDeletedException)) {
            return Optional.empty();
        }
        if (chain.stream().anyMatch(t -> t instanceof CasConflictException
                || t instanceof CasStaleObjectStateException)) {
            return Optional.of(RetryReason.OPTIMISTIC_CONFLICT);
        }
        for (Throwable t : chain) {
            if (t instanceof SQLException sql) {
                for (SqlErrorClassifier extension : extensions) {
                    Optional<RetryReason> reason = extension.classify(sql);
                    if (reason != null && reason.isPresent()) {
                        return reason;
                    }
                }
                for (SqlCode code : SQL_CODES) {
                    if (code.matches(sql)) {
                        return Optional.of(code.reason());
                    }
                }
            }
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            for (TypeRule rule : TYPES) {
                if (rule.type().isInstance(chain.get(i))) {
                    return Optional.of(rule.reason());
                }
            }
        }
        return Optional.empty();
    }

    /** {@code failure} and everything behind it, outermost first, each once. */
    static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.add(failure);
        while (!pending.isEmpty() && chain.size() < MAX_CHAIN) {
            Throwable t = pending.poll();
            if (!seen.add(t)) {
                continue;
            }
            chain.add(t);
            if (t.getCause() != null) {
                pending.add(t.getCause());
            }
            if (t instanceof SQLException sql && sql.getNextException() != null) {
                pending.add(sql.getNextException());
            }
        }
        return chain;
    }
}
