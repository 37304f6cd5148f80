package io.hibernatecas.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.engine.spi.Status;
import org.hibernate.persister.entity.EntityPersister;

/**
 * The writes a failed flush had not reached yet. When a JDBC batch fails, the statements of later batches were
 * never issued, so the coordinators never saw them; yet a conflict in one of those rows is as real as the one that
 * failed. Hibernate updates an entity's snapshot only after its statement ran, so at that moment the persistence
 * context still tells which managed entities differ from their snapshot and which are scheduled for deletion.
 * <p>
 * This runs only after a failure: a successful flush pays nothing for it.
 */
final class UnexecutedWrites {

    private UnexecutedWrites() {
    }

    static List<PendingWrite> find(SharedSessionContractImplementor session, List<PendingWrite> executed) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        executed.forEach(write -> seen.add(write.entity()));
        List<PendingWrite> pending = new ArrayList<>();
        for (var entry : session.getPersistenceContextInternal().reentrantSafeEntityEntries()) {
            Object entity = entry.getKey();
            EntityEntry state = entry.getValue();
            EntityPersister persister = state.getPersister();
            Object[] loaded = state.getLoadedState();
            if (seen.contains(entity) || loaded == null || !(persister.getUpdateCoordinator() instanceof CasUpdateCoordinator)) {
                continue;
            }
            GuardModel model = GuardModel.of(persister);
            if (state.getStatus() == Status.DELETED) {
                pending.add(new PendingWrite(PendingWrite.Kind.DELETE, persister, entity, state.getId(),
                        state.getVersion(), null, model.planDelete(loaded, session), null));
            }
            else if (state.getStatus() == Status.MANAGED) {
                Object[] values = persister.getValues(entity);
                int[] dirty = persister.findDirty(values, loaded, entity, session);
                if (dirty != null && dirty.length > 0) {
                    pending.add(new PendingWrite(PendingWrite.Kind.UPDATE, persister, entity, state.getId(),
                            state.getVersion(), null, model.planUpdate(loaded, values, dirty, session), values));
                }
            }
        }
        return pending;
    }
}
