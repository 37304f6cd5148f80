package io.hibernatecas.internal;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

import org.hibernate.SessionFactory;
import org.hibernate.context.internal.ManagedSessionContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.engine.transaction.jta.platform.internal.NoJtaPlatform;
import org.hibernate.engine.transaction.jta.platform.spi.JtaPlatform;

/**
 * Which transactions of a session factory are open on the calling thread, so that {@code CasRetry} can refuse to
 * start its own transaction inside one: its attempts would run on another connection and could wait for the open
 * transaction's row locks until every attempt timed out (for ever on PostgreSQL without {@code lock_timeout}).
 * <p>
 * Hibernate keeps no list of the sessions a thread uses, so this sees what it can:
 * <ul>
 * <li>a {@code CasRetry} already running on this thread ({@link #enterRetry()});</li>
 * <li>sessions of the factory that flushed, or ran a {@code CasOperations} write, on this thread and whose
 *     transaction is still active: the ones that can hold row locks ({@link #writing}, a thread-local list of weak
 *     references, pruned on every call, so a thread keeps at most the sessions it has open);</li>
 * <li>the session bound to the thread by Hibernate's {@code ManagedSessionContext}, with an active transaction;</li>
 * <li>an active JTA transaction on the thread, through the factory's {@code JtaPlatform}.</li>
 * </ul>
 * A transaction opened on the thread that has neither written through Hibernate nor is bound to a context (a
 * read-only transaction, a Spring transaction before its first flush, plain JDBC) is not seen.
 * <p>
 * <b>Hibernate SPI touched here</b>: {@code JtaPlatform#getCurrentStatus} (SPI), {@code NoJtaPlatform} and
 * {@code ManagedSessionContext#hasBind} (internal, public static).
 */
public final class OpenTransactions {

    private static final int JTA_ACTIVE = 0; // jakarta.transaction.Status.STATUS_ACTIVE
    private static final int JTA_MARKED_ROLLBACK = 1; // jakarta.transaction.Status.STATUS_MARKED_ROLLBACK

    private static final ThreadLocal<List<WeakReference<SharedSessionContractImplementor>>> WRITING =
            new ThreadLocal<>();
    private static final ThreadLocal<int[]> RETRYING = ThreadLocal.withInitial(() -> new int[1]);

    private OpenTransactions() {
    }

    /** Notes that {@code session} wrote on this thread inside its transaction, so that it may hold row locks. */
    static void writing(SharedSessionContractImplementor session) {
        List<WeakReference<SharedSessionContractImplementor>> sessions = WRITING.get();
        if (sessions == null) {
            sessions = new ArrayList<>(2);
            WRITING.set(sessions);
        }
        boolean known = false;
        for (int i = sessions.size() - 1; i >= 0; i--) {
            SharedSessionContractImplementor other = sessions.get(i).get();
            if (other == null || other.isClosed()) {
                sessions.remove(i);
            }
            else {
                known |= other == session;
            }
        }
        if (!known) {
            sessions.add(new WeakReference<>(session));
        }
    }

    /** Marks the start of a {@code CasRetry} on this thread; {@link #exitRetry()} must follow in a finally. */
    public static void enterRetry() {
        RETRYING.get()[0]++;
    }

    public static void exitRetry() {
        int[] depth = RETRYING.get();
        if (--depth[0] <= 0) {
            RETRYING.remove();
        }
    }

    /**
     * What shows that a transaction of {@code factory} is open on this thread, in words for a message, or
     * {@code null} when nothing does.
     */
    public static String openOnThisThread(SessionFactoryImplementor factory) {
        if (RETRYING.get()[0] > 0) {
            return "a CasRetry is already running on this thread";
        }
        List<WeakReference<SharedSessionContractImplementor>> sessions = WRITING.get();
        if (sessions != null) {
            for (WeakReference<SharedSessionContractImplementor> reference : sessions) {
                SharedSessionContractImplementor session = reference.get();
                if (session != null && session.getFactory() == factory && session.isOpen()
                        && session.isTransactionInProgress()) {
                    return "a session of this factory has written in a transaction that is still active";
                }
            }
        }
        if (ManagedSessionContext.hasBind(factory)
                && new ManagedSessionContext(factory).currentSession() instanceof SharedSessionContractImplementor bound
                && bound.isOpen() && bound.isTransactionInProgress()) {
            return "a session of this factory is bound to the thread (ManagedSessionContext) with an active "
                    + "transaction";
        }
        return jtaTransaction(factory);
    }

    private static String jtaTransaction(SessionFactory factory) {
        JtaPlatform platform = ((SessionFactoryImplementor) factory).getServiceRegistry()
                .getService(JtaPlatform.class);
        if (platform == null || platform instanceof NoJtaPlatform) {
            return null;
        }
        try {
            int status = platform.getCurrentStatus();
            return status == JTA_ACTIVE || status == JTA_MARKED_ROLLBACK
                    ? "a JTA transaction is active on this thread" : null;
        }
        catch (Exception e) {
            // a platform that cannot tell (no transaction manager reachable): nothing seen
            return null;
        }
    }
}
