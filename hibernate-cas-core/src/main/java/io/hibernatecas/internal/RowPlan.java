package io.hibernatecas.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.engine.jdbc.mutation.JdbcValueBindings;
import org.hibernate.engine.jdbc.mutation.ParameterUsage;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.SelectableMapping;
import org.hibernate.sql.model.ast.builder.RestrictedTableMutationBuilder;

/**
 * The guards of one statement for one row: which columns it checks and the loaded value of each, at JDBC level
 * (after converters, with temporal values cut to the column's precision). A {@code null} value is checked with
 * {@code IS NULL} and is not bound.
 */
final class RowPlan {

    private final GuardModel model;
    private final List<Guard> guards;
    private final List<SelectableMapping> columns;
    private final List<Object> values;
    private boolean dynamic;

    /** A plan with no guard: shared by every row of an entity without {@code @Cas}, never added to. */
    static RowPlan empty(GuardModel model) {
        return new RowPlan(model, List.of(), List.of(), List.of());
    }

    RowPlan(GuardModel model) {
        this(model, new ArrayList<>(4), new ArrayList<>(4), new ArrayList<>(4));
    }

    private RowPlan(GuardModel model, List<Guard> guards, List<SelectableMapping> columns, List<Object> values) {
        this.model = model;
        this.guards = guards;
        this.columns = columns;
        this.values = values;
    }

    void add(Guard guard, Object loadedValue, SharedSessionContractImplementor session) {
        guards.add(guard);
        guard.attribute().decompose(loadedValue, (index, value, column) -> {
            columns.add(column);
            Object normalized = model.normalize(value, column);
            values.add(normalized);
            if (normalized == null) {
                dynamic = true;
            }
        }, session);
    }

    void requireDynamic() {
        dynamic = true;
    }

    /** Whether this row needs its own SQL: a guard value is {@code null} or a {@code DIRTY} guard applies. */
    boolean dynamic() {
        return dynamic;
    }

    GuardModel model() {
        return model;
    }

    boolean belongsTo(GuardModel other) {
        return model == other;
    }

    List<Guard> guards() {
        return guards;
    }

    /**
     * The loaded value of each checked guard, as {@link io.hibernatecas.Conflict#getExpectedValue} reports it.
     * Computed on demand: only a conflict needs it, the flush path does not.
     */
    Map<String, Object> expectedValues() {
        Map<String, Object> expected = new LinkedHashMap<>();
        int column = 0;
        for (Guard guard : guards) {
            int width = guard.columns().size();
            expected.put(guard.name(), GuardValues.comparable(guard, values.subList(column, column + width)));
            column += width;
        }
        return expected;
    }

    /** The expected JDBC values of the guard columns, in the order of {@link #columns()}. */
    List<Object> values() {
        return values;
    }

    List<SelectableMapping> columns() {
        return columns;
    }

    /** Adds this row's restrictions to the builder of one table: {@code col = ?} or {@code col is null}. */
    void addRestrictions(RestrictedTableMutationBuilder<?, ?> builder) {
        String table = builder.getMutatingTable().getTableName();
        for (int i = 0; i < columns.size(); i++) {
            SelectableMapping column = columns.get(i);
            if (table.equals(model.persister().physicalTableNameForMutation(column))) {
                if (values.get(i) == null) {
                    builder.addNullOptimisticLockRestriction(column);
                }
                else {
                    builder.addOptimisticLockRestriction(column);
                }
            }
        }
    }

    /** Binds the non-null expected values as restriction parameters. */
    void bind(JdbcValueBindings bindings) {
        for (int i = 0; i < columns.size(); i++) {
            Object value = values.get(i);
            if (value != null) {
                SelectableMapping column = columns.get(i);
                bindings.bindValue(value, model.persister().physicalTableNameForMutation(column),
                        column.getSelectionExpression(), ParameterUsage.RESTRICT);
            }
        }
    }
}
