package io.hibernatecas.stress;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.CommitConflictException;
import io.hibernatecas.RetryExhaustedException;
import io.hibernatecas.spi.RetryEvent;
import io.hibernatecas.spi.RetryListener;

/**
 * Exact accounting of what the attempts of a workload ended in, thread-safe.
 * <p>
 * The work counts an {@link #attempt()} as its first statement; the caller counts a {@link #commit()} after
 * {@code CasRetry} returned; every failed attempt is counted exactly once, by type: a retried one by this listener
 * ({@link #onRetry}), the last one of an exhausted call by {@link #exhausted}, anything else by {@link #failed}.
 * So {@code attempts == commits + retried + exhausted + failed} must hold to the unit: {@link #balanced()}.
 */
final class Tally implements RetryListener {

    private final LongAdder attempts = new LongAdder();
    private final LongAdder commits = new LongAdder();
    private final ConcurrentMap<String, LongAdder> retriedByReason = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> conflictsByType = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> exhaustedByReason = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> failedByType = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();

    void attempt() {
        attempts.increment();
    }

    void commit() {
        commits.increment();
    }

    @Override
    public void onRetry(RetryEvent event) {
        count(retriedByReason, event.reason().name());
        Throwable conflict = conflictIn(event.failure());
        if (conflict != null) {
            count(conflictsByType, conflict.getClass().getSimpleName());
        }
    }

    void exhausted(RetryExhaustedException e) {
        count(exhaustedByReason, e.getReason().name());
        Throwable conflict = conflictIn(e);
        if (conflict != null) {
            count(conflictsByType, conflict.getClass().getSimpleName());
        }
    }

    /** A failed attempt that is neither retried nor exhausted: unexpected in every workload here. */
    void failed(Throwable e) {
        count(failedByType, e.getClass().getName());
        firstFailure.compareAndSet(null, e);
    }

    /**
     * Runs one call of {@code CasRetry} and counts how it failed, if it did: an exhausted call or another failure.
     * Returns the call's result, or empty when it failed (a {@code null} result is not allowed).
     */
    <T> Optional<T> outcome(Supplier<T> call) {
        try {
            return Optional.of(call.get());
        }
        catch (RetryExhaustedException e) {
            exhausted(e);
        }
        catch (RuntimeException e) {
            failed(e);
        }
        return Optional.empty();
    }

    long attempts() {
        return attempts.sum();
    }

    long commits() {
        return commits.sum();
    }

    long retries() {
        return sum(retriedByReason);
    }

    long exhausted() {
        return sum(exhaustedByReason);
    }

    long failures() {
        return sum(failedByType);
    }

    /**
     * Conflicts seen (retried or exhausted), by exception type: the optimistic ones and the refused commits of a
     * cluster ({@code CommitConflictException}), not deadlocks of statements etc.
     */
    Map<String, Long> conflictsByType() {
        return snapshot(conflictsByType);
    }

    long conflicts() {
        return sum(conflictsByType);
    }

    Map<String, Long> retriedByReason() {
        return snapshot(retriedByReason);
    }

    Map<String, Long> failuresByType() {
        return snapshot(failedByType);
    }

    Throwable firstFailure() {
        return firstFailure.get();
    }

    /** Whether every attempt is accounted for exactly once. */
    boolean balanced() {
        return attempts() == commits() + retries() + exhausted() + failures();
    }

    String summary() {
        return "attempts " + attempts() + " = commits " + commits() + " + retried " + retries() + " "
                + retriedByReason() + " + exhausted " + exhausted() + " " + snapshot(exhaustedByReason)
                + " + other failures " + failures() + " " + failuresByType() + "; conflicts " + conflicts() + " "
                + conflictsByType();
    }

    /** The typed conflict in {@code failure}: a {@link CasConflictException} or a {@link CommitConflictException}. */
    static Throwable conflictIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CasConflictException || t instanceof CommitConflictException) {
                return t;
            }
        }
        return null;
    }

    private static void count(ConcurrentMap<String, LongAdder> map, String key) {
        map.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private static long sum(ConcurrentMap<String, LongAdder> map) {
        return map.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private static Map<String, Long> snapshot(ConcurrentMap<String, LongAdder> map) {
        Map<String, Long> copy = new TreeMap<>();
        map.forEach((key, value) -> copy.put(key, value.sum()));
        return copy;
    }
}
