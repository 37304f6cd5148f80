package io.hibernatecas.internal;

import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.hibernate.metamodel.mapping.SelectableMapping;
import org.hibernate.type.descriptor.java.JavaType;

/**
 * How guard values are compared and reported. Values are compared at JDBC level, column by column, with the column
 * type's own equality (so {@code BigDecimal} 1.0 equals 1.00 and arrays compare by content). They are reported as
 * "what the guard compares": a single column as its domain value, several columns as the list of column values.
 */
final class GuardValues {

    private GuardValues() {
    }

    static Object comparable(Guard guard, List<Object> jdbcValues) {
        if (guard.singleColumn()) {
            Object value = jdbcValues.isEmpty() ? null : jdbcValues.get(0);
            return toDomain(guard.columns().get(0), value);
        }
        return Collections.unmodifiableList(new ArrayList<>(jdbcValues));
    }

    /**
     * Whether the database holds {@code expected}. Zoned and offset date-times compare as instants: the columns keep
     * the instant, not the zone ({@code ZonedDateTime} {@code 12:00Z[UTC]} written is read back as {@code 12:00Z}),
     * and the guard's {@code col=?} compares them so; Java's {@code equals} would report such a column as changed.
     * Strings in a {@code CHAR} column ({@link ExactComparison#isFixedLength}) compare without trailing spaces, as the
     * guard does: H2 and PostgreSQL read {@code 'abc'} back as {@code 'abc     '}, MariaDB drops trailing spaces.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static boolean equal(SelectableMapping column, Object expected, Object actual, ExactComparison exact) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (expected instanceof String text && actual instanceof String other && exact.isFixedLength(column)) {
            return withoutPadding(text).equals(withoutPadding(other));
        }
        if (expected instanceof ZonedDateTime zoned && actual instanceof ZonedDateTime other) {
            return zoned.isEqual(other);
        }
        if (expected instanceof OffsetDateTime offset && actual instanceof OffsetDateTime other) {
            return offset.isEqual(other);
        }
        JavaType javaType = column.getJdbcMapping().getJdbcJavaType();
        try {
            return javaType.areEqual(javaType.wrap(expected, null), javaType.wrap(actual, null));
        }
        catch (RuntimeException e) {
            return Objects.equals(expected, actual);
        }
    }

    private static Object toDomain(SelectableMapping column, Object jdbcValue) {
        if (jdbcValue == null) {
            return null;
        }
        try {
            return column.getJdbcMapping().convertToDomainValue(jdbcValue);
        }
        catch (RuntimeException e) {
            return jdbcValue;
        }
    }

    /** {@code text} without trailing spaces (only spaces: a {@code CHAR} pads with those, a tab stays). */
    private static String withoutPadding(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == ' ') {
            end--;
        }
        return text.substring(0, end);
    }
}
