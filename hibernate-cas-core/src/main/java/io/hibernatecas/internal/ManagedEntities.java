package io.hibernatecas.internal;

import java.util.Set;

import jakarta.persistence.LockModeType;

import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.SelfDirtinessTracker;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.engine.spi.Status;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Keeps the persistence context in step with a row that an operation wrote with its own SQL, so that no managed
 * instance later flushes a state the database no longer has.
 * <p>
 * <b>Hibernate SPI touched here</b>, and only here: {@code PersistenceContext#getEntity} and {@code #getEntry}, and
 * {@code EntityEntry#postUpdate(entity, state, nextVersion)}, the call Hibernate's own {@code EntityUpdateAction}
 * makes after its {@code UPDATE}: it replaces the loaded state (the snapshot the next flush compares with), sets the
 * new version on the entry and the instance, and resets dirty tracking. All three are in
 * {@code org.hibernate.engine.spi}, Hibernate's SPI, not its internals. Bytecode-enhanced entities with inline dirty
 * tracking lose their tracked attributes in {@code postUpdate}; the ones this write did not cover are tracked again.
 */
final class ManagedEntities {

    private ManagedEntities() {
    }

    /** The managed instance of the row, or {@code null}; an empty persistence context costs no key. */
    static Object instance(SharedSessionContractImplementor session, EntityPersister persister, Object id) {
        var context = session.getPersistenceContextInternal();
        return context.getNumberOfManagedEntities() == 0 ? null
                : context.getEntity(session.generateEntityKey(id, persister));
    }

    /** The entry of a managed, not deleted instance, or {@code null}. */
    static EntityEntry entry(SharedSessionContractImplementor session, Object entity) {
        EntityEntry entry = session.getPersistenceContextInternal().getEntry(entity);
        return entry == null || entry.getStatus() == Status.DELETED || entry.getStatus() == Status.GONE ? null : entry;
    }

    /**
     * After a successful guarded update: {@code state} (the loaded state with the written attributes replaced by
     * copies of their new values, and the next version) becomes the entry's loaded state, as after a flush.
     */
    static void written(EntityEntry entry, Object entity, Object[] state, Object nextVersion, Set<String> written) {
        String[] tracked = entity instanceof SelfDirtinessTracker tracker && tracker.$$_hibernate_hasDirtyAttributes()
                ? tracker.$$_hibernate_getDirtyAttributes() : null;
        entry.postUpdate(entity, state, nextVersion);
        if (tracked != null) {
            SelfDirtinessTracker tracker = (SelfDirtinessTracker) entity;
            for (String name : tracked) {
                if (!written.contains(name)) {
                    tracker.$$_hibernate_trackChange(name);
                }
            }
        }
    }

    /**
     * Reloads the instance from the database. With {@code lock} the read is {@code for update}: on MySQL and
     * MariaDB a plain read in a {@code REPEATABLE READ} transaction shows the transaction's snapshot, older than
     * the row the failed {@code UPDATE} just compared with (InnoDB writes read the latest row).
     */
    static void reload(SessionImplementor session, Object entity, boolean lock) {
        if (lock) {
            session.refresh(entity, LockModeType.PESSIMISTIC_WRITE);
        }
        else {
            session.refresh(entity);
        }
    }

    static void detach(SessionImplementor session, Object entity) {
        session.detach(entity);
    }
}
