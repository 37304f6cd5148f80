package io.hibernatecas.internal;

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

    @SuppressWarnings({"unchecked", "rawtypes"})
    static boolean equal(SelectableMapping column, Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual;
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
}
