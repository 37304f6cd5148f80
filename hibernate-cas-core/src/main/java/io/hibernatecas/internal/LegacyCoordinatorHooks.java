package io.hibernatecas.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.generator.values.GeneratedValues;
import org.hibernate.metamodel.mapping.EntityVersionMapping;
import org.hibernate.persister.entity.mutation.DeleteCoordinatorStandard;
import org.hibernate.persister.entity.mutation.UpdateCoordinatorStandard;
import org.hibernate.sql.model.ast.builder.MutationGroupBuilder;

/**
 * The {@code super} calls of the two coordinator hooks whose signature in Hibernate 7.2/7.3 differs from the 7.4
 * baseline we compile against, so {@code super.x(...)} cannot be written:
 * <ul>
 *   <li>{@code UpdateCoordinatorStandard#performUpdate}: 7.2/7.3 lack 7.4's last parameter
 *       {@code temporalExcludedUpdate};</li>
 *   <li>{@code DeleteCoordinatorStandard#applyOptimisticLocking}: 7.2/7.3 take the {@code MutationGroupBuilder},
 *       7.4 takes the lock style and a table-to-builder function.</li>
 * </ul>
 * {@link CasUpdateCoordinator} and {@link CasDeleteCoordinator} declare the 7.2/7.3 signature next to the 7.4 one
 * (only the running Hibernate calls one of them) and reach the super method through a {@code invokespecial} method
 * handle made here from their own {@code Lookup}. The handles are resolved on first use, which happens only on
 * 7.2/7.3; on 7.4 this class is never used.
 */
final class LegacyCoordinatorHooks {

    private static final MethodType PERFORM_UPDATE = MethodType.methodType(GeneratedValues.class, Object.class,
            Object.class, Object.class, Object[].class, Object.class, Object[].class, boolean.class,
            SharedSessionContractImplementor.class, EntityVersionMapping.class, int[].class, boolean[].class,
            boolean.class);

    private static final MethodType APPLY_OPTIMISTIC_LOCKING = MethodType.methodType(void.class,
            MutationGroupBuilder.class, Object[].class, SharedSessionContractImplementor.class);

    private static volatile MethodHandle performUpdate;
    private static volatile MethodHandle applyOptimisticLocking;

    private LegacyCoordinatorHooks() {
    }

    /** {@code super.performUpdate(...)} with the 7.2/7.3 signature, called from {@link CasUpdateCoordinator}. */
    static GeneratedValues performUpdate(MethodHandles.Lookup caller, CasUpdateCoordinator self, Object entity,
            Object id, Object rowId, Object[] values, Object oldVersion, Object[] incomingOldValues,
            boolean hasDirtyCollection, SharedSessionContractImplementor session, EntityVersionMapping versionMapping,
            int[] dirtyAttributeIndexes, boolean[] attributeUpdateability, boolean forceDynamicUpdate) {
        MethodHandle handle = performUpdate;
        if (handle == null) {
            handle = superMethod(caller, UpdateCoordinatorStandard.class, "performUpdate", PERFORM_UPDATE);
            performUpdate = handle;
        }
        try {
            return (GeneratedValues) handle.invokeExact(self, entity, id, rowId, values, oldVersion,
                    incomingOldValues, hasDirtyCollection, session, versionMapping, dirtyAttributeIndexes,
                    attributeUpdateability, forceDynamicUpdate);
        }
        catch (RuntimeException | Error e) {
            throw e;
        }
        catch (Throwable e) {
            // performUpdate declares no checked exception
            throw new IllegalStateException(e);
        }
    }

    /** {@code super.applyOptimisticLocking(...)} with the 7.2/7.3 signature, from {@link CasDeleteCoordinator}. */
    static void applyOptimisticLocking(MethodHandles.Lookup caller, CasDeleteCoordinator self,
            MutationGroupBuilder builder, Object[] loadedState, SharedSessionContractImplementor session) {
        MethodHandle handle = applyOptimisticLocking;
        if (handle == null) {
            handle = superMethod(caller, DeleteCoordinatorStandard.class, "applyOptimisticLocking",
                    APPLY_OPTIMISTIC_LOCKING);
            applyOptimisticLocking = handle;
        }
        try {
            handle.invokeExact(self, builder, loadedState, session);
        }
        catch (RuntimeException | Error e) {
            throw e;
        }
        catch (Throwable e) {
            // applyOptimisticLocking declares no checked exception
            throw new IllegalStateException(e);
        }
    }

    private static MethodHandle superMethod(MethodHandles.Lookup caller, Class<?> declaring, String name,
            MethodType type) {
        try {
            return caller.findSpecial(declaring, name, type, caller.lookupClass());
        }
        catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("Hibernate " + org.hibernate.Version.getVersionString() + " has no "
                    + declaring.getSimpleName() + "#" + name + type + " that hibernate-cas can call", e);
        }
    }
}
