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

    /** The write in progress on this thread, whatever its entity, or {@code null}. */
    static PendingWrite current() {
        return WRITE.get();
    }

    /** {@code write} is about to be executed or batched: the flush journal records it (see {@link FlushJournal}). */
    static void issued(PendingWrite write, SharedSessionContractImplementor session) {
        FlushJournal journal = FlushJournal.current(session);
        if (journal != null) {
            journal.issued(write);
        }
    }

    /** Runs {@code work} with {@code write} as the current write, outside any session (bootstrap self-check). */
    static <T> T during(PendingWrite write, Supplier<T> work) {
        PendingWrite outer = WRITE.get();
        WRITE.set(write);
        try {
            return work.get();
        }
        finally {
            WRITE.set(outer);
        }
    }

    /**
     * Records {@code write} in the flush journal, runs Hibernate's statement with it as the current write, and, when
     * no flush listener is there to do it (a {@code StatelessSession}, a forced version increment at commit),
     * turns a zero-row result into the typed conflict itself. The row-by-row paths use {@link #enter},
     * {@link #succeeded}, {@link #failed} and {@link #exit} directly, so that no lambda is allocated per row.
     */
    static <T> T execute(PendingWrite write, SharedSessionContractImplementor session, ConflictTranslator translator,
            Supplier<T> statement) {
        PendingWrite outer = enter(write, session);
        try {
            T result = statement.get();
            succeeded(write, session);
            return result;
        }
        catch (StaleStateException e) {
            throw failed(write, session, translator, e);
        }
        finally {
            exit(outer);
        }
    }

    /**
     * Records {@code write} in the flush journal and makes it the current write; returns the write it replaces,
     * to be handed to {@link #exit} in {@code finally}.
     */
    static PendingWrite enter(PendingWrite write, SharedSessionContractImplementor session) {
        FlushJournal journal = FlushJournal.current(session);
        if (journal != null) {
            journal.add(write);
        }
        PendingWrite outer = WRITE.get();
        WRITE.set(write);
        return outer;
    }

    /**
     * The statement of {@code write} succeeded: a client's stated view of the entity is now written. A batch
     * failure that was recorded but not raised yet (see {@link FlushJournal#throwDeferred}) is raised here.
     */
    static void succeeded(PendingWrite write, SharedSessionContractImplementor session) {
        FlushJournal journal = FlushJournal.current(session);
        if (journal != null) {
            journal.throwDeferred();
        }
        if (write.clientHeld()) {
            ClientExpectations.fulfilled(session, write.entity());
        }
    }

    /**
     * The statement of {@code write} found no row: outside a flush, the typed conflict to throw; in a flush
     * (whose listener translates it with every row of the flush), {@code stale} itself.
     */
    static RuntimeException failed(PendingWrite write, SharedSessionContractImplementor session,
            ConflictTranslator translator, StaleStateException stale) {
        if (FlushJournal.current(session) == null) {
            var conflict = translator.translate(session, stale, List.of(write));
            if (conflict != null) {
                return conflict;
            }
        }
        return stale;
    }

    /**
     * Restores the write that {@link #enter} replaced. The entry is set to {@code null} rather than removed: it holds
     * no reference either way, and a removed entry would be allocated again by the next row's {@link #enter}.
     */
    static void exit(PendingWrite outer) {
        WRITE.set(outer);
    }
}
