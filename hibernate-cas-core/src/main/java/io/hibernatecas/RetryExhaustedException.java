package io.hibernatecas;

import jakarta.persistence.PersistenceException;

/**
 * {@link CasRetry} ran a unit of work as often as it was allowed to and the last attempt still failed with a
 * retryable failure (HTTP 409).
 * <p>
 * The cause is the failure of the last attempt exactly as that attempt threw it (under a JPA bootstrap a conflict
 * found by {@code commit()} is a {@code RollbackException} whose cause is the conflict); the failures of the
 * earlier attempts are {@linkplain #getSuppressed() suppressed}, oldest first. The message repeats the cause's:
 * {@code Gave up after 3 attempts: Concurrent update of [com.acme.Invoice#1]: expected version 12 but the
 * database has version 13}.
 * <p>
 * With {@link CasSettings#RETRY_MAX_RETRIES} set to {@code 0} a retryable failure of the only attempt is reported
 * the same way, with {@link #getAttempts()} {@code 1}, so that callers handle one exception type however many
 * retries are configured.
 */
public class RetryExhaustedException extends PersistenceException {

    private static final long serialVersionUID = 1L;

    private final int attempts;
    private final RetryReason reason;

    /**
     * @param attempts how many times the work ran, at least 1
     * @param reason why the last attempt failed
     * @param lastFailure the failure of the last attempt, as it was thrown
     */
    public RetryExhaustedException(int attempts, RetryReason reason, Throwable lastFailure) {
        super(message(attempts, lastFailure), lastFailure);
        this.attempts = attempts;
        this.reason = reason;
    }

    private static String message(int attempts, Throwable lastFailure) {
        String detail = lastFailure.getMessage() != null ? lastFailure.getMessage() : lastFailure.getClass().getName();
        return "Gave up after " + attempts + (attempts == 1 ? " attempt: " : " attempts: ") + detail;
    }

    /** How many times the work ran: the configured number of retries plus one. */
    public int getAttempts() {
        return attempts;
    }

    /** Why the last attempt failed. */
    public RetryReason getReason() {
        return reason;
    }

    /** 409: the conflict outlived the retries; the client may try again later. */
    public int getHttpStatus() {
        return 409;
    }
}
