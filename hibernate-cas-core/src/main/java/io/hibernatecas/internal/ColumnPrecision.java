package io.hibernatecas.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;

import org.hibernate.dialect.Dialect;
import org.hibernate.metamodel.mapping.SelectableMapping;

/**
 * Cuts a loaded value to the precision of its column, the way the database did when it stored it: temporal values
 * to the column's fractional seconds, {@code BigDecimal}s to the column's scale.
 * <p>
 * Why: an entity persisted with nanoseconds, or with {@code 1.235} in a {@code numeric(10,2)} column, keeps that
 * value in memory, while the column keeps microseconds (or fewer) and {@code 1.24}. Comparing the in-memory value
 * with the column in a guard (on the next flush of the same session) would then never match, a false conflict.
 * Rounding or truncating like the database makes the guard compare what is stored: temporal values as
 * {@link Dialect#doesRoundTemporalOnOverflow()} says, decimals half up (H2, PostgreSQL and MariaDB round a
 * {@code numeric} half away from zero). Values that already fit are returned as they are. Floating-point columns
 * need no value change: {@link ExactComparison} compares a single-precision column in single precision.
 */
final class ColumnPrecision {

    private final int defaultPrecision;
    private final boolean rounds;

    ColumnPrecision(Dialect dialect) {
        this.defaultPrecision = dialect.getDefaultTimestampPrecision();
        this.rounds = dialect.doesRoundTemporalOnOverflow();
    }

    Object normalize(Object value, SelectableMapping column) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            Integer scale = column.getScale();
            return scale == null || decimal.scale() <= scale ? value : decimal.setScale(scale, RoundingMode.HALF_UP);
        }
        Integer declared = column.getTemporalPrecision();
        int precision = declared != null ? declared : defaultPrecision;
        if (precision >= 9) {
            return value;
        }
        if (value instanceof Timestamp timestamp) {
            Instant cut = cut(timestamp.toInstant(), timestamp.getNanos(), precision);
            return cut == null ? value : Timestamp.from(cut);
        }
        if (value instanceof Instant v) {
            return orSame(cut(v, v.getNano(), precision), value);
        }
        if (value instanceof LocalDateTime v) {
            return orSame(cut(v, v.getNano(), precision), value);
        }
        if (value instanceof OffsetDateTime v) {
            return orSame(cut(v, v.getNano(), precision), value);
        }
        if (value instanceof ZonedDateTime v) {
            return orSame(cut(v, v.getNano(), precision), value);
        }
        if (value instanceof LocalTime v) {
            return orSame(cut(v, v.getNano(), precision), value);
        }
        if (value instanceof OffsetTime v) {
            return orSame(cut(v, v.getNano(), precision), value);
        }
        return value;
    }

    private static Object orSame(Object cut, Object value) {
        return cut == null ? value : cut;
    }

    /** The value with its nanoseconds cut to {@code precision} digits, or {@code null} when it already fits. */
    @SuppressWarnings("unchecked")
    private <T extends Temporal> T cut(T value, int nanos, int precision) {
        long unit = (long) Math.pow(10, 9 - precision);
        long remainder = nanos % unit;
        if (remainder == 0) {
            return null;
        }
        long adjust = rounds && remainder * 2 >= unit ? unit - remainder : -remainder;
        return (T) value.plus(adjust, ChronoUnit.NANOS);
    }
}
