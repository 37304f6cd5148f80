package io.hibernatecas.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;

import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.metamodel.mapping.ModelPart;
import org.hibernate.metamodel.mapping.SelectableMapping;
import org.hibernate.type.descriptor.ValueBinder;

/**
 * The parameters of one statement, in order, each with the {@link JdbcMapping} of its column. Domain values are
 * broken down into JDBC values by the mapping model ({@code decompose}: converters, enums, embeddables, foreign keys
 * of to-one associations) and bound by the column's own binder, so every type Hibernate maps binds as it does in
 * Hibernate's statements.
 * <p>
 * Guard values (the {@code WHERE} comparisons) are cut to their column's precision ({@link ColumnPrecision});
 * a {@code null} guard is not bound but recorded in {@link #nullMask()}, for {@code col is null}.
 */
final class JdbcParameters {

    // constants, so that decomposing a value allocates no capturing lambda per call
    private static final ModelPart.JdbcValueBiConsumer<JdbcParameters, Object> ADD_VALUE =
            (index, parameters, unused, value, column) -> parameters.add(value, column.getJdbcMapping());
    private static final ModelPart.JdbcValueBiConsumer<JdbcParameters, ColumnPrecision> ADD_GUARD =
            (index, parameters, normalizer, value, column) -> parameters.addGuard(value, column, normalizer);

    private Object[] values;
    private JdbcMapping[] mappings;
    private int size;
    private int guardColumns;
    private long nullMask;

    JdbcParameters(int capacity) {
        values = new Object[capacity];
        mappings = new JdbcMapping[capacity];
    }

    void add(Object jdbcValue, JdbcMapping mapping) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2 + 4);
            mappings = Arrays.copyOf(mappings, size * 2 + 4);
        }
        values[size] = jdbcValue;
        mappings[size++] = mapping;
    }

    /** Every column value of {@code domainValue}, {@code null}s included: assignments, identifiers, keys. */
    JdbcParameters addValues(ModelPart part, Object domainValue, SharedSessionContractImplementor session) {
        part.decompose(domainValue, 0, this, null, ADD_VALUE, session);
        return this;
    }

    /** The non-null column values of {@code domainValue} as guards; the null ones go to {@link #nullMask()}. */
    JdbcParameters addGuards(ModelPart part, Object domainValue, ColumnPrecision normalizer,
            SharedSessionContractImplementor session) {
        part.decompose(domainValue, 0, this, normalizer, ADD_GUARD, session);
        return this;
    }

    private void addGuard(Object value, SelectableMapping column, ColumnPrecision normalizer) {
        if (guardColumns == Long.SIZE - 1) {
            throw new IllegalArgumentException("CasOperations compares at most 63 columns in one statement");
        }
        Object normalized = normalizer.normalize(value, column);
        if (normalized == null) {
            nullMask |= 1L << guardColumns;
        }
        else {
            add(normalized, column.getJdbcMapping());
        }
        guardColumns++;
    }

    /** Bit {@code i} set: guard column {@code i} (in the order added) is {@code null}. */
    long nullMask() {
        return nullMask;
    }

    @SuppressWarnings("unchecked")
    void bind(PreparedStatement statement, SharedSessionContractImplementor session) throws SQLException {
        for (int i = 0; i < size; i++) {
            ((ValueBinder<Object>) mappings[i].getJdbcValueBinder()).bind(statement, values[i], i + 1, session);
        }
    }
}
