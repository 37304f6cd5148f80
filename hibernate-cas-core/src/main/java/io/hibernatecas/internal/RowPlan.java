package io.hibernatecas.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.engine.jdbc.mutation.JdbcValueBindings;
import org.hibernate.engine.jdbc.mutation.ParameterUsage;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.ModelPart;
import org.hibernate.metamodel.mapping.SelectableMapping;
import org.hibernate.sql.model.ast.builder.RestrictedTableMutationBuilder;

/**
 * The guards of one statement for one row: which columns it checks and the loaded value of each, at JDBC level
 * (after converters, with temporal values cut to the column's precision). A {@code null} value is checked with
 * {@code IS NULL} and is not bound.
 * <p>
 * One is built for every guarded row of every flush, so it is kept small: the columns with their values interleaved
 * in one array sized for the entity's guards up front (it grows only for values a client states on attributes
 * without {@code @Cas}), filled by a non-capturing callback. The guards are the entity's own array
 * ({@link GuardModel#guardArray()}) as long as the plan takes them in order from the first, as an update of an
 * entity with only {@code ALWAYS} guards and every delete does; a copy is made only when the plan leaves one out. The list views ({@link #guards()}, {@link #columns()}, {@link #values()}) are built on
 * demand, on the conflict path only; the flush path ({@link #bind}, {@link #addRestrictions}) walks the arrays.
 */
final class RowPlan {

    /** Stores one JDBC value of the guard being added; a constant, so {@link #add} allocates no lambda. */
    private static final ModelPart.JdbcValueBiConsumer<RowPlan, Object> COLLECT =
            (index, plan, unused, value, column) -> plan.addValue(value, column);

    private static final Object[] NO_SLOTS = new Object[0];

    private final GuardModel model;
    /** {@code null} while the guards are the first {@link #guardCount} of the model's array. */
    private Guard[] guards;
    private int guardCount;
    /** Column {@code i} at {@code 2i}, its expected JDBC value at {@code 2i + 1}. */
    private Object[] slots;
    private int columnCount;
    private boolean dynamic;

    /** A plan with no guard: shared by every row of an entity without {@code @Cas}, never added to. */
    static RowPlan empty(GuardModel model) {
        return new RowPlan(model, 0);
    }

    /**
     * A plan that checks every guard of {@code model}, with a placeholder (never bound) or {@code null} as each
     * value: only for building statements in the bootstrap self-check ({@link GuardedStatements}).
     */
    static RowPlan everyGuard(GuardModel model, boolean nullValues) {
        RowPlan plan = new RowPlan(model);
        // every guard of the model, in its order: the plan shares the model's array (guards stays null)
        plan.guardCount = model.guards().size();
        for (Guard guard : model.guards()) {
            for (SelectableMapping column : guard.columns()) {
                plan.slots[2 * plan.columnCount] = column;
                plan.slots[2 * plan.columnCount + 1] = nullValues ? null : Boolean.TRUE;
                plan.columnCount++;
            }
        }
        plan.dynamic = true;
        return plan;
    }

    RowPlan(GuardModel model) {
        this(model, model.columnCount());
    }

    private RowPlan(GuardModel model, int columnCapacity) {
        this.model = model;
        this.slots = columnCapacity == 0 ? NO_SLOTS : new Object[2 * columnCapacity];
    }

    void add(Guard guard, Object loadedValue, SharedSessionContractImplementor session) {
        Guard[] shared = model.guardArray();
        if (guards == null && guardCount < shared.length && shared[guardCount] == guard) {
            guardCount++;
        }
        else {
            if (guards == null) {
                guards = Arrays.copyOf(shared, Math.max(shared.length, guardCount + 1));
            }
            else if (guardCount == guards.length) {
                guards = Arrays.copyOf(guards, guardCount + 1);
            }
            guards[guardCount++] = guard;
        }
        guard.attribute().decompose(loadedValue, 0, this, null, COLLECT, session);
    }

    private void addValue(Object value, SelectableMapping column) {
        if (2 * columnCount == slots.length) {
            slots = Arrays.copyOf(slots, 2 * columnCount + 4);
        }
        Object normalized = model.normalize(value, column);
        slots[2 * columnCount] = column;
        slots[2 * columnCount + 1] = normalized;
        columnCount++;
        if (normalized == null) {
            dynamic = true;
        }
    }

    /** Whether this plan checks no column (no guard applies to this statement). */
    boolean isEmpty() {
        return columnCount == 0;
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
        Guard[] array = guards != null ? guards : model.guardArray();
        return List.of(Arrays.copyOf(array, guardCount));
    }

    /**
     * The loaded value of each checked guard, as {@link io.hibernatecas.Conflict#getExpectedValue} reports it.
     * Computed on demand: only a conflict needs it, the flush path does not.
     */
    Map<String, Object> expectedValues() {
        Map<String, Object> expected = new LinkedHashMap<>();
        List<Object> values = values();
        int column = 0;
        for (Guard guard : guards()) {
            int width = guard.columns().size();
            expected.put(guard.name(), GuardValues.comparable(guard, values.subList(column, column + width)));
            column += width;
        }
        return expected;
    }

    /** The expected JDBC values of the guard columns, in the order of {@link #columns()}. */
    List<Object> values() {
        Object[] values = new Object[columnCount];
        for (int i = 0; i < columnCount; i++) {
            values[i] = slots[2 * i + 1];
        }
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    List<SelectableMapping> columns() {
        SelectableMapping[] columns = new SelectableMapping[columnCount];
        for (int i = 0; i < columnCount; i++) {
            columns[i] = column(i);
        }
        return List.of(columns);
    }

    private SelectableMapping column(int i) {
        return (SelectableMapping) slots[2 * i];
    }

    /**
     * Adds this row's restrictions to the builder of one table: {@code col = ?} (in its {@link ExactComparison exact}
     * form) or {@code col is null}.
     */
    void addRestrictions(RestrictedTableMutationBuilder<?, ?> builder) {
        String table = builder.getMutatingTable().getTableName();
        for (int i = 0; i < columnCount; i++) {
            SelectableMapping column = column(i);
            if (table.equals(model.persister().physicalTableNameForMutation(column))) {
                if (slots[2 * i + 1] == null) {
                    builder.addNullOptimisticLockRestriction(column);
                }
                else {
                    model.exact().addRestriction(builder, column);
                }
            }
        }
    }

    /** Binds the non-null expected values as restriction parameters. */
    void bind(JdbcValueBindings bindings) {
        for (int i = 0; i < columnCount; i++) {
            Object value = slots[2 * i + 1];
            if (value != null) {
                SelectableMapping column = column(i);
                bindings.bindValue(value, model.persister().physicalTableNameForMutation(column),
                        column.getSelectionExpression(), ParameterUsage.RESTRICT);
            }
        }
    }
}
