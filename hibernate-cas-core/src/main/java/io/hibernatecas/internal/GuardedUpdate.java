package io.hibernatecas.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.persistence.EntityManager;

import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.generator.EventType;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.proxy.HibernateProxy;
import org.hibernate.type.Type;

/**
 * {@code update(em, entity, change)}: applies {@code change} to a managed entity and writes only the attributes it
 * changed, in one {@code UPDATE} guarded by their loaded values, the {@code @Cas(ALWAYS)} guards and the version.
 * A client-held version or values stated with {@code CasOperations.expectVersion/expectValues} replace the loaded
 * ones in the guards (and are forgotten once written), as in Hibernate's own flush.
 * <p>
 * Changed means: different, by Hibernate's own dirty check ({@code Type#isDirty}), from a deep copy of the state
 * taken just before {@code change} ran. The guard values are the loaded state (the snapshot of the last read or
 * flush), not that copy, so unflushed changes made earlier are compared with what the database had. Changes that
 * {@code change} makes to collections, and earlier unflushed changes of other attributes, are not written here; they
 * stay pending and flush as usual. No flush happens first, unless the entity's own insert is still pending.
 * <ul>
 * <li>One row matched: the entry's loaded state and version become what was written ({@link ManagedEntities}), so
 *     the next flush finds nothing to write for these attributes. No {@code SELECT}.</li>
 * <li>No row matched: the row was changed or deleted. The row is looked up (one {@code SELECT}); if it is there the
 *     entity is refreshed (its state, including {@code change}'s edits, becomes the database's), otherwise it is
 *     detached. Either way nothing is thrown and the transaction stays usable.</li>
 * </ul>
 */
final class GuardedUpdate {

    private static final Operation OPERATION = Operation.UPDATE;

    private GuardedUpdate() {
    }

    static <T> boolean execute(EntityManager entityManager, T managedEntity, Consumer<T> change) {
        SessionImplementor session = Sessions.of(entityManager, OPERATION);
        if (managedEntity == null || change == null) {
            throw new IllegalArgumentException("Cannot update: the " + (change == null ? "change" : "entity")
                    + " is null");
        }
        Object entity = managedEntity instanceof HibernateProxy proxy
                ? proxy.getHibernateLazyInitializer().getImplementation() : managedEntity;
        EntityEntry entry = ManagedEntities.entry(session, entity);
        if (entry == null) {
            throw new IllegalArgumentException("Cannot update an instance of '" + entity.getClass().getName()
                    + "': it is not managed by this EntityManager (find it first, or merge it)");
        }
        EntityModel model = EntityModel.of(session, entry.getPersister());
        if (entry.isReadOnly()) {
            throw new IllegalArgumentException("Cannot update [" + model.entityName() + "#" + entry.getId()
                    + "]: it is read-only in this persistence context");
        }
        model.requireSupported(OPERATION);
        Sessions.requireTransaction(session, OPERATION);
        if (!entry.isExistsInDatabase()) {
            session.flush();
        }

        var persister = model.persister();
        Type[] types = persister.getPropertyTypes();
        Object[] before = persister.getValues(entity);
        for (int i = 0; i < before.length; i++) {
            if (GuardModel.isFetched(before[i])) {
                before[i] = types[i].deepCopy(before[i], session.getFactory());
            }
        }
        change.accept(managedEntity);
        List<AttributeMapping> changedByChange = changedAttributes(session, model, entry, entity, before,
                persister.getValues(entity));
        if (changedByChange.isEmpty()) {
            return true;
        }
        // what a flushed update runs: @PreUpdate callbacks and entity listeners, then the update-time generators;
        // what they change is written too, but only what the change itself changed is guarded
        EntityLifecycle lifecycle = model.lifecycle();
        lifecycle.preUpdate(entity);
        for (AttributeMapping generated : lifecycle.generatedInMemory()) {
            int position = generated.getStateArrayPosition();
            persister.setValue(entity, position, lifecycle.generate(session, entity, generated,
                    persister.getValue(entity, position)));
        }
        Object[] after = persister.getValues(entity);
        List<AttributeMapping> changed = changedAttributes(session, model, entry, entity, before, after);

        Object[] loaded = entry.getLoadedState();
        ClientExpectations.Expectation client = ClientExpectations.of(session, entity);
        Map<String, Object> clientValues = client == null ? Map.of() : client.values();
        List<AttributeMapping> guards = new ArrayList<>(changedByChange);
        model.casGuards().stream().filter(guard -> !guards.contains(guard)).forEach(guards::add);
        clientValues.keySet().stream().map(name -> model.attributes().stream()
                .filter(attribute -> attribute.getAttributeName().equals(name)).findFirst().orElseThrow())
                .filter(attribute -> !guards.contains(attribute)).forEach(guards::add);
        Object expectedVersion = client != null && client.hasVersion()
                ? model.version().getJavaType().coerce(client.version()) : entry.getVersion();
        Object nextVersion = model.version() == null ? null
                : persister.getVersionGenerator().generate(session, entity, entry.getVersion(), EventType.UPDATE);

        JdbcParameters parameters = new JdbcParameters(changed.size() * 2 + 4);
        changed.forEach(attribute -> parameters.addValues(attribute, after[attribute.getStateArrayPosition()], session));
        if (model.version() != null) {
            parameters.add(nextVersion, model.version().getJdbcMapping());
        }
        model.addId(parameters, entry.getId(), session);
        // a lazy guard this transaction never fetched has nothing to compare and is left out, as in the flush
        // (GuardModel.isFetched); one the change fetched has its loaded value by now
        guards.removeIf(guard -> !clientValues.containsKey(guard.getAttributeName())
                && !GuardModel.isFetched(loaded[guard.getStateArrayPosition()]));
        for (AttributeMapping guard : guards) {
            String name = guard.getAttributeName();
            Object expected = clientValues.containsKey(name) ? clientValues.get(name)
                    : loaded[guard.getStateArrayPosition()];
            parameters.addGuards(guard, expected, model.normalizer(), session);
        }
        if (model.version() != null) {
            parameters.add(model.normalizer().normalize(expectedVersion, model.version()),
                    model.version().getJdbcMapping());
        }
        String sql = model.statements().guardedUpdate(changed, guards, parameters.nullMask());
        if (SessionJdbc.executeUpdate(session, sql, parameters) > 0) {
            written(session, model, entry, entity, changed, loaded, after, nextVersion);
            ClientExpectations.fulfilled(session, entity);
            lifecycle.postUpdate(entity);
            return true;
        }
        conflicted(session, model, entry, entity);
        return false;
    }

    /** The accepted attributes that differ; anything else changed is put back and refused. */
    private static List<AttributeMapping> changedAttributes(SessionImplementor session, EntityModel model,
            EntityEntry entry, Object entity, Object[] before, Object[] after) {
        var persister = model.persister();
        Type[] types = persister.getPropertyTypes();
        List<AttributeMapping> changed = new ArrayList<>();
        String refused = null;
        Object[] loaded = entry.getLoadedState();
        for (AttributeMapping attribute : model.attributes()) {
            int i = attribute.getStateArrayPosition();
            if (attribute.isPluralAttributeMapping() || !GuardModel.isFetched(after[i])) {
                continue;       // a lazy attribute still unfetched: not read, not set
            }
            // a lazy attribute that was unfetched before the change: the change fetched it (compare with what was
            // read, now the loaded value) or set it without reading (changed)
            Object previous = GuardModel.isFetched(before[i]) ? before[i] : loaded[i];
            if (GuardModel.isFetched(previous) && !types[i].isDirty(previous, after[i], session)) {
                continue;
            }
            if (!model.accepts(OPERATION, attribute)) {
                refused = attribute.getAttributeName();
                break;
            }
            changed.add(attribute);
        }
        Object id = persister.getIdentifier(entity, session);
        if (refused == null && !persister.getIdentifierMapping().areEqual(entry.getId(), id, session)) {
            refused = persister.getIdentifierPropertyName();
        }
        if (refused != null) {
            for (int i = 0; i < before.length; i++) {
                if (GuardModel.isFetched(before[i])) {
                    persister.setValue(entity, i, before[i]);
                }
            }
            persister.setIdentifier(entity, entry.getId(), session);
            model.attribute(OPERATION, refused);
        }
        return changed;
    }

    private static void written(SessionImplementor session, EntityModel model, EntityEntry entry, Object entity,
            List<AttributeMapping> changed, Object[] loaded, Object[] after, Object nextVersion) {
        Type[] types = model.persister().getPropertyTypes();
        Object[] state = loaded.clone();
        Set<String> names = new HashSet<>();
        for (AttributeMapping attribute : changed) {
            int i = attribute.getStateArrayPosition();
            state[i] = types[i].deepCopy(after[i], session.getFactory());
            names.add(attribute.getAttributeName());
        }
        if (model.version() != null) {
            state[model.persister().getVersionPropertyIndex()] = nextVersion;
        }
        ManagedEntities.written(entry, entity, state, nextVersion, names);
        CacheCleanup.afterUpdate(session, model.persister(), entry.getId(), changed);
    }

    private static void conflicted(SessionImplementor session, EntityModel model, EntityEntry entry, Object entity) {
        boolean lock = model.insertDialect().lockingReads();
        JdbcParameters id = model.addId(new JdbcParameters(3), entry.getId(), session);
        boolean exists = SessionJdbc.query(session, model.statements().exists(lock), id, rows -> rows.next());
        if (exists) {
            ManagedEntities.reload(session, entity, lock);
        }
        else {
            ManagedEntities.detach(session, entity);
        }
    }
}
