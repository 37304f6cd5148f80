package io.hibernatecas.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.StaleStateException;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * The guarded statements of the flush running on this thread, in the order the coordinators issued them, and the
 * row count each one got.
 * <p>
 * A flush runs on the caller's thread from start to end, and JDBC batches are executed before it returns, so a
 * thread-local journal opened by the flush listener sees every statement of that flush and nothing else. It is
 * tied to the session so that a flush of another session on the same thread (rare, but legal) keeps its own.
 * Outside a flush (a {@code StatelessSession}, a forced version increment at commit) there is no journal and the
 * coordinator reports a conflict itself.
 * <p>
 * <b>Row counts of a batch.</b> Hibernate checks a batch's row counts in order and stops at the first row that
 * matched nothing, so the rows after it in the same batch were executed but never checked: a row updated once by
 * another transaction then looks exactly like a row this flush updated (same version). The journal therefore keeps,
 * per entity, the writes added to the JDBC batch in order ({@link #batched}); {@link CasRowCountExpectation} maps each
 * batch position to its write, records every row's outcome, and raises the failure only at the batch's last row.
 * {@link #throwDeferred()} is the safety net: a failure recorded but not raised yet is raised when the coordinator
 * or the flush regains control.
 */
final class FlushJournal implements AutoCloseable {

    /**
     * What became of one write's statement: handed to Hibernate for execution or batching ({@code ISSUED}), then
     * the row count the database answered ({@code APPLIED}, {@code FAILED}). A write without an outcome never reached
     * execution.
     */
    enum Outcome { ISSUED, APPLIED, FAILED }

    private static final ThreadLocal<FlushJournal> CURRENT = new ThreadLocal<>();

    private final SharedSessionContractImplementor session;
    private final FlushJournal outer;
    // Every flush opens a journal, also one with nothing guarded to write (the flush at each commit): the lists
    // allocate on their first element, the maps are created by the first write.
    private final List<PendingWrite> writes = new ArrayList<>();
    private Map<PendingWrite, Outcome> outcomes;
    private Map<String, List<PendingWrite>> batched;
    private final List<PendingWrite> failures = new ArrayList<>();
    private StaleStateException deferred;

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

    /** The innermost journal on this thread (the flush whose statements JDBC is executing), or {@code null}. */
    static FlushJournal onThisThread() {
        return CURRENT.get();
    }

    void add(PendingWrite write) {
        writes.add(write);
    }

    List<PendingWrite> writes() {
        return writes;
    }

    /** The outcome of each write whose row count was checked; a write missing here was not (or not yet) executed. */
    Map<PendingWrite, Outcome> outcomes() {
        return outcomes == null ? Map.of() : outcomes;
    }

    /** The writes whose statement matched no row, in the order the database reported them. */
    List<PendingWrite> failures() {
        return failures;
    }

    /**
     * {@code write} is about to be executed or added to the JDBC batch of its entity; a {@linkplain
     * PendingWrite#tracked() tracked} write is listed under its batch, so that its row count can be mapped to it.
     */
    void issued(PendingWrite write) {
        outcomesToWrite().putIfAbsent(write, Outcome.ISSUED);
        if (write.tracked()) {
            if (batched == null) {
                batched = new HashMap<>();
            }
            batched.computeIfAbsent(write.persister().getRootEntityName(), name -> new ArrayList<>()).add(write);
        }
    }

    /** The writes of the hierarchy of {@code rootEntityName} waiting in (or being checked from) the JDBC batch. */
    List<PendingWrite> batched(String rootEntityName) {
        List<PendingWrite> list = batched == null ? null : batched.get(rootEntityName);
        return list == null ? List.of() : list;
    }

    /** Records the row count of {@code write}; a statement executed on its own leaves the batch list. */
    void record(PendingWrite write, boolean applied, boolean single) {
        if (single) {
            List<PendingWrite> list = batched == null ? null : batched.get(write.persister().getRootEntityName());
            if (list != null && !list.isEmpty() && list.get(list.size() - 1) == write) {
                list.remove(list.size() - 1);
            }
        }
        if (applied) {
            outcomesToWrite().merge(write, Outcome.APPLIED, (old, now) -> old == Outcome.FAILED ? old : now);
        }
        else if (outcomesToWrite().put(write, Outcome.FAILED) != Outcome.FAILED) {
            failures.add(write);
        }
    }

    private Map<PendingWrite, Outcome> outcomesToWrite() {
        if (outcomes == null) {
            outcomes = new IdentityHashMap<>();
        }
        return outcomes;
    }

    /** A failure found in a batch before its last row: raised when the batch's last row has been checked. */
    void defer(StaleStateException failure) {
        if (deferred == null) {
            deferred = failure;
        }
    }

    /** The deferred failure, cleared; {@code null} when there is none. */
    StaleStateException takeDeferred() {
        StaleStateException failure = deferred;
        deferred = null;
        return failure;
    }

    /** Raises a failure that a batch recorded but whose last row was never checked. */
    void throwDeferred() {
        StaleStateException failure = takeDeferred();
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        // set, not remove(): the thread's map entry stays for the next flush instead of being allocated again
        CURRENT.set(outer);
    }
}
