package io.hibernatecas.internal;

import java.util.List;

import org.hibernate.StaleObjectStateException;
import org.hibernate.event.spi.MergeContext;
import org.hibernate.event.spi.MergeEvent;
import org.hibernate.event.spi.MergeEventListener;

/**
 * Wraps the merge listeners registered before us. Merging a detached instance whose version is older than the row's
 * fails inside Hibernate's merge, before any flush, with a bare {@link StaleObjectStateException}; this turns it
 * into the typed conflict, diagnosed like a failed flush (expected = what the detached instance holds).
 */
final class CasMergeListener implements MergeEventListener {

    private final List<MergeEventListener> delegates;
    private final ConflictTranslator translator;

    CasMergeListener(List<MergeEventListener> delegates, ConflictTranslator translator) {
        this.delegates = List.copyOf(delegates);
        this.translator = translator;
    }

    @Override
    public void onMerge(MergeEvent event) {
        guarded(event, () -> delegates.forEach(listener -> listener.onMerge(event)));
    }

    @Override
    public void onMerge(MergeEvent event, MergeContext copiedAlready) {
        guarded(event, () -> delegates.forEach(listener -> listener.onMerge(event, copiedAlready)));
    }

    private void guarded(MergeEvent event, Runnable merge) {
        try {
            merge.run();
        }
        catch (StaleObjectStateException e) {
            var session = event.getSession();
            Object detached = event.getOriginal();
            var persister = session.getEntityPersister(event.getEntityName(), detached);
            if (!(persister.getUpdateCoordinator() instanceof CasUpdateCoordinator coordinator)) {
                throw e;
            }
            Object[] values = persister.getValues(detached);
            Object version = persister.isVersioned() ? persister.getVersion(detached) : null;
            PendingWrite write = new PendingWrite(PendingWrite.Kind.UPDATE, persister, detached, e.getIdentifier(),
                    version, null, coordinator.guards().planDelete(values, session), values);
            var conflict = translator.translate(session, e, List.of(write));
            if (conflict != null) {
                // plain Hibernate's merge() converts e to an OptimisticLockException: ours is one
                throw conflict.getConflictException();
            }
            throw e;
        }
    }
}
