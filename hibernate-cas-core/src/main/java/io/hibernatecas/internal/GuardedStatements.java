package io.hibernatecas.internal;

import io.hibernatecas.CasConfigurationException;

import org.hibernate.engine.jdbc.mutation.ParameterUsage;
import org.hibernate.metamodel.mapping.SelectableMapping;
import org.hibernate.sql.model.MutationOperation;
import org.hibernate.sql.model.MutationOperationGroup;
import org.hibernate.sql.model.jdbc.JdbcMutationOperation;

/**
 * Checks, once at bootstrap, that every statement shape the coordinators can produce really carries the guards:
 * the prebuilt statements (static {@code UPDATE} with the {@code ALWAYS} guards, version-only {@code UPDATE},
 * static {@code DELETE} with every guard) and the statements built per row, each built once for the check
 * through the same Hibernate path a row takes, with a plan that checks every guard: the dynamic {@code UPDATE} and
 * the dynamic {@code DELETE}, once with {@code col = ?} and once with {@code col is null}. This is the tripwire
 * for Hibernate upgrades and mappings that route a statement around our hooks (as Hibernate's
 * {@code update ... returning} builder for values generated on update did): the {@code SessionFactory} fails to
 * build instead of running with unguarded statements.
 */
final class GuardedStatements {

    private GuardedStatements() {
    }

    static void verify(GuardModel model, MutationOperationGroup group, boolean delete, String statement) {
        if (group == null) {
            return;
        }
        for (Guard guard : model.guards()) {
            if (!delete && !guard.always()) {
                continue;
            }
            for (SelectableMapping column : guard.columns()) {
                if (!restricts(group, model.persister().physicalTableNameForMutation(column),
                        column.getSelectionExpression())) {
                    throw new CasConfigurationException("Attribute '" + model.persister().getEntityName() + "."
                            + guard.name() + "' is annotated @Cas but Hibernate's " + statement + " statement for "
                            + "its table does not check column '" + column.getSelectionExpression()
                            + "'; this Hibernate version is not supported by this hibernate-cas version");
                }
            }
        }
    }

    /**
     * Checks a statement built for a row whose plan checks every guard: each guard column has {@code col = ?} (a
     * restriction parameter) or, for {@code nullValues}, {@code col is null} in the statement of its table.
     */
    static void verifyShape(GuardModel model, MutationOperationGroup group, boolean nullValues, String statement) {
        for (Guard guard : model.guards()) {
            for (SelectableMapping column : guard.columns()) {
                String table = model.persister().physicalTableNameForMutation(column);
                String name = column.getSelectionExpression();
                if (!checks(group, table, name, nullValues)) {
                    throw new CasConfigurationException("Attribute '" + model.persister().getEntityName() + "."
                            + guard.name() + "' is annotated @Cas but Hibernate's " + statement + " statement for "
                            + "its table does not check column '" + name + "'" + (nullValues ? " with IS NULL" : "")
                            + "; this mapping or this Hibernate version routes the statement around hibernate-cas");
                }
            }
        }
    }

    private static boolean checks(MutationOperationGroup group, String table, String column, boolean nullValues) {
        for (int i = 0; i < group.getNumberOfOperations(); i++) {
            MutationOperation operation = group.getOperation(i);
            if (operation.getTableDetails().getTableName().equals(table)) {
                return nullValues
                        ? operation instanceof JdbcMutationOperation jdbc
                                && jdbc.getSqlString().contains(column + " is null")
                        : operation.findValueDescriptor(column, ParameterUsage.RESTRICT) != null;
            }
        }
        // no statement for the table: it has no updatable column, so it is never written
        return true;
    }

    /**
     * Whether the group's statement for {@code table} checks {@code column}; a group with no statement for the table
     * (a table without updatable columns) never writes it, so there is nothing to check.
     */
    private static boolean restricts(MutationOperationGroup group, String table, String column) {
        boolean writesTable = false;
        for (int i = 0; i < group.getNumberOfOperations(); i++) {
            MutationOperation operation = group.getOperation(i);
            if (operation.getTableDetails().getTableName().equals(table)) {
                writesTable = true;
                if (operation.findValueDescriptor(column, ParameterUsage.RESTRICT) != null) {
                    return true;
                }
            }
        }
        return !writesTable;
    }
}
