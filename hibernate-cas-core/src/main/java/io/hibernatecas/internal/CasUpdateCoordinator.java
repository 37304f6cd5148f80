package io.hibernatecas.internal;

import org.hibernate.HibernateException;
import org.hibernate.StaleObjectStateException;
import org.hibernate.StaleStateException;
import org.hibernate.engine.jdbc.mutation.JdbcValueBindings;
import org.hibernate.engine.jdbc.mutation.ParameterUsage;
import org.hibernate.engine.jdbc.mutation.spi.BatchKeyAccess;
import org.hibernate.engine.jdbc.mutation.internal.ModelMutationHelper;
import org.hibernate.engine.jdbc.mutation.internal.MutationQueryOptions;
import org.hibernate.engine.jdbc.mutation.internal.NoBatchKeyAccess;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.generator.values.GeneratedValues;
import org.hibernate.metamodel.mapping.EntityVersionMapping;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.persister.entity.mutation.EntityTableMapping;
import org.hibernate.persister.entity.mutation.UpdateCoordinatorStandard;
import org.hibernate.sql.model.MutationOperation;
import org.hibernate.sql.model.MutationOperationGroup;
import org.hibernate.sql.model.MutationType;
import org.hibernate.sql.model.ast.builder.AbstractTableUpdateBuilder;
import org.hibernate.sql.model.ast.builder.TableUpdateBuilderStandard;
import org.hibernate.sql.model.internal.MutationOperationGroupFactory;
import org.hibernate.sql.model.jdbc.JdbcMutationOperation;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.Supplier;

/**
 * Hibernate's standard entity {@code UPDATE} with the {@link io.hibernatecas.Cas @Cas} guards added to its
 * {@code WHERE} clause, next to the version check.
 * <p>
 * <b>Hibernate internals touched here</b> (all in {@code org.hibernate.persister.entity.mutation}, which Hibernate
 * marks internal): the protected hooks {@code newTableUpdateBuilder} (static and dynamic SQL),
 * {@code performUpdate} (force dynamic SQL for a row that needs {@code IS NULL} or a {@code DIRTY} guard),
 * {@code handlePotentialImplicitForcedVersionIncrement}, {@code doVersionUpdate} and
 * {@code bindPartitionColumnValueBindings} (the one binding hook every update path calls). If an upgrade renames
 * one of them this class stops compiling, and {@link GuardedStatements} fails the bootstrap when a prebuilt
 * statement lacks a guard, so a change cannot go unnoticed.
 */
final class CasUpdateCoordinator extends UpdateCoordinatorStandard {

    private final GuardModel model;
    private final ConflictTranslator translator;
    private final AffectedRowsCheck affectedRows;
    /** The attribute written to make Hibernate update the identifier table; -1 for a single-table entity. */
    private final int identifierTableAnchor;

    CasUpdateCoordinator(EntityPersister persister, CasConfig config) {
        super(persister, persister.getFactory());
        this.model = GuardModel.of(persister);
        this.identifierTableAnchor = IdentifierTableAnchor.find(model);
        this.translator = new ConflictTranslator(config);
        this.affectedRows = new AffectedRowsCheck(config.failOnUnverifiable(),
                persister.isVersioned() || !model.isEmpty());
        GuardedStatements.verify(model, getStaticMutationOperationGroup(), false, "UPDATE");
        if (getVersionUpdateGroup() != null) {
            GuardedStatements.verify(model, getVersionUpdateGroup(), false, "version UPDATE");
        }
        if (!model.isEmpty()) {
            for (boolean nullValues : new boolean[] {false, true}) {
                PendingWrite probe = new PendingWrite(PendingWrite.Kind.UPDATE, persister, null, null, null, null,
                        RowPlan.everyGuard(model, nullValues), null);
                GuardedStatements.verifyShape(model, CurrentWrite.during(probe, this::dynamicUpdateOfEveryColumn),
                        nullValues, "dynamic UPDATE");
            }
        }
    }

    /**
     * The dynamic {@code UPDATE} of a row that changes every updatable attribute, built the way a flush builds it
     * (bootstrap self-check only: no session, nothing executed).
     */
    private MutationOperationGroup dynamicUpdateOfEveryColumn() {
        var persister = entityPersister();
        int attributes = persister.getAttributeMappings().size();
        Object[] values = new Object[attributes];
        int[] dirty = new int[attributes];
        for (int i = 0; i < attributes; i++) {
            dirty[i] = i;
        }
        boolean[] updatable = persister.getPropertyUpdateability();
        InclusionChecker included = (position, attribute) -> updatable[position];
        InclusionChecker notLocked = (position, attribute) -> false;
        UpdateValuesAnalysisImpl analysis;
        if (HibernateVersions.current() == HibernateVersions.Line.STATE_MANAGEMENT) {
            analysis = analyzeUpdateValues(null, values, null, values, dirty, included, notLocked, included, false,
                    null, true, null);
        }
        else {
            analysis = legacyAnalyzeUpdateValues(values, dirty, included, notLocked);
        }
        return generateDynamicUpdateGroup(null, null, null, values, analysis, null);
    }

    /** {@code analyzeUpdateValues} of 7.2/7.3, which lack 7.4's {@code restrictToTemporalExcluded} parameter. */
    private UpdateValuesAnalysisImpl legacyAnalyzeUpdateValues(Object[] values, int[] dirty, InclusionChecker included,
            InclusionChecker notLocked) {
        MethodType type = MethodType.methodType(UpdateValuesAnalysisImpl.class, Object.class, Object[].class,
                Object.class, Object[].class, int[].class, InclusionChecker.class, InclusionChecker.class,
                InclusionChecker.class, Object.class, boolean.class, SharedSessionContractImplementor.class);
        try {
            MethodHandle analyze = MethodHandles.lookup().findSpecial(UpdateCoordinatorStandard.class,
                    "analyzeUpdateValues", type, CasUpdateCoordinator.class);
            return (UpdateValuesAnalysisImpl) analyze.invoke(this, null, values, null, values, dirty, included,
                    notLocked, included, null, true, null);
        }
        catch (RuntimeException | Error e) {
            throw e;
        }
        catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The guards of this entity. */
    GuardModel guards() {
        return model;
    }

    private GuardModel model() {
        // the super constructor builds the static statements before this.model is assigned
        return model != null ? model : GuardModel.of(entityPersister());
    }

    @Override
    public GeneratedValues update(Object entity, Object id, Object rowId, Object[] values, Object oldVersion,
            Object[] incomingOldValues, int[] dirtyAttributeIndexes, boolean hasDirtyCollection,
            SharedSessionContractImplementor session) {
        ClientExpectations.Expectation client = ClientExpectations.of(session, entity);
        affectedRows.verify(session, entityPersister().getEntityName(), client != null);
        Object[] loaded = incomingOldValues != null ? incomingOldValues
                : LoadedStates.forWrite(model, entity, id, session);
        int[] dirtyIndexes = dirtyAttributeIndexes;
        if (dirtyIndexes == null && incomingOldValues == null && loaded != null && model.hasDirtyGuard()) {
            // a stateless update knows no dirty attributes and would write every column, also those of a DIRTY guard
            // it does not check: compare with the snapshot, as a flush does, so that only changed columns are written
            dirtyIndexes = entityPersister().findDirty(values, loaded, entity, session);
            if (dirtyIndexes == null) {
                dirtyIndexes = new int[0];
            }
        }
        int[] dirtyAttributes = dirtyIndexes;
        RowPlan plan = model.isEmpty() && client == null ? model.emptyPlan()
                : model.planUpdate(loaded, values, dirtyAttributes, session, client);
        EntityVersionMapping version = entityPersister().getVersionMapping();
        Object nextVersion = version == null ? null : values[version.getVersionAttribute().getStateArrayPosition()];
        Object expectedVersion = client != null && client.hasVersion() ? client.version() : oldVersion;
        PendingWrite write = new PendingWrite(PendingWrite.Kind.UPDATE, entityPersister(), entity, id, expectedVersion,
                nextVersion, plan, values, client != null);
        int[] dirty = identifierTableAnchor < 0 || plan.isEmpty() ? dirtyAttributes
                : IdentifierTableAnchor.include(model, identifierTableAnchor, dirtyAttributes,
                        expectedVersion, nextVersion, session);
        // CurrentWrite.execute inlined: a lambda here would be allocated for every row of every flush
        GeneratedValues generated;
        PendingWrite outer = CurrentWrite.enter(write, session);
        try {
            generated = super.update(entity, id, rowId, values, expectedVersion, incomingOldValues, dirty,
                    hasDirtyCollection, session);
            CurrentWrite.succeeded(write, session);
        }
        catch (StaleStateException e) {
            throw CurrentWrite.failed(write, session, translator, e);
        }
        finally {
            CurrentWrite.exit(outer);
        }
        if (incomingOldValues == null && !model.isEmpty()) {
            StatelessSnapshots.written(session, model, entity, values);
        }
        return generated;
    }

    @Override
    protected GeneratedValues performUpdate(Object entity, Object id, Object rowId, Object[] values, Object oldVersion,
            Object[] incomingOldValues, boolean hasDirtyCollection, SharedSessionContractImplementor session,
            EntityVersionMapping versionMapping, int[] dirtyAttributeIndexes, boolean[] attributeUpdateability,
            boolean forceDynamicUpdate, boolean temporalExcludedUpdate) {
        return super.performUpdate(entity, id, rowId, values, oldVersion, incomingOldValues, hasDirtyCollection,
                session, versionMapping, dirtyAttributeIndexes, attributeUpdateability, dynamic(forceDynamicUpdate),
                temporalExcludedUpdate);
    }

    /**
     * {@code performUpdate} as Hibernate 7.2/7.3 declare it (no {@code temporalExcludedUpdate}); 7.4 never calls
     * it. No {@code @Override}: the 7.4 baseline lacks it. See {@link LegacyCoordinatorHooks}.
     */
    protected GeneratedValues performUpdate(Object entity, Object id, Object rowId, Object[] values, Object oldVersion,
            Object[] incomingOldValues, boolean hasDirtyCollection, SharedSessionContractImplementor session,
            EntityVersionMapping versionMapping, int[] dirtyAttributeIndexes, boolean[] attributeUpdateability,
            boolean forceDynamicUpdate) {
        return LegacyCoordinatorHooks.performUpdate(MethodHandles.lookup(), this, entity, id, rowId, values,
                oldVersion, incomingOldValues, hasDirtyCollection, session, versionMapping, dirtyAttributeIndexes,
                attributeUpdateability, dynamic(forceDynamicUpdate));
    }

    /** Dynamic SQL for a row that needs {@code IS NULL} or a {@code DIRTY} guard. */
    private boolean dynamic(boolean forceDynamicUpdate) {
        PendingWrite write = CurrentWrite.of(entityPersister());
        return forceDynamicUpdate || write != null && write.plan().dynamic();
    }

    @Override
    protected Supplier<GeneratedValues> handlePotentialImplicitForcedVersionIncrement(Object entity, Object id,
            Object[] values, Object[] oldValues, Object oldVersion, int[] incomingDirtyAttributeIndexes,
            SharedSessionContractImplementor session, EntityVersionMapping versionMapping) {
        PendingWrite write = CurrentWrite.of(entityPersister());
        if (write != null && write.plan().dynamic()) {
            // the prebuilt version-only statement has no "IS NULL": take the full (dynamic) update path instead
            return null;
        }
        return super.handlePotentialImplicitForcedVersionIncrement(entity, id, values, oldValues, oldVersion,
                incomingDirtyAttributeIndexes, session, versionMapping);
    }

    @Override
    public void forceVersionIncrement(Object id, Object currentVersion, Object nextVersion,
            SharedSessionContractImplementor session) {
        forceVersionIncrement(id, currentVersion, nextVersion, false, session);
    }

    /**
     * A version-only {@code UPDATE} ({@code OPTIMISTIC_FORCE_INCREMENT}, {@code PESSIMISTIC_FORCE_INCREMENT}). It runs
     * unbatched, so a conflict is reported where it happens, often at commit, outside any flush.
     */
    @Override
    public void forceVersionIncrement(Object id, Object currentVersion, Object nextVersion, boolean batching,
            SharedSessionContractImplementor session) {
        if (getVersionUpdateGroup() == null) {
            throw new HibernateException("Cannot force version increment relative to subtype; use the root type");
        }
        var holder = session.getPersistenceContextInternal()
                .getEntityHolder(session.generateEntityKey(id, entityPersister()));
        Object entity = holder == null ? null : holder.getEntity();
        var entry = holder == null ? null : holder.getEntityEntry();
        Object[] loaded = entry != null && entry.getLoadedState() != null ? entry.getLoadedState()
                : LoadedStates.forWrite(model, entity, id, session);
        RowPlan plan = model.isEmpty() ? model.emptyPlan() : model.planVersionOnly(loaded, session);
        PendingWrite write = new PendingWrite(PendingWrite.Kind.VERSION_INCREMENT, entityPersister(), entity, id,
                currentVersion, nextVersion, plan, null);
        CurrentWrite.execute(write, session, translator, () -> plan.dynamic()
                ? dynamicVersionUpdate(id, nextVersion, currentVersion, plan, session)
                : doVersionUpdate(entity, id, nextVersion, currentVersion, false, loaded, session));
    }

    @Override
    protected <O extends MutationOperation> AbstractTableUpdateBuilder<O> newTableUpdateBuilder(
            EntityTableMapping tableMapping) {
        AbstractTableUpdateBuilder<O> builder = super.newTableUpdateBuilder(tableMapping);
        PendingWrite write = CurrentWrite.of(entityPersister());
        if (write != null) {
            write.plan().addRestrictions(builder);
        }
        else {
            model().addStaticRestrictions(builder, false);
        }
        return builder;
    }

    @Override
    protected void bindPartitionColumnValueBindings(Object[] loadedState, SharedSessionContractImplementor session,
            JdbcValueBindings jdbcValueBindings) {
        super.bindPartitionColumnValueBindings(loadedState, session, jdbcValueBindings);
        PendingWrite write = CurrentWrite.of(entityPersister());
        if (write != null) {
            write.plan().bind(jdbcValueBindings);
            // every update path binds here just before it executes or batches its statement
            CurrentWrite.issued(write, session);
        }
    }

    /** A version-only update for a row whose loaded guard value is null: {@code ... and col is null}. */
    private GeneratedValues dynamicVersionUpdate(Object id, Object nextVersion, Object currentVersion, RowPlan plan,
            SharedSessionContractImplementor session) {
        var persister = entityPersister();
        var table = persister.getIdentifierTableMapping();
        var version = persister.getVersionMapping();
        var builder = new TableUpdateBuilderStandard<JdbcMutationOperation>(persister, table, factory());
        builder.addValueColumn(version);
        builder.addKeyRestrictionsLeniently(table.getKeyMapping());
        builder.addOptimisticLockRestriction(version);
        plan.addRestrictions(builder);
        var operation = factory().getJdbcServices().getJdbcEnvironment().getSqlAstTranslatorFactory()
                .buildModelMutationTranslator(builder.buildMutation(), factory())
                .translate(null, MutationQueryOptions.INSTANCE);
        var group = MutationOperationGroupFactory.singleOperation(MutationType.UPDATE, persister, operation);
        var executor = mutationExecutorService.createExecutor(NoBatchKeyAccess.INSTANCE, group, session);
        try {
            var bindings = executor.getJdbcValueBindings();
            bindings.bindValue(nextVersion, table.getTableName(), version.getSelectionExpression(), ParameterUsage.SET);
            table.getKeyMapping().breakDownKeyJdbcValues(id, (value, column) -> bindings.bindValue(value,
                    table.getTableName(), column.getColumnName(), ParameterUsage.RESTRICT), session);
            bindings.bindValue(currentVersion, table.getTableName(), version.getSelectionExpression(),
                    ParameterUsage.RESTRICT);
            plan.bind(bindings);
            return executor.execute(null, null, null,
                    (details, rowCount, position) -> ModelMutationHelper.identifiedResultsCheck(details, rowCount,
                            position, persister, id, factory()),
                    session,
                    stale -> new StaleObjectStateException(persister.getEntityName(), id, stale));
        }
        finally {
            executor.release();
        }
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

    @Override
    protected BatchKeyAccess resolveUpdateVersionBatchKeyAccess(boolean dynamicUpdate,
            SharedSessionContractImplementor session) {
        return StatelessWrites.unbatched(CurrentWrite.of(entityPersister()), session) ? NoBatchKeyAccess.INSTANCE
                : super.resolveUpdateVersionBatchKeyAccess(dynamicUpdate, session);
    }
}
