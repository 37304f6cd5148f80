package io.hibernatecas.internal;

import java.util.List;
import java.util.function.Supplier;

import org.hibernate.StaleStateException;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.persister.entity.EntityPersister;

/**
 * The write a coordinator is executing on this thread, so that the hooks Hibernate calls in the middle of it
 * (building a dynamic statement, binding parameters) can see that row's {@link RowPlan}.
 * <p>
 * Why a thread-local: Hibernate's coordinators are shared by all sessions and their protected hooks do not carry
 * the loaded state, so the row's plan cannot travel as an argument. It is set just before delegating to Hibernate
 * and restored in {@code finally}; nothing outlives the call.
 */
final class CurrentWrite {

    private static final ThreadLocal<PendingWrite> WRITE = new ThreadLocal<>();

    private CurrentWrite() {
    }

    /** The write in progress for {@code persister}, or {@code null}. */
    static PendingWrite of(EntityPersister persister) {
        PendingWrite write = WRITE.get();
        return write != null && write.persister() == persister ? write : null;
    }

    /**
     * Records {@code write} in the flush journal, runs Hibernate's statement with it as the current write, and, when
     * no flush listener is there to do it (a {@code StatelessSession}, a forced version increment at commit),
     * turns a zero-row result into the typed conflict itself.
     */
    static <T> T execute(PendingWrite write, SharedSessionContractImplementor session, ConflictTranslator translator,
            Supplier<T> statement) {
        FlushJournal journal = FlushJournal.current(session);
        if (journal != null) {
            journal.add(write);
        }
        PendingWrite outer = WRITE.get();
        WRITE.set(write);
        try {
            T result = statement.get();
            if (write.clientHeld()) {
                ClientExpectations.fulfilled(session, write.entity());
            }
            return result;
        }
        catch (StaleStateException e) {
            if (journal == null) {
                var conflict = translator.translate(session, e, List.of(write));
                if (conflict != null) {
                    throw conflict;
                }
            }
            throw e;
        }
        finally {
            if (outer == null) {
                WRITE.remove();
            }
            else {
                WRITE.set(outer);
            }
        }
    }
}
