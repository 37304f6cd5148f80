package io.hibernatecas.internal;

import java.lang.invoke.MethodHandles;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

import org.hibernate.engine.jdbc.mutation.MutationExecutor;
import org.hibernate.engine.jdbc.mutation.ParameterUsage;
import org.hibernate.engine.jdbc.mutation.spi.BatchKeyAccess;
import org.hibernate.engine.jdbc.mutation.internal.NoBatchKeyAccess;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.SelectableMapping;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.persister.entity.mutation.DeleteCoordinatorStandard;
import org.hibernate.sql.model.MutationOperationGroup;
import org.hibernate.sql.model.ast.builder.MutationGroupBuilder;
import org.hibernate.sql.model.ast.builder.RestrictedTableMutationBuilder;
import org.hibernate.engine.OptimisticLockStyle;

/**
 * Hibernate's standard entity {@code DELETE} with every {@link io.hibernatecas.Cas @Cas} guard in its
 * {@code WHERE} clause: deleting a row discards all of it, so a change to any guarded column blocks the delete.
 * <p>
 * <b>Hibernate internals touched here</b>: the protected hooks of {@code AbstractDeleteCoordinator}:
 * {@code applyOptimisticLocking} (restrictions of the static and the dynamic statement),
 * {@code applyStaticDeleteTableDetails} and {@code applyDynamicDeleteTableDetails} (binding), and
 * {@code doDynamicDelete} for a row with a {@code null} guard value.
 */
final class CasDeleteCoordinator extends DeleteCoordinatorStandard {

    private final GuardModel model;
    private final ConflictTranslator translator;

    CasDeleteCoordinator(EntityPersister persister, CasConfig config) {
        super(persister, persister.getFactory());
        this.model = GuardModel.of(persister);
        this.translator = new ConflictTranslator(config);
        GuardedStatements.verify(model, getStaticMutationOperationGroup(), true, "DELETE");
        if (!model.isEmpty()) {
            for (boolean nullValues : new boolean[] {false, true}) {
                PendingWrite probe = new PendingWrite(PendingWrite.Kind.DELETE, persister, null, null, null, null,
                        RowPlan.everyGuard(model, nullValues), null);
                GuardedStatements.verifyShape(model,
                        CurrentWrite.during(probe, () -> generateOperationGroup(null, null, true, null)),
                        nullValues, "dynamic DELETE");
            }
        }
    }

    private GuardModel model() {
        return model != null ? model : GuardModel.of(entityPersister());
    }

    @Override
    public void delete(Object entity, Object id, Object version, SharedSessionContractImplementor session) {
        var entry = session.getPersistenceContextInternal().getEntry(entity);
        Object[] loaded = entry != null && entry.getLoadedState() != null ? entry.getLoadedState()
                : LoadedStates.forWrite(model, entity, id, session);
        ClientExpectations.Expectation client = ClientExpectations.of(session, entity);
        RowPlan plan = model.isEmpty() && client == null ? model.emptyPlan()
                : model.planDelete(loaded, session, client);
        Object expectedVersion = client != null && client.hasVersion() ? client.version() : version;
        PendingWrite write = new PendingWrite(PendingWrite.Kind.DELETE, entityPersister(), entity, id, expectedVersion,
                null, plan, null, client != null);
        CurrentWrite.execute(write, session, translator, () -> {
            if (plan.dynamic()) {
                doDynamicDelete(entity, id, entry == null ? null : entry.getRowId(), loaded, session);
            }
            else {
                super.delete(entity, id, expectedVersion, session);
            }
            return null;
        });
    }

    @Override
    protected void applyOptimisticLocking(OptimisticLockStyle optimisticLockStyle,
            Function<String, RestrictedTableMutationBuilder<?, ?>> resolver, Object[] loadedState,
            SharedSessionContractImplementor session) {
        super.applyOptimisticLocking(optimisticLockStyle, resolver, loadedState, session);
        addGuards(resolver);
    }

    /**
     * {@code applyOptimisticLocking} as Hibernate 7.2/7.3 declare it; 7.4 never calls it. No {@code @Override}: the
     * 7.4 baseline lacks it. See {@link LegacyCoordinatorHooks}.
     */
    protected void applyOptimisticLocking(MutationGroupBuilder builder, Object[] loadedState,
            SharedSessionContractImplementor session) {
        LegacyCoordinatorHooks.applyOptimisticLocking(MethodHandles.lookup(), this, builder, loadedState, session);
        addGuards(builder::findTableDetailsBuilder);
    }

    private void addGuards(Function<String, RestrictedTableMutationBuilder<?, ?>> resolver) {
        PendingWrite write = CurrentWrite.of(entityPersister());
        for (String table : guardedTables()) {
            var builder = resolver.apply(table);
            if (builder != null) {
                if (write != null) {
                    write.plan().addRestrictions(builder);
                }
                else {
                    model().addStaticRestrictions(builder, true);
                }
            }
        }
    }

    @Override
    protected void applyStaticDeleteTableDetails(Object id, Object rowId, Object[] loadedState, Object version,
            boolean applyVersion, MutationExecutor mutationExecutor, SharedSessionContractImplementor session) {
        super.applyStaticDeleteTableDetails(id, rowId, loadedState, version, applyVersion, mutationExecutor, session);
        PendingWrite write = CurrentWrite.of(entityPersister());
        if (write != null && applyVersion) {
            write.plan().bind(mutationExecutor.getJdbcValueBindings());
        }
        if (write != null) {
            CurrentWrite.issued(write, session);
        }
    }

    @Override
    protected void applyDynamicDeleteTableDetails(Object id, Object rowId, Object[] loadedState,
            MutationExecutor mutationExecutor, MutationOperationGroup operationGroup,
            SharedSessionContractImplementor session) {
        super.applyDynamicDeleteTableDetails(id, rowId, loadedState, mutationExecutor, operationGroup, session);
        PendingWrite write = CurrentWrite.of(entityPersister());
        if (write != null) {
            var version = entityPersister().getVersionMapping();
            if (version != null && write.expectedVersion() != null) {
                // Hibernate's dynamic delete serves ALL/DIRTY locking and binds no version; ours keeps the check
                mutationExecutor.getJdbcValueBindings().bindValue(write.expectedVersion(),
                        entityPersister().physicalTableNameForMutation(version), version.getSelectionExpression(),
                        ParameterUsage.RESTRICT);
            }
            write.plan().bind(mutationExecutor.getJdbcValueBindings());
            CurrentWrite.issued(write, session);
        }
    }

    private Set<String> guardedTables() {
        Set<String> tables = new LinkedHashSet<>();
        for (Guard guard : model().guards()) {
            for (SelectableMapping column : guard.columns()) {
                tables.add(entityPersister().physicalTableNameForMutation(column));
            }
        }
        return tables;
    }

    /**
     * A guarded write of a {@code StatelessSession} is not batched: such a session has no flush that could report a
     * batch's conflicts, and Hibernate executes its batch at commit or at the end of {@code updateMultiple} /
     * {@code deleteMultiple}, where only its untyped {@code StaleObjectStateException} would surface. Executed on
     * its own, the statement's conflict is translated by {@link CurrentWrite}.
     */
    @Override
    protected BatchKeyAccess resolveBatchKeyAccess(boolean dynamicUpdate, SharedSessionContractImplementor session) {
        return StatelessWrites.unbatched(CurrentWrite.of(entityPersister()), session) ? NoBatchKeyAccess.INSTANCE
                : super.resolveBatchKeyAccess(dynamicUpdate, session);
    }
}
