package io.hibernatecas.spi;

import java.sql.SQLException;
import java.util.Optional;

import io.hibernatecas.RetryReason;

/**
 * Teaches {@code io.hibernatecas.CasRetry} the transient errors of a database that the built-in table does not
 * know, without forking the library: a distributed SQL database with codes of its own, a proxy that reports a
 * failover with a vendor code, a code the built-in table does not list.
 * <p>
 * Register an implementation with a public no-argument constructor in
 * {@code META-INF/services/io.hibernatecas.spi.SqlErrorClassifier} (or {@code provides ... with} in a module);
 * {@code CasRetry.of(...)} loads every one found by {@link java.util.ServiceLoader} through the thread context
 * class loader. For each {@link SQLException} of a failure (the cause chain and {@code getNextException()},
 * outermost first), the registered classifiers are asked in the order {@code ServiceLoader} finds them, before
 * the built-in table of {@code io.hibernatecas.internal.RetryClassifier}; the first answer decides. An empty
 * answer hands the exception on, finally to the built-in table. A classifier cannot make a failure
 * non-retryable that the built-in table retries, and an {@code EntityDeletedException} is never retried,
 * whatever a classifier answers.
 * <pre>{@code
 * public final class SpannerErrors implements SqlErrorClassifier {
 *     public Optional<RetryReason> classify(SQLException error) {
 *         return "ABORTED".equals(error.getSQLState())
 *                 ? Optional.of(RetryReason.SERIALIZATION_FAILURE) : Optional.empty();
 *     }
 * }
 * }</pre>
 * Called on the thread of the failed attempt, after its transaction was rolled back; implementations must be
 * thread-safe and fast, and must not throw (an exception thrown here propagates to the caller of
 * {@code CasRetry} with the attempt's failure suppressed).
 */
@FunctionalInterface
public interface SqlErrorClassifier {

    /**
     * Why {@code error} is worth a new transaction, or empty when this classifier does not know the error.
     *
     * @param error one SQL exception of the failure's chain, never {@code null}
     */
    Optional<RetryReason> classify(SQLException error);
}
