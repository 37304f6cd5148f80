package io.hibernatecas.internal;

import io.hibernatecas.CasConfigurationException;

import org.hibernate.engine.jdbc.mutation.ParameterUsage;
import org.hibernate.metamodel.mapping.SelectableMapping;
import org.hibernate.sql.model.MutationOperation;
import org.hibernate.sql.model.MutationOperationGroup;

/**
 * Checks, once at bootstrap, that Hibernate's prebuilt statements really carry every guard they should. This is
 * the tripwire for Hibernate upgrades: if a future version stops calling one of the hooks our coordinators
 * override, the {@code SessionFactory} fails to build instead of running with unguarded statements.
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

    private static boolean restricts(MutationOperationGroup group, String table, String column) {
        for (int i = 0; i < group.getNumberOfOperations(); i++) {
            MutationOperation operation = group.getOperation(i);
            if (operation.getTableDetails().getTableName().equals(table)
                    && operation.findValueDescriptor(column, ParameterUsage.RESTRICT) != null) {
                return true;
            }
        }
        return false;
    }
}
