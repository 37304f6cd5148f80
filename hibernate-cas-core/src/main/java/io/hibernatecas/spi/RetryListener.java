package io.hibernatecas.spi;

/**
 * Told about every retry of {@code io.hibernatecas.CasRetry}: register one with {@code CasRetry.onRetry} to count
 * retries in metrics, trace them, or log them at a level of your choice (the library itself logs each retry at
 * DEBUG only).
 * <p>
 * Called on the thread that runs the work, after the failed attempt's transaction was rolled back and its
 * {@code EntityManager} closed, and before the pause. Keep it short: the pause only starts when it returns. An
 * exception thrown here ends the retries and propagates to the caller of {@code CasRetry}, with the attempt's
 * failure added to it as suppressed. Not called for the last failure, which is thrown instead.
 */
@FunctionalInterface
public interface RetryListener {

    /** A retryable failure ended {@link RetryEvent#attempt()}; attempt {@code attempt() + 1} follows the pause. */
    void onRetry(RetryEvent event);
}
