package io.hibernatecas.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.hibernatecas.CasStaleObjectStateException;

import org.hibernate.StaleObjectStateException;
import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.engine.spi.Status;

/**
 * The check of client-held versions and values ({@code CasOperations.expectVersion/expectValues}) that no
 * statement of the flush carried: the entity was not dirty, so Hibernate wrote nothing for it. An HTTP PUT whose
 * body equals the current state but whose {@code If-Match} is stale must still be refused, so after a successful
 * flush each such row is read once ({@link ConflictDiagnosis}: {@code select id, version, <stated columns> from t
 * where id in (...)}, one statement per entity type) and compared with what the client stated, exactly as the
 * diagnosis of a failed flush compares. A difference fails the flush with the conflict (412, or 404 when the row is
 * gone); a match fulfils the expectation, as a successful {@code UPDATE} carrying it would have.
 * <p>
 * Nothing is locked: the transaction writes nothing for these rows, so it is enough that they were as the client
 * stated when the flush ran (a change committed afterwards is ordered after this transaction). Costs nothing when
 * no expectation is pending.
 */
final class UnwrittenExpectations {

    private UnwrittenExpectations() {
    }

    static void verify(SharedSessionContractImplementor session, ConflictTranslator translator) {
        Map<Object, ClientExpectations.Expectation> pending = ClientExpectations.pending(session);
        if (pending.isEmpty()) {
            return;
        }
        List<PendingWrite> checks = new ArrayList<>(pending.size());
        pending.forEach((entity, expectation) -> {
            EntityEntry entry = session.getPersistenceContextInternal().getEntry(entity);
            if (entry == null || entry.getStatus() != Status.MANAGED && entry.getStatus() != Status.READ_ONLY) {
                return;
            }
            var persister = entry.getPersister();
            RowPlan plan = GuardModel.of(persister).planStated(expectation, session);
            checks.add(new PendingWrite(PendingWrite.Kind.UPDATE, persister, entity, entry.getId(),
                    expectation.hasVersion() ? expectation.version() : null, null, plan, null, true));
        });
        if (checks.isEmpty()) {
            return;
        }
        CasStaleObjectStateException conflict = translator.verify(session, checks);
        if (conflict != null) {
            // as a failed flush: the JPA view, whose cause is the Hibernate view
            throw conflict.getConflictException();
        }
        checks.forEach(check -> ClientExpectations.fulfilled(session, check.entity()));
    }

    /** The cause of a conflict found by {@link #verify}: Hibernate's exception for a stale row. */
    static StaleObjectStateException stale(PendingWrite write) {
        return new StaleObjectStateException(write.entityName(), write.id());
    }
}
