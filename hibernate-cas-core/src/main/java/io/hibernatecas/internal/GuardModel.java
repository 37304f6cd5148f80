package io.hibernatecas.internal;

import java.util.ArrayList;
import java.util.List;

import io.hibernatecas.Cas;
import io.hibernatecas.CasConfigurationException;

import org.hibernate.bytecode.enhance.spi.LazyPropertyInitializer;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.SelectableMapping;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.sql.model.ast.builder.RestrictedTableMutationBuilder;

/**
 * The {@link Cas @Cas} guards of one entity persister, read from the runtime mapping model, and the two things the
 * coordinators do with them: add the static restrictions ({@code col = ?}) to Hibernate's prebuilt statements, and
 * plan the restrictions and values of one row ({@link RowPlan}).
 * <p>
 * The static {@code UPDATE} carries the {@link Cas.When#ALWAYS} guards, the static {@code DELETE} every guard, each as
 * {@code col = ?}; that keeps the statements JDBC-batchable. A row whose loaded guard value is {@code null}, or
 * whose update changes a {@link Cas.When#DIRTY} guard, gets dynamic SQL built from its plan instead.
 */
final class GuardModel {

    private final EntityPersister persister;
    private final List<Guard> guards;
    private final Guard[] guardArray;
    private final ColumnPrecision normalizer;
    private final ExactComparison exact;
    private final RowPlan emptyPlan;
    private final int columnCount;
    private final boolean singleTable;

    private GuardModel(EntityPersister persister, List<Guard> guards, ExactComparison exact) {
        this.persister = persister;
        this.guards = guards;
        this.guardArray = guards.toArray(new Guard[0]);
        int columns = 0;
        for (int g = 0; g < guards.size(); g++) {
            columns += guards.get(g).columns().size();
        }
        this.columnCount = columns;
        int[] tables = {0};
        persister.forEachMutableTable(table -> tables[0]++);
        this.singleTable = tables[0] == 1;
        this.normalizer = new ColumnPrecision(persister.getFactory().getJdbcServices().getDialect());
        this.exact = exact;
        this.emptyPlan = RowPlan.empty(this);
    }

    /** The plan of a row that checks no guard. */
    RowPlan emptyPlan() {
        return emptyPlan;
    }

    /**
     * The guards of {@code persister}.
     *
     * @throws CasConfigurationException when a guard's column cannot be compared exactly on this database
     */
    static GuardModel of(EntityPersister persister) {
        ExactComparison exact = ExactComparison.of(persister.getFactory());
        List<Guard> guards = new ArrayList<>();
        var attributes = persister.getAttributeMappings();
        for (int i = 0; i < attributes.size(); i++) {
            AttributeMapping attribute = attributes.get(i);
            Cas cas = CasAnnotations.find(persister.getMappedClass(), attribute.getAttributeName());
            if (cas != null && attribute.getJdbcTypeCount() > 0) {
                List<SelectableMapping> columns = new ArrayList<>();
                attribute.forEachSelectable((position, selectable) -> columns.add(selectable));
                requireExact(persister, attribute, columns, exact);
                String table = persister.physicalTableNameForMutation(columns.get(0));
                guards.add(new Guard(i, attribute.getAttributeName(), attribute, cas.when(), List.copyOf(columns),
                        table));
            }
        }
        return new GuardModel(persister, List.copyOf(guards), exact);
    }

    private static void requireExact(EntityPersister persister, AttributeMapping attribute,
            List<SelectableMapping> columns, ExactComparison exact) {
        for (SelectableMapping column : columns) {
            String refusal = exact.refusal(column);
            if (refusal != null) {
                throw new CasConfigurationException(message(persister.getMappedClass().getName() + "."
                        + attribute.getAttributeName(), column, exact, refusal));
            }
        }
    }

    /** The bootstrap error for a guard that cannot be exact: class, attribute, column, database type, why, fix. */
    static String message(String attribute, SelectableMapping column, ExactComparison exact, String refusal) {
        return "Attribute '" + attribute + "' is annotated @Cas but its column '" + column.getSelectionExpression()
                + "' (" + exact.databaseType(column) + ") cannot be compared exactly: " + refusal;
    }

    ExactComparison exact() {
        return exact;
    }

    EntityPersister persister() {
        return persister;
    }

    /** Whether the entity is mapped to one table (no joined subclass table, no secondary table). */
    boolean singleTable() {
        return singleTable;
    }

    List<Guard> guards() {
        return guards;
    }

    boolean isEmpty() {
        return guards.isEmpty();
    }

    /** The guards as an array that {@link RowPlan}s share; never written to. */
    Guard[] guardArray() {
        return guardArray;
    }

    /** The columns of all guards: what a {@link RowPlan} is sized for. */
    int columnCount() {
        return columnCount;
    }

    /** Whether a guard is checked only when an update changes it ({@link Cas.When#DIRTY}). */
    boolean hasDirtyGuard() {
        return guards.stream().anyMatch(guard -> !guard.always());
    }

    /**
     * Adds {@code col = ?} (in its {@link ExactComparison exact} form) for the guards that the static statement
     * carries to the builder of their table.
     */
    void addStaticRestrictions(RestrictedTableMutationBuilder<?, ?> builder, boolean delete) {
        String table = builder.getMutatingTable().getTableName();
        for (Guard guard : guards) {
            if ((delete || guard.always()) && guard.table().equals(table)) {
                guard.columns().forEach(column -> exact.addRestriction(builder, column));
            }
        }
    }

    /**
     * Plans the guards of one {@code UPDATE}: the {@code ALWAYS} guards, and the {@code DIRTY} ones that this update
     * changes. {@code dirty} is Hibernate's dirty attribute indexes, or {@code null} when unknown (then a
     * {@code DIRTY} guard counts as changed when its new value differs from the loaded one).
     */
    RowPlan planUpdate(Object[] loaded, Object[] values, int[] dirty, SharedSessionContractImplementor session) {
        return planUpdate(loaded, values, dirty, session, null);
    }

    /**
     * As {@link #planUpdate(Object[], Object[], int[], SharedSessionContractImplementor)}, with the values a client
     * says it saw replacing the loaded ones; an attribute the client names that is no guard is checked too (which
     * takes dynamic SQL, the prebuilt statement does not have it).
     */
    RowPlan planUpdate(Object[] loaded, Object[] values, int[] dirty, SharedSessionContractImplementor session,
            ClientExpectations.Expectation client) {
        RowPlan plan = new RowPlan(this);
        for (int g = 0; g < guards.size(); g++) {
            Guard guard = guards.get(g);
            boolean stated = client != null && client.values().containsKey(guard.name());
            Object expected = stated ? client.values().get(guard.name()) : loaded[guard.index()];
            if (!isFetched(expected)) {
                // a lazy guard this transaction never read: nothing to compare (see isFetched)
                plan.requireDynamic();
            }
            else if (guard.always()) {
                plan.add(guard, expected, session);
            }
            else if (stated || isDirty(guard, loaded, values, dirty, session)) {
                plan.add(guard, expected, session);
                plan.requireDynamic();
            }
        }
        addStated(plan, client, session);
        return plan;
    }

    /** Plans the check of a row this flush does not write: only the values a client stated. */
    RowPlan planStated(ClientExpectations.Expectation client, SharedSessionContractImplementor session) {
        RowPlan plan = new RowPlan(this);
        for (int g = 0; g < guards.size(); g++) {
            Guard guard = guards.get(g);
            if (client.values().containsKey(guard.name())) {
                plan.add(guard, client.values().get(guard.name()), session);
            }
        }
        addStated(plan, client, session);
        return plan;
    }

    private void addStated(RowPlan plan, ClientExpectations.Expectation client, SharedSessionContractImplementor session) {
        if (client == null) {
            return;
        }
        for (var stated : client.values().entrySet()) {
            if (guards.stream().noneMatch(g -> g.name().equals(stated.getKey()))) {
                plan.add(adHoc(stated.getKey()), stated.getValue(), session);
                plan.requireDynamic();
            }
        }
    }

    /** A one-off guard for an attribute without {@code @Cas}, for values a client stated. */
    private Guard adHoc(String name) {
        var attributes = persister.getAttributeMappings();
        for (int i = 0; i < attributes.size(); i++) {
            AttributeMapping attribute = attributes.get(i);
            if (attribute.getAttributeName().equals(name)) {
                List<SelectableMapping> columns = new ArrayList<>();
                attribute.forEachSelectable((position, selectable) -> columns.add(selectable));
                return new Guard(i, name, attribute, Cas.When.ALWAYS, List.copyOf(columns),
                        persister.physicalTableNameForMutation(columns.get(0)));
            }
        }
        throw new IllegalArgumentException("Entity '" + persister.getEntityName() + "' has no attribute '" + name + "'");
    }

    /** Plans a version-only {@code UPDATE}: it changes no attribute, so only {@code ALWAYS} guards apply. */
    RowPlan planVersionOnly(Object[] loaded, SharedSessionContractImplementor session) {
        RowPlan plan = new RowPlan(this);
        for (int g = 0; g < guards.size(); g++) {
            Guard guard = guards.get(g);
            if (guard.always() && isFetched(loaded[guard.index()])) {
                plan.add(guard, loaded[guard.index()], session);
            }
            else if (guard.always()) {
                plan.requireDynamic();
            }
        }
        return plan;
    }

    /** Plans a {@code DELETE}: deleting a row discards every column, so every guard applies. */
    RowPlan planDelete(Object[] loaded, SharedSessionContractImplementor session) {
        return planDelete(loaded, session, null);
    }

    RowPlan planDelete(Object[] loaded, SharedSessionContractImplementor session, ClientExpectations.Expectation client) {
        RowPlan plan = new RowPlan(this);
        for (int g = 0; g < guards.size(); g++) {
            Guard guard = guards.get(g);
            boolean stated = client != null && client.values().containsKey(guard.name());
            Object expected = stated ? client.values().get(guard.name()) : loaded[guard.index()];
            if (isFetched(expected)) {
                plan.add(guard, expected, session);
            }
            else {
                plan.requireDynamic();
            }
        }
        addStated(plan, client, session);
        return plan;
    }

    /**
     * Whether a loaded value was read at all. A lazy attribute of a bytecode-enhanced entity that this transaction
     * never fetched has Hibernate's {@code UNFETCHED_PROPERTY} marker as its loaded value: the transaction never saw
     * the column, Hibernate does not write it unless the application sets it, so the guard has nothing to compare
     * and is left out of the statement (which then is built for the row, without {@code col = ?}). A lazy guard
     * is checked once the application has read it, like any other. See docs/guide.md, "Lazy guards".
     */
    static boolean isFetched(Object loadedValue) {
        return loadedValue != LazyPropertyInitializer.UNFETCHED_PROPERTY;
    }

    Object normalize(Object jdbcValue, SelectableMapping column) {
        return normalizer.normalize(jdbcValue, column);
    }

    private static boolean isDirty(Guard guard, Object[] loaded, Object[] values, int[] dirty,
            SharedSessionContractImplementor session) {
        if (dirty != null) {
            for (int index : dirty) {
                if (index == guard.index()) {
                    return true;
                }
            }
            return false;
        }
        return values != null && !guard.attribute().areEqual(loaded[guard.index()], values[guard.index()], session);
    }
}
