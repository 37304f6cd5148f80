package io.hibernatecas.spring;

import java.lang.reflect.Method;
import java.util.function.Predicate;

import io.hibernatecas.RetryReason;

import org.springframework.resilience.retry.MethodRetryPredicate;

/**
 * The retry classification of {@code CasRetry} ({@link RetryReason#of(Throwable)}) for Spring Framework 7's retry
 * support: a conflict, an optimistic-lock failure, a serialization failure, a deadlock or a lock timeout anywhere
 * in the cause chain is retried (so Spring's {@code ObjectOptimisticLockingFailureException} and
 * {@code CannotAcquireLockException} are seen through); a deleted row ({@code EntityDeletedException}), a
 * constraint violation and everything else are not.
 * <pre>{@code
 * @Retryable(predicate = CasRetryPredicate.class, maxRetries = 2, delay = 10)   // needs @EnableResilientMethods
 * public void pay(long invoiceId) { ... }                                       // outside any transaction
 *
 * RetryTemplate template = new RetryTemplate(RetryPolicy.builder().predicate(new CasRetryPredicate()).build());
 * }</pre>
 * The method must start its own transaction (be {@code @Transactional} itself, or call such a bean): a retry
 * inside a transaction that already failed cannot succeed.
 */
public class CasRetryPredicate implements MethodRetryPredicate, Predicate<Throwable> {

    @Override
    public boolean shouldRetry(Method method, Throwable throwable) {
        return test(throwable);
    }

    @Override
    public boolean test(Throwable throwable) {
        return RetryReason.isRetryable(throwable);
    }

    @Override
    public String toString() {
        return "CasRetryPredicate";
    }
}
