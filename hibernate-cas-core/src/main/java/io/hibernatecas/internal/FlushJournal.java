package io.hibernatecas.internal;

import java.util.ArrayList;
import java.util.List;

import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * The guarded statements of the flush running on this thread, in the order the coordinators issued them.
 * <p>
 * A flush runs on the caller's thread from start to end, and JDBC batches are executed before it returns, so a
 * thread-local journal opened by the flush listener sees every statement of that flush and nothing else. It is
 * tied to the session so that a flush of another session on the same thread (rare, but legal) keeps its own.
 * Outside a flush (a {@code StatelessSession}, a forced version increment at commit) there is no journal and the
 * coordinator reports a conflict itself.
 */
final class FlushJournal implements AutoCloseable {

    private static final ThreadLocal<FlushJournal> CURRENT = new ThreadLocal<>();

    private final SharedSessionContractImplementor session;
    private final FlushJournal outer;
    private final List<PendingWrite> writes = new ArrayList<>();

    private FlushJournal(SharedSessionContractImplementor session, FlushJournal outer) {
        this.session = session;
        this.outer = outer;
    }

    static FlushJournal open(SharedSessionContractImplementor session) {
        FlushJournal journal = new FlushJournal(session, CURRENT.get());
        CURRENT.set(journal);
        return journal;
    }

    /** The journal of the flush of {@code session} running on this thread, or {@code null}. */
    static FlushJournal current(SharedSessionContractImplementor session) {
        for (FlushJournal journal = CURRENT.get(); journal != null; journal = journal.outer) {
            if (journal.session == session) {
                return journal;
            }
        }
        return null;
    }

    void add(PendingWrite write) {
        writes.add(write);
    }

    List<PendingWrite> writes() {
        return writes;
    }

    @Override
    public void close() {
        if (outer == null) {
            CURRENT.remove();
        }
        else {
            CURRENT.set(outer);
        }
    }
}
