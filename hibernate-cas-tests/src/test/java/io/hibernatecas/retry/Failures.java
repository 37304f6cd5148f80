package io.hibernatecas.retry;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

/** Small helpers of the retry tests: where a failure came from, and waits that cannot hang the build. */
final class Failures {

    static final Duration WAIT = Duration.ofSeconds(30);

    private Failures() {
    }

    /**
     * {@code SQLState/vendorCode} of the first {@link SQLException} in the cause chain of {@code failure}, e.g.
     * {@code 40P01/0}; {@code none} when there is none.
     */
    static String sqlCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getSQLState() + "/" + sql.getErrorCode();
            }
        }
        return "none";
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("latch not released within " + WAIT);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void await(CyclicBarrier barrier) {
        try {
            barrier.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("barrier failed", e);
        }
    }
}
