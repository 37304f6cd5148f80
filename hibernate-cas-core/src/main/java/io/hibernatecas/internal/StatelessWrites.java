package io.hibernatecas.internal;

import org.hibernate.engine.spi.SharedSessionContractImplementor;

/** Which writes of a {@code StatelessSession} the coordinators keep out of JDBC batches. */
final class StatelessWrites {

    private StatelessWrites() {
    }

    /** A write with guards, or with values a client stated, issued by a stateless session. */
    static boolean unbatched(PendingWrite write, SharedSessionContractImplementor session) {
        return write != null && session.isStateless() && !write.plan().isEmpty();
    }
}
