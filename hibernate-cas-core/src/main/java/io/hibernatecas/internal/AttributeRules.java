package io.hibernatecas.internal;

import java.util.ArrayList;
import java.util.List;

import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.BasicValuedModelPart;
import org.hibernate.metamodel.mapping.SelectableMapping;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Which attributes an operation accepts, and in words why it refuses the others. Decided from the runtime mapping
 * model only, once per entity ({@link EntityModel}); the names that pass are the only ones whose columns ever reach
 * SQL, and they reach it as the mapping's column names, never as the text the caller passed.
 * <p>
 * Every operation needs an attribute whose columns live in the table that holds the identifier (one statement
 * writes one table), without {@code @Formula} or {@code @ColumnTransformer}. Writing operations further need it to
 * be updatable and not an immutable {@code @NaturalId}, and {@code compareAndSet} and {@code update}, which compare it,
 * a column that {@link ExactComparison} can compare exactly on the database; {@code increment} needs a basic numeric attribute without
 * converter; {@code findOrCreate} needs it insertable.
 */
final class AttributeRules {

    private AttributeRules() {
    }

    /** Why {@code operation} refuses {@code attribute}, or {@code null} when it accepts it. */
    static String refusal(Operation operation, AttributeMapping attribute, EntityPersister persister) {
        if (attribute.isPluralAttributeMapping()) {
            return "it is a collection";
        }
        if (persister.getVersionMapping() != null
                && persister.getVersionMapping().getVersionAttribute() == attribute) {
            return "it is the @Version attribute, which CasOperations maintains itself";
        }
        List<SelectableMapping> columns = columns(attribute);
        if (columns.isEmpty()) {
            return "it has no column in the entity's table (the mappedBy side of an association)";
        }
        String table = persister.getIdentifierTableName();
        for (SelectableMapping column : columns) {
            if (column.isFormula()) {
                return "it is a formula (@Formula) and has no column";
            }
            String columnTable = persister.physicalTableNameForMutation(column);
            if (!table.equals(columnTable)) {
                return "it is mapped to table '" + columnTable + "', not to '" + table + "' that holds the identifier";
            }
            if (hasColumnTransformer(column)) {
                return "it has a @ColumnTransformer";
            }
        }
        return operation.writes() ? writeRefusal(operation, attribute, columns, persister)
                : insertRefusal(attribute, columns);
    }

    private static String writeRefusal(Operation operation, AttributeMapping attribute, List<SelectableMapping> columns,
            EntityPersister persister) {
        if (!attribute.getAttributeMetadata().isUpdatable()
                || columns.stream().anyMatch(column -> !column.isUpdateable())) {
            return "it is not updatable (updatable = false)";
        }
        var naturalId = persister.getNaturalIdMapping();
        if (naturalId != null && !naturalId.isMutable() && naturalId.getNaturalIdAttributes().contains(attribute)) {
            return "it is an immutable @NaturalId";
        }
        if (operation == Operation.INCREMENT && !isNumber(attribute)) {
            return "it is not a basic numeric attribute";
        }
        if (operation != Operation.INCREMENT) {
            ExactComparison exact = ExactComparison.of(persister.getFactory());
            for (SelectableMapping column : columns) {
                String refusal = exact.refusal(column);
                if (refusal != null) {
                    return "its column '" + column.getSelectionExpression() + "' (" + exact.databaseType(column)
                            + ") cannot be compared exactly: " + refusal;
                }
            }
        }
        return null;
    }

    private static String insertRefusal(AttributeMapping attribute, List<SelectableMapping> columns) {
        if (!attribute.getAttributeMetadata().isInsertable()
                || columns.stream().anyMatch(column -> !column.isInsertable())) {
            return "it is not insertable (insertable = false)";
        }
        return null;
    }

    private static boolean isNumber(AttributeMapping attribute) {
        BasicValuedModelPart basic = attribute.asBasicValuedModelPart();
        return basic != null && basic.getJdbcMapping().getValueConverter() == null
                && Number.class.isAssignableFrom(basic.getJavaType().getJavaTypeClass());
    }

    /**
     * Whether the column is read or written through SQL of a {@code @ColumnTransformer}. Without one, the runtime
     * model still reports a read template, {@code {@}.column} (Hibernate's {@code Template.TEMPLATE} qualifier), and
     * the write expression {@code ?}.
     */
    private static boolean hasColumnTransformer(SelectableMapping column) {
        String read = column.getCustomReadExpression();
        return read != null && !read.equals("{@}." + column.getSelectionExpression())
                || !"?".equals(column.getWriteExpression());
    }

    static List<SelectableMapping> columns(AttributeMapping attribute) {
        List<SelectableMapping> columns = new ArrayList<>(attribute.getJdbcTypeCount());
        attribute.forEachSelectable((index, column) -> columns.add(column));
        return columns;
    }
}
