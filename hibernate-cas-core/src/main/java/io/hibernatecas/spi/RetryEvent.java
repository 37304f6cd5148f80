package io.hibernatecas.spi;

import java.time.Duration;

import io.hibernatecas.RetryReason;

/**
 * One retry of {@code io.hibernatecas.CasRetry}, as handed to a {@link RetryListener}.
 *
 * @param attempt the number of the attempt that failed, starting at 1; the next attempt is {@code attempt + 1}
 * @param maxAttempts how many attempts are allowed in all: the configured retries plus one
 * @param failure the failure of that attempt, as it was thrown; its transaction is already rolled back
 * @param reason why the failure is retryable
 * @param backoff the pause before the next attempt, jitter included
 */
public record RetryEvent(int attempt, int maxAttempts, RuntimeException failure, RetryReason reason,
        Duration backoff) {
}
