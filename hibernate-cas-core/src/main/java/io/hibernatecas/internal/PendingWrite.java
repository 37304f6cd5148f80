package io.hibernatecas.internal;

import org.hibernate.persister.entity.EntityPersister;

/**
 * What one guarded statement of a flush expects, recorded by the coordinator just before it issues (or batches) the
 * statement: enough to name the row when the statement fails and to diagnose every row of the flush afterwards
 * without asking Hibernate again.
 *
 * @param newState the state written by an {@code UPDATE} ({@code null} for a {@code DELETE} or a version-only
 *                 update), used to recognise a row that this flush already updated
 * @param clientHeld whether the expected version or values came from a client (a conflict is then HTTP 412)
 */
record PendingWrite(Kind kind, EntityPersister persister, Object entity, Object id, Object expectedVersion,
                    Object nextVersion, RowPlan plan, Object[] newState, boolean clientHeld) {

    enum Kind { UPDATE, VERSION_INCREMENT, DELETE }

    PendingWrite(Kind kind, EntityPersister persister, Object entity, Object id, Object expectedVersion,
            Object nextVersion, RowPlan plan, Object[] newState) {
        this(kind, persister, entity, id, expectedVersion, nextVersion, plan, newState, false);
    }

    /**
     * Whether every statement of this write has a row in its entity's identifier-table statement, so that its
     * batch position there is its position in the journal: true for a single-table entity, and for any write
     * with guards (the update coordinator then always writes the identifier table).
     */
    boolean tracked() {
        return !plan.isEmpty() || plan.model().singleTable();
    }

    String entityName() {
        return persister.getEntityName();
    }

    boolean isFor(String entityName, Object identifier) {
        return (persister.getEntityName().equals(entityName) || persister.getRootEntityName().equals(entityName))
                && persister.getIdentifierMapping().areEqual(id, identifier, null);
    }
}
