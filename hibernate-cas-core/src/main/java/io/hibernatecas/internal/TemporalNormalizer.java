package io.hibernatecas.internal;

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
 * Cuts a loaded temporal value to the precision of its column, the way the database did when it stored it.
 * <p>
 * Why: an entity persisted with nanoseconds keeps them in memory, while the column keeps microseconds (or fewer).
 * Comparing the in-memory value with the column in a guard would then never match, a false conflict. Rounding or
 * truncating like the database ({@link Dialect#doesRoundTemporalOnOverflow()}) makes the guard compare what is
 * stored. Values that already fit are returned as they are.
 */
final class TemporalNormalizer {

    private final int defaultPrecision;
    private final boolean rounds;

    TemporalNormalizer(Dialect dialect) {
        this.defaultPrecision = dialect.getDefaultTimestampPrecision();
        this.rounds = dialect.doesRoundTemporalOnOverflow();
    }

    Object normalize(Object value, SelectableMapping column) {
        if (value == null) {
            return null;
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
