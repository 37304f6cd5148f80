package io.hibernatecas.internal;

import io.hibernatecas.CasConfigurationException;

import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.SelectableMapping;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Makes every guarded {@code UPDATE} of a multi-table entity (a {@code JOINED} subclass, a {@code @SecondaryTable})
 * write the identifier table, where the guards live.
 * <p>
 * Hibernate updates only the tables whose columns changed: an update that changes only a subclass or secondary
 * table, of an unversioned entity or through an {@code @OptimisticLock(excluded = true)} attribute, has no
 * identifier-table statement, so no statement would check the guards. When a row's plan has guards and none of its
 * dirty attributes is in the identifier table, the coordinator adds one attribute of that table (the anchor: an
 * updatable guard, else another updatable attribute) to the dirty attributes it hands to Hibernate. Hibernate then
 * writes that column with its unchanged value in a statement that carries the guards:
 * {@code update asset set status=? where id=? and status=?}. One more statement per such update, batched like the
 * others.
 */
final class IdentifierTableAnchor {

    private IdentifierTableAnchor() {
    }

    /** The anchor attribute's index, or -1 for a single-table entity or one without guards. */
    static int find(GuardModel model) {
        if (model.isEmpty() || model.singleTable()) {
            return -1;
        }
        EntityPersister persister = model.persister();
        boolean[] updatable = persister.getPropertyUpdateability();
        for (Guard guard : model.guards()) {
            if (updatable[guard.index()]) {
                return guard.index();
            }
        }
        var attributes = persister.getAttributeMappings();
        var version = persister.getVersionMapping();
        for (int i = 0; i < attributes.size(); i++) {
            AttributeMapping attribute = attributes.get(i);
            if (updatable[i] && attribute.getJdbcTypeCount() > 0 && inIdentifierTable(persister, attribute)
                    && (version == null || attribute != version.getVersionAttribute())) {
                return i;
            }
        }
        throw new CasConfigurationException("Entity '" + persister.getEntityName() + "' uses @Cas and is mapped to "
                + "several tables, but its table '" + persister.getIdentifierTableName() + "' has no updatable "
                + "column besides the identifier and version: an update that changes only another table could not "
                + "check the guards; make a guarded attribute updatable");
    }

    /**
     * {@code dirty} plus the anchor when no dirty attribute is in the identifier table and the version does not
     * change; {@code dirty} itself otherwise (also when Hibernate does not know the dirty attributes: then it
     * writes every table).
     */
    static int[] include(GuardModel model, int anchor, int[] dirty, Object expectedVersion, Object nextVersion,
            SharedSessionContractImplementor session) {
        if (dirty == null) {
            return null;
        }
        EntityPersister persister = model.persister();
        var version = persister.getVersionMapping();
        if (version != null && expectedVersion != null && nextVersion != null
                && !version.areEqual(expectedVersion, nextVersion, session)) {
            return dirty;
        }
        var attributes = persister.getAttributeMappings();
        boolean[] updatable = persister.getPropertyUpdateability();
        for (int index : dirty) {
            if (index == anchor || updatable[index] && inIdentifierTable(persister, attributes.get(index))) {
                return dirty;
            }
        }
        int[] anchored = java.util.Arrays.copyOf(dirty, dirty.length + 1);
        anchored[dirty.length] = anchor;
        java.util.Arrays.sort(anchored);
        return anchored;
    }

    private static boolean inIdentifierTable(EntityPersister persister, AttributeMapping attribute) {
        if (attribute.getJdbcTypeCount() == 0) {
            return false;
        }
        SelectableMapping first = attribute.getSelectable(0);
        return !first.isFormula()
                && persister.physicalTableNameForMutation(first).equals(persister.getIdentifierTableName());
    }
}
