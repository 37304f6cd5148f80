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
import java.util.Set;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.EntityDeletedException;
import io.hibernatecas.RetryReason;

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
 * Wrappers such as JPA's {@code RollbackException} from {@code commit()} are therefore seen through. Three rules,
 * in this order:
 * <ol>
 * <li>an {@link EntityDeletedException} anywhere in the chain means "never": the row is gone (HTTP 404) and a new
 *     attempt would find it gone again;</li>
 * <li>otherwise the first {@link SQLException} whose SQLState and vendor code are in the table below decides;</li>
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
 * <tr><td>MariaDB, MySQL</td><td>any</td><td>1213</td><td>{@code ER_LOCK_DEADLOCK}</td><td>DEADLOCK</td></tr>
 * <tr><td>MariaDB, MySQL</td><td>any</td><td>1205</td><td>{@code ER_LOCK_WAIT_TIMEOUT}</td><td>LOCK_TIMEOUT</td></tr>
 * <tr><td>MariaDB, MySQL</td><td>any</td><td>1020</td><td>{@code ER_CHECKREAD} (record has changed since last
 *     read)</td><td>SERIALIZATION_FAILURE</td></tr>
 * <tr><td>PostgreSQL (and the SQL standard)</td><td>40001</td><td>any</td><td>{@code serialization_failure}</td>
 *     <td>SERIALIZATION_FAILURE</td></tr>
 * <tr><td>PostgreSQL</td><td>40P01</td><td>any</td><td>{@code deadlock_detected}</td><td>DEADLOCK</td></tr>
 * <tr><td>PostgreSQL</td><td>55P03</td><td>any</td><td>{@code lock_not_available} ({@code lock_timeout},
 *     {@code NOWAIT})</td><td>LOCK_TIMEOUT</td></tr>
 * </table>
 * The H2 and MariaDB rows come first because those databases also use SQLState 40001, for deadlocks.
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
            new SqlCode(ANY_STATE, 1213, RetryReason.DEADLOCK),
            new SqlCode(ANY_STATE, 1205, RetryReason.LOCK_TIMEOUT),
            new SqlCode(ANY_STATE, 1020, RetryReason.SERIALIZATION_FAILURE),
            // PostgreSQL: the vendor code is always 0, the SQLState decides
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

    private RetryClassifier() {
    }

    /** Why {@code failure} is worth another attempt, or empty when it is not. */
    public static Optional<RetryReason> classify(Throwable failure) {
        Objects.requireNonNull(failure, "failure");
        List<Throwable> chain = chain(failure);
        if (chain.stream().anyMatch(EntityDeletedException.class::isInstance)) {
            return Optional.empty();
        }
        for (Throwable t : chain) {
            if (t instanceof SQLException sql) {
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
