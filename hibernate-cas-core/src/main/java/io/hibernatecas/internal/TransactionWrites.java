package io.hibernatecas.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.hibernate.SessionEventListener;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * The rows a session's current transaction wrote through a guarded statement (the {@link FlushJournal} of each
 * flush that went through) or a {@code CasOperations} row operation, kept so that a failure at {@code COMMIT},
 * after the flush journal is gone, can still say what was lost: a MariaDB Galera cluster refuses a transaction
 * whose write set conflicts with one another node committed first only at commit ("certification failure",
 * reported as deadlock 1213), when the statements have long succeeded.
 * <p>
 * Lifecycle, driven by a {@link SessionEventListener} registered with the first write of a session: a successful
 * transaction completion forgets the writes; a failed one keeps them, frozen, until the next write of the session
 * (a new transaction), the next completion, or the end of the session, which drops the entry. Only a journal reference is kept per
 * flush; entity names and identifiers are computed when a failure asks for them.
 */
final class TransactionWrites {

    private static final Map<SharedSessionContractImplementor, TransactionWrites> BY_SESSION =
            new ConcurrentHashMap<>();

    // Created with the first entry: a session that writes through a row operation only has no flushes to keep.
    private List<List<PendingWrite>> flushes;
    /**
     * The rows of row operations, entity name and identifier alternating, in the order written, repeats included:
     * a flat list, because it is appended to on every operation and read only when a commit fails.
     */
    private List<Object> operations;
    private boolean failed;

    private TransactionWrites() {
    }

    /** The guarded statements of a flush that went through. */
    static void flushed(SharedSessionContractImplementor session, List<PendingWrite> writes) {
        if (!writes.isEmpty()) {
            TransactionWrites transaction = of(session);
            if (transaction.flushes == null) {
                transaction.flushes = new ArrayList<>(2);
            }
            transaction.flushes.add(writes);
        }
    }

    /** A row that a {@code CasOperations} statement changed. */
    static void operated(SharedSessionContractImplementor session, String entityName, Object id) {
        TransactionWrites transaction = of(session);
        if (transaction.operations == null) {
            transaction.operations = new ArrayList<>(4);
        }
        transaction.operations.add(entityName);
        transaction.operations.add(id);
    }

    /**
     * The rows the last transaction of {@code session} had written when it failed to complete, by entity name in
     * the order written, each identifier once; empty when it wrote none or did not fail.
     */
    static Map<String, List<Object>> ofFailedTransaction(SharedSessionContractImplementor session) {
        TransactionWrites writes = BY_SESSION.get(session);
        if (writes == null || !writes.failed) {
            return Map.of();
        }
        Map<String, Set<Object>> rows = new LinkedHashMap<>();
        if (writes.flushes != null) {
            for (List<PendingWrite> flush : writes.flushes) {
                for (PendingWrite write : flush) {
                    rows.computeIfAbsent(write.entityName(), name -> new LinkedHashSet<>()).add(write.id());
                }
            }
        }
        if (writes.operations != null) {
            for (int i = 0; i < writes.operations.size(); i += 2) {
                rows.computeIfAbsent((String) writes.operations.get(i), name -> new LinkedHashSet<>())
                        .add(writes.operations.get(i + 1));
            }
        }
        Map<String, List<Object>> result = new LinkedHashMap<>();
        rows.forEach((name, ids) -> result.put(name, List.copyOf(ids)));
        return result;
    }

    private static TransactionWrites of(SharedSessionContractImplementor session) {
        TransactionWrites writes = BY_SESSION.computeIfAbsent(session, s -> {
            TransactionWrites created = new TransactionWrites();
            s.getEventListenerManager().addListener(new SessionEventListener() {
                @Override
                public void transactionCompletion(boolean successful) {
                    // still frozen: the writes are an earlier transaction's, this one wrote nothing tracked
                    if (successful || created.failed) {
                        created.clear();
                    }
                    created.failed = !successful;
                }

                @Override
                public void end() {
                    BY_SESSION.remove(s);
                }
            });
            return created;
        });
        if (writes.failed) {
            writes.clear();
        }
        return writes;
    }

    private void clear() {
        flushes = null;
        operations = null;
        failed = false;
    }
}
