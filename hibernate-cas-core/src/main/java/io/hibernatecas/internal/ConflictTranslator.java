package io.hibernatecas.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.CasStaleObjectStateException;
import io.hibernatecas.Conflict;
import io.hibernatecas.ConflictReason;

import org.hibernate.StaleObjectStateException;
import org.hibernate.StaleStateException;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.SelectableMapping;

import org.jboss.logging.Logger;

/**
 * Turns Hibernate's {@link StaleStateException} for a guarded statement into the typed conflict: finds the write
 * that failed in the flush journal, reads the current rows once ({@link ConflictDiagnosis}), and reports the failed
 * row first and every other conflicting row of the flush after it.
 * <p>
 * The result is the Hibernate view, a {@link CasStaleObjectStateException} that replaces Hibernate's exception
 * (same entity name and identifier, Hibernate's cause and stack trace); the caller throws it where Hibernate's
 * contract is a {@code StaleObjectStateException}, or its JPA view {@link CasConflictException} where plain
 * Hibernate's exception would have been converted to an {@code OptimisticLockException} (a flush, a merge).
 */
final class ConflictTranslator {

    private static final Logger LOG = Logger.getLogger(ConflictTranslator.class);

    private final CasConfig config;

    ConflictTranslator(CasConfig config) {
        this.config = config;
    }

    /**
     * The typed conflict for {@code failure}, or {@code null} when it is not about one of {@code writes} (then the
     * caller rethrows Hibernate's exception unchanged).
     */
    CasStaleObjectStateException translate(SharedSessionContractImplementor session, StaleStateException failure,
            List<PendingWrite> writes) {
        return translate(session, failure, writes, Map.of(), List.of());
    }

    /**
     * As {@link #translate(SharedSessionContractImplementor, StaleStateException, List)}, with the row counts the
     * flush journal recorded: a write whose statement matched its row is never reported, one that matched nothing
     * always is, and the first of those is the failed row whatever Hibernate's exception names.
     */
    CasStaleObjectStateException translate(SharedSessionContractImplementor session, StaleStateException failure,
            List<PendingWrite> writes, Map<PendingWrite, FlushJournal.Outcome> outcomes,
            List<PendingWrite> failures) {
        PendingWrite failed = failures.isEmpty() ? findFailed(failure, writes) : failures.get(0);
        if (failed == null) {
            return null;
        }
        return translate(session, failure, failed, writes, outcomes, failure.getCause());
    }

    /**
     * The typed conflict for a {@code failure} of the statement of {@code failed}, one of {@code writes}, that is
     * not Hibernate's row-count check: MariaDB's "record has changed since last read" (1020) under
     * {@code innodb_snapshot_isolation}, which refuses the statement instead of matching no row. Hibernate's
     * exception is kept as the cause.
     */
    CasStaleObjectStateException translate(SharedSessionContractImplementor session, RuntimeException failure,
            PendingWrite failed, List<PendingWrite> writes) {
        return translate(session, failure, failed, writes, Map.of(), failure);
    }

    private CasStaleObjectStateException translate(SharedSessionContractImplementor session,
            RuntimeException failure, PendingWrite failed, List<PendingWrite> writes,
            Map<PendingWrite, FlushJournal.Outcome> outcomes, Throwable cause) {
        Map<PendingWrite, ConflictDiagnosis.RowState> states = null;
        ConflictMessages.Unknown unknown = ConflictMessages.Unknown.NOT_DIAGNOSED;
        RuntimeException diagnosisFailure = null;
        if (config.diagnose()) {
            try {
                states = ConflictDiagnosis.read(session, writes);
            }
            catch (Exception e) {
                LOG.debugf(e, "Diagnostic read after a failed flush of %s failed", failed.entityName());
                unknown = ConflictMessages.Unknown.DIAGNOSIS_FAILED;
                diagnosisFailure = e instanceof RuntimeException re ? re : new IllegalStateException(e);
            }
        }
        Conflict primary = evaluate(failed, states, true, false, session);
        if (primary.getReason() == ConflictReason.UNKNOWN && states != null) {
            unknown = ConflictMessages.Unknown.ROW_MATCHES;
        }
        List<Conflict> conflicts = new ArrayList<>();
        conflicts.add(primary);
        if (states != null) {
            for (PendingWrite write : writes) {
                FlushJournal.Outcome outcome = outcomes.get(write);
                if (write != failed && write.entity() != failed.entity() && outcome != FlushJournal.Outcome.APPLIED) {
                    // only a write that ran without its row count being mapped to it may have been applied
                    boolean mayBeApplied = outcomes.isEmpty()
                            || outcome == FlushJournal.Outcome.ISSUED && !write.tracked();
                    Conflict other = evaluate(write, states, outcome == FlushJournal.Outcome.FAILED, mayBeApplied,
                            session);
                    if (other != null && conflicts.stream().noneMatch(c -> c.getEntity() == other.getEntity())) {
                        conflicts.add(other);
                    }
                }
            }
        }
        String message = ConflictMessages.message(primary, conflicts.size(), config.includeValues(), unknown);
        // Hibernate's StaleObjectStateException wraps the row-count failure; a bare StaleStateException (or the
        // merge listener's cause-less one) is replaced as it is, so the cause chain keeps its length and types
        CasStaleObjectStateException exception = new CasStaleObjectStateException(message, primary, conflicts,
                failed.persister().getVersionMapping() != null, config.includeValues(), cause);
        exception.setStackTrace(failure.getStackTrace());
        if (diagnosisFailure != null) {
            exception.getConflictException().addSuppressed(diagnosisFailure);
        }
        return exception;
    }

    /**
     * For rows the flush did not write ({@link UnwrittenExpectations}): reads them once and returns the conflict of
     * the first one that differs from what was expected, or {@code null} when all are as expected.
     */
    CasStaleObjectStateException verify(SharedSessionContractImplementor session, List<PendingWrite> checks) {
        Map<PendingWrite, ConflictDiagnosis.RowState> states;
        try {
            states = ConflictDiagnosis.read(session, checks);
        }
        catch (java.sql.SQLException e) {
            throw session.getJdbcServices().getSqlExceptionHelper().convert(e,
                    "could not read the rows whose client-held version or values were not written");
        }
        for (PendingWrite check : checks) {
            if (evaluate(check, states, false, false, session) != null) {
                return translate(session, UnwrittenExpectations.stale(check), checks);
            }
        }
        return null;
    }

    private static PendingWrite findFailed(StaleStateException failure, List<PendingWrite> writes) {
        if (failure instanceof StaleObjectStateException stale) {
            for (int i = writes.size() - 1; i >= 0; i--) {
                if (writes.get(i).isFor(stale.getEntityName(), stale.getIdentifier())) {
                    return writes.get(i);
                }
            }
            return null;
        }
        return writes.size() == 1 ? writes.get(0) : null;
    }

    /**
     * The conflict of one write, or {@code null} when its row is as expected (or, where {@code mayBeApplied}, as this
     * flush left it: a row count that was never checked cannot tell).
     */
    private static Conflict evaluate(PendingWrite write, Map<PendingWrite, ConflictDiagnosis.RowState> states,
            boolean failed, boolean mayBeApplied, SharedSessionContractImplementor session) {
        if (states == null) {
            return conflict(write, ConflictReason.UNKNOWN, null, List.of(), Map.of());
        }
        ConflictDiagnosis.RowState state = states.get(write);
        if (state == null) {
            return failed || write.kind() != PendingWrite.Kind.DELETE
                    ? conflict(write, ConflictReason.DELETED, null, List.of(), Map.of())
                    : null;
        }
        Map<String, Object> actualValues = actualValues(write, state);
        List<String> changed = changedAttributes(write, state.guardValues(), write.plan().values());
        var versionMapping = write.persister().getVersionMapping();
        if (versionMapping != null && write.expectedVersion() != null) {
            if (mayBeApplied && write.nextVersion() != null
                    && versionMapping.areEqual(state.version(), write.nextVersion(), session)) {
                return null;
            }
            if (!versionMapping.areEqual(state.version(), write.expectedVersion(), session)) {
                return conflict(write, ConflictReason.VERSION_CHANGED, state.version(), changed, actualValues);
            }
        }
        else if (mayBeApplied && !changed.isEmpty() && appliedByThisFlush(write, state, session)) {
            return null;
        }
        if (!changed.isEmpty()) {
            return conflict(write, ConflictReason.FIELD_CHANGED, state.version(), changed, actualValues);
        }
        return failed ? conflict(write, ConflictReason.UNKNOWN, state.version(), changed, actualValues) : null;
    }

    private static List<String> changedAttributes(PendingWrite write, List<Object> actual, List<Object> expected) {
        List<String> changed = new ArrayList<>();
        List<SelectableMapping> columns = write.plan().columns();
        int column = 0;
        for (Guard guard : write.plan().guards()) {
            boolean differs = false;
            for (int i = 0; i < guard.columns().size(); i++, column++) {
                differs |= !GuardValues.equal(columns.get(column), expected.get(column), actual.get(column),
                        write.plan().model().exact());
            }
            if (differs) {
                changed.add(guard.name());
            }
        }
        return changed;
    }

    private static boolean appliedByThisFlush(PendingWrite write, ConflictDiagnosis.RowState state,
            SharedSessionContractImplementor session) {
        if (write.newState() == null) {
            return false;
        }
        List<Object> written = new ArrayList<>();
        for (Guard guard : write.plan().guards()) {
            guard.attribute().decompose(write.newState()[guard.index()],
                    (i, value, column) -> written.add(write.plan().model().normalize(value, column)), session);
        }
        return changedAttributes(write, state.guardValues(), written).isEmpty();
    }

    private static Map<String, Object> actualValues(PendingWrite write, ConflictDiagnosis.RowState state) {
        Map<String, Object> values = new LinkedHashMap<>();
        int column = 0;
        for (Guard guard : write.plan().guards()) {
            int width = guard.columns().size();
            values.put(guard.name(), GuardValues.comparable(guard, state.guardValues().subList(column, column + width)));
            column += width;
        }
        return values;
    }

    private static Conflict conflict(PendingWrite write, ConflictReason reason, Object actualVersion,
            List<String> changed, Map<String, Object> actualValues) {
        return new Conflict(write.entityName(), write.id(), write.entity(), reason, write.expectedVersion(),
                actualVersion, changed, write.plan().expectedValues(), actualValues,
                reason == ConflictReason.DELETED ? 404 : write.clientHeld() ? 412 : 409);
    }
}
