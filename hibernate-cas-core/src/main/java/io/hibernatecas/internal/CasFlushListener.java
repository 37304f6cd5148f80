package io.hibernatecas.internal;

import java.util.ArrayList;
import java.util.List;

import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.SnapshotIsolationException;
import org.hibernate.event.spi.AutoFlushEvent;
import org.hibernate.event.spi.AutoFlushEventListener;
import org.hibernate.event.spi.EventSource;
import org.hibernate.event.spi.FlushEvent;
import org.hibernate.event.spi.FlushEventListener;

/**
 * Wraps the flush and auto-flush listeners that were registered before us (Hibernate's defaults and any other
 * integrator's): opens the {@link FlushJournal} the coordinators write to, runs the flush, and turns a
 * {@link StaleStateException} for a guarded row into the typed conflict, with one diagnostic read for the whole
 * flush; likewise MariaDB's "record has changed since last read" ({@link SnapshotIsolationException}, error 1020
 * under {@code innodb_snapshot_isolation=ON}) when the row is known ({@link SnapshotConflicts}). A flush without
 * a conflict costs one small list, and the session keeps a reference to it until its transaction ends
 * ({@link TransactionWrites}), so that a failure at commit can name the rows.
 */
final class CasFlushListener implements FlushEventListener, AutoFlushEventListener {

    private final List<FlushEventListener> flushDelegates;
    private final List<AutoFlushEventListener> autoFlushDelegates;
    private final ConflictTranslator translator;

    CasFlushListener(List<FlushEventListener> flushDelegates, List<AutoFlushEventListener> autoFlushDelegates,
            ConflictTranslator translator) {
        this.flushDelegates = List.copyOf(flushDelegates);
        this.autoFlushDelegates = List.copyOf(autoFlushDelegates);
        this.translator = translator;
    }

    @Override
    public void onFlush(FlushEvent event) {
        guarded(event.getSession(), event, null);
    }

    @Override
    public void onAutoFlush(AutoFlushEvent event) {
        guarded(event.getSession(), null, event);
    }

    /** Runs the delegates of {@code flush} or of {@code autoFlush} (the other is {@code null}) inside a journal. */
    private void guarded(EventSource session, FlushEvent flush, AutoFlushEvent autoFlush) {
        try (FlushJournal journal = FlushJournal.open(session)) {
            try {
                // indexed loops, not forEach: no capturing lambda per flush (one flush per transaction at least)
                if (flush != null) {
                    for (int i = 0; i < flushDelegates.size(); i++) {
                        flushDelegates.get(i).onFlush(flush);
                    }
                    UnwrittenExpectations.verify(session, translator);
                }
                else {
                    for (int i = 0; i < autoFlushDelegates.size(); i++) {
                        autoFlushDelegates.get(i).onAutoFlush(autoFlush);
                    }
                }
                journal.throwDeferred();
                TransactionWrites.flushed(session, journal.writes());
                if (session.isTransactionInProgress()) {
                    OpenTransactions.writing(session);
                }
            }
            catch (StaleStateException e) {
                List<PendingWrite> writes = new ArrayList<>(journal.writes());
                writes.addAll(UnexecutedWrites.find(session, journal.writes()));
                var conflict = translator.translate(session, e, writes, journal.outcomes(), journal.failures());
                if (conflict != null) {
                    // plain Hibernate's converter would make an OptimisticLockException of e: ours is one
                    throw conflict.getConflictException();
                }
                throw e;
            }
            catch (ConstraintViolationException e) {
                throw ReferenceConflicts.translate(e);
            }
            catch (SnapshotIsolationException e) {
                PendingWrite failed = SnapshotConflicts.failedWrite(session, e, journal.writes());
                if (failed != null) {
                    List<PendingWrite> writes = new ArrayList<>(journal.writes());
                    writes.addAll(UnexecutedWrites.find(session, journal.writes()));
                    // the JPA view, as for a zero-row result; its cause chain ends in Hibernate's exception
                    throw translator.translate(session, e, failed, writes).getConflictException();
                }
                throw e;
            }
        }
    }
}
