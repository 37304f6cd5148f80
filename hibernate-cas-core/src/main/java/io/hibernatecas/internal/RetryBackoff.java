package io.hibernatecas.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The pause of {@code CasRetry} before each retry: exponential with "equal jitter", capped.
 * <p>
 * The nominal pause before retry {@code n} (1 for the first) is {@code initial * 2^(n-1)}, but never more than
 * {@code max}. The pause taken is drawn uniformly from {@code [nominal/2, nominal]}: the random half keeps
 * transactions that failed together from retrying in lock-step (and colliding again), the fixed half keeps the
 * doubling meaningful, and the cap holds. Doubling stops at the cap, so neither a large retry count nor a large
 * duration overflows.
 */
public final class RetryBackoff {

    private final Duration initial;
    private final Duration max;

    /** Both durations must be {@code >= 0} and {@code max >= initial}; callers validate with their own message. */
    public RetryBackoff(Duration initial, Duration max) {
        this.initial = Objects.requireNonNull(initial, "initial");
        this.max = Objects.requireNonNull(max, "max");
    }

    /** The pause before retry {@code retry}, jitter included. */
    public Duration pause(int retry) {
        return pause(retry, ThreadLocalRandom.current().nextDouble());
    }

    /**
     * The pause before retry {@code retry} for a given draw.
     *
     * @param random in {@code [0, 1)}: 0 gives half the nominal pause, values close to 1 nearly all of it
     */
    public Duration pause(int retry, double random) {
        Duration nominal = nominal(retry);
        Duration half = nominal.dividedBy(2);
        long jitterNanos = (long) (saturatedNanos(nominal.minus(half)) * random);
        return half.plusNanos(jitterNanos);
    }

    /** {@code initial * 2^(retry-1)}, at most {@code max}. */
    public Duration nominal(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry must be >= 1 but was " + retry);
        }
        Duration pause = initial;
        for (int i = 1; i < retry && !pause.isZero(); i++) {
            if (pause.compareTo(max.dividedBy(2)) >= 0) {
                return max;
            }
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(max) > 0 ? max : pause;
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        }
        catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
