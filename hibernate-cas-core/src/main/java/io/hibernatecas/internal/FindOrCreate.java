package io.hibernatecas.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import jakarta.persistence.EntityExistsException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;

import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.exception.TransactionSerializationException;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.JdbcMapping;

/**
 * {@code findOrCreate}: the row with a unique key, created by the caller's factory if there is none, returned
 * managed; concurrent callers get the same row and none of them sees an error for the duplicate.
 * <ol>
 * <li>Pending changes that touch the entity's table are flushed, as before a query
 *     ({@code autoFlushIfRequired}), so that an unflushed entity with the same key is seen.</li>
 * <li>{@code select id from t where key=?}; if found, {@code find} returns it managed (no further {@code SELECT} if
 *     it already is). The factory is not called.</li>
 * <li>Otherwise the factory's instance is inserted by {@link NaturalKeyInsert}, a statement that skips the row if
 *     the key exists by then (a concurrent caller won).</li>
 * <li>The row's id is known if this insert reported inserting it, else looked up again by key; {@code find} loads
 *     it. On MySQL/MariaDB both reads are {@code for update} ({@link InsertDialect#lockingReads()}).</li>
 * </ol>
 * The key must be exactly the columns of a unique constraint the mapping declares ({@link UniqueKeys}); the
 * database enforces it, which is what makes the race safe.
 */
final class FindOrCreate {

    private static final Operation OPERATION = Operation.FIND_OR_CREATE;

    private FindOrCreate() {
    }

    static <T> T execute(EntityManager entityManager, Class<T> type, Map<String, Object> naturalKey,
            Supplier<T> factory) {
        SessionImplementor session = Sessions.of(entityManager, OPERATION);
        EntityModel model = EntityModel.of(session, type, OPERATION);
        if (naturalKey == null || naturalKey.isEmpty() || factory == null
                || naturalKey.keySet().stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("Cannot findOrCreate entity '" + model.entityName() + "': the "
                    + (factory == null ? "factory is null" : "key is empty or names a null attribute"));
        }
        List<AttributeMapping> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        new TreeMap<>(naturalKey).forEach((name, value) -> {
            AttributeMapping key = model.attribute(OPERATION, name);
            if (value == null) {
                throw model.refuseValue(OPERATION, name, "its value is null, which a unique constraint never matches");
            }
            keys.add(key);
            values.add(model.value(OPERATION, key, "key value", value));
        });
        model.requireSupported(OPERATION);
        int conflictKeys = withTenant(session, model, keys, values);
        requireUniqueKey(model, keys.subList(0, conflictKeys));
        if (model.idColumns().size() != 1) {
            throw new IllegalArgumentException("Cannot findOrCreate entity '" + model.entityName()
                    + "': it has a composite identifier; findOrCreate supports single-column identifiers");
        }
        Sessions.requireTransaction(session, OPERATION);
        session.autoFlushIfRequired(model.querySpaces());

        Object id = lookup(session, model, keys, values, false);
        T found = id == null ? null : find(session, type, id, false);
        if (found != null) {
            return found;
        }
        return create(session, model, type, keys, values, conflictKeys, factory);
    }

    /**
     * For a {@code @TenantId} entity, adds the session's tenant to the key, so that the lookups see the session's
     * tenant only (as Hibernate's tenant filter does) and the new row gets it. Returns how many of the keys the
     * insert's conflict target names: all when a unique constraint covers key and tenant (the usual per-tenant
     * key), else the caller's key alone (a key unique across tenants).
     */
    private static int withTenant(SharedSessionContractImplementor session, EntityModel model,
            List<AttributeMapping> keys, List<Object> values) {
        AttributeMapping tenant = model.tenant();
        if (tenant == null) {
            return keys.size();
        }
        Object tenantValue = model.tenantValue(session);
        int stated = keys.indexOf(tenant);
        if (stated >= 0) {
            if (!java.util.Objects.equals(values.get(stated), tenantValue)) {
                throw model.refuseValue(OPERATION, tenant.getAttributeName(),
                        "it names another tenant than the session's");
            }
            return keys.size();
        }
        keys.add(tenant);
        values.add(tenantValue);
        return model.isUniqueKey(keys) ? keys.size() : keys.size() - 1;
    }

    private static <T> T create(SessionImplementor session, EntityModel model, Class<T> type,
            List<AttributeMapping> keys, List<Object> values, int conflictKeys, Supplier<T> factory) {
        T candidate = factory.get();
        if (!type.isInstance(candidate)) {
            throw new IllegalArgumentException("Cannot findOrCreate entity '" + model.entityName()
                    + "': the factory returned " + (candidate == null ? "null" : "a " + candidate.getClass().getName()));
        }
        EntityModel target = EntityModel.of(session, session.getEntityPersister(null, candidate));
        if (!target.table().equals(model.table())) {
            throw new IllegalArgumentException("Cannot findOrCreate entity '" + model.entityName()
                    + "': the factory returned a '" + target.entityName() + "', which is stored in table '"
                    + target.table() + "', not in '" + model.table() + "'");
        }
        List<AttributeMapping> targetKeys = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            AttributeMapping key = target.attribute(OPERATION, keys.get(i).getAttributeName());
            applyKey(session, target, candidate, key, values.get(i));
            targetKeys.add(key);
        }
        // as persist: @PrePersist callbacks and entity listeners before the insert; a key they change is refused
        target.lifecycle().prePersist(candidate);
        for (int i = 0; i < targetKeys.size(); i++) {
            applyKey(session, target, candidate, targetKeys.get(i), values.get(i));
        }
        targetKeys = targetKeys.subList(0, conflictKeys);
        NaturalKeyInsert.Outcome outcome = NaturalKeyInsert.execute(session, target, targetKeys, candidate);
        if (Boolean.TRUE.equals(outcome.inserted())) {
            CacheCleanup.afterInsert(session, target.persister());
        }
        boolean lock = model.insertDialect().lockingReads();
        Object id = Boolean.TRUE.equals(outcome.inserted()) && outcome.id() != null ? outcome.id()
                : lookup(session, model, keys, values, lock);
        if (id == null && lock) {
            // the locking lookup sees the latest row: the skipped insert collided on another unique key
            RuntimeException violation = NaturalKeyInsert.explainSkipped(session, target, targetKeys, outcome);
            if (violation != null) {
                throw violation;
            }
            CacheCleanup.afterInsert(session, target.persister());
            id = lookup(session, model, keys, values, true);
        }
        if (id == null) {
            throw missingRow(session, model, keys, outcome.duplicate());
        }
        if (Boolean.TRUE.equals(outcome.inserted()) || outcome.inserted() == null && outcome.id() != null
                && model.persister().getIdentifierMapping().areEqual(id, outcome.id(), session)) {
            // this call's row (MariaDB does not say whether its insert ran: the row has the id it generated)
            target.lifecycle().postPersist(candidate);
        }
        T entity = find(session, type, id, lock);
        if (entity == null) {
            throw new PersistenceException("Cannot findOrCreate [" + model.entityName() + "#" + id
                    + "]: the row was deleted by another transaction right after it was found");
        }
        return entity;
    }

    /**
     * The insert found a duplicate but no row with the key is visible. Under {@code REPEATABLE READ} or stricter
     * that is the snapshot hiding a row committed after it (H2 shows it to no read, not even {@code for update}):
     * a serialization failure, which a retry of the transaction resolves. Otherwise another unique constraint
     * (the identifier?) rejected the row: the violation, converted as Hibernate converts it (it names the
     * constraint). MySQL/MariaDB do not come here: their reads lock and see the latest row.
     */
    private static RuntimeException missingRow(SessionImplementor session, EntityModel model,
            List<AttributeMapping> keys, SQLException duplicate) {
        String row = "Cannot findOrCreate entity '" + model.entityName() + "' with key " + names(keys);
        int isolation = session.doReturningWork(Connection::getTransactionIsolation);
        if (isolation >= Connection.TRANSACTION_REPEATABLE_READ) {
            String message = row + ": another transaction created the row after this transaction's snapshot, "
                    + "which cannot see it; retry the transaction";
            return new TransactionSerializationException(message,
                    duplicate != null ? duplicate : new SQLException(message, "40001"));
        }
        if (duplicate != null) {
            return session.getJdbcServices().getSqlExceptionHelper().convert(duplicate, "could not insert");
        }
        return new EntityExistsException(row + ": the insert was skipped, but no row has this key; another unique "
                + "constraint of table '" + model.table() + "' (the identifier?) rejected the row");
    }

    /** The factory's key attribute: set when it is null, refused when it differs from the key. */
    private static void applyKey(SessionImplementor session, EntityModel model, Object candidate,
            AttributeMapping key, Object value) {
        var persister = model.persister();
        int position = key.getStateArrayPosition();
        Object current = persister.getValue(candidate, position);
        if (current == null) {
            persister.setValue(candidate, position, value);
        }
        else if (!persister.getPropertyTypes()[position].isEqual(current, value)) {
            throw model.refuseValue(OPERATION, key.getAttributeName(),
                    "the factory's instance has another value than the key");
        }
    }

    private static void requireUniqueKey(EntityModel model, List<AttributeMapping> keys) {
        if (!model.isUniqueKey(keys)) {
            List<String> columns = new ArrayList<>();
            keys.forEach(key -> AttributeRules.columns(key).forEach(c -> columns.add(c.getSelectionExpression())));
            throw new IllegalArgumentException("Cannot findOrCreate entity '" + model.entityName() + "' by "
                    + names(keys) + ": no unique constraint covers exactly its column(s) " + columns
                    + ", so concurrent callers could create duplicates; declare @Column(unique = true), @NaturalId, "
                    + "@Table(uniqueConstraints = @UniqueConstraint(columnNames = ...)) or a unique @Index on "
                    + "exactly these columns");
        }
    }

    private static Object lookup(SessionImplementor session, EntityModel model, List<AttributeMapping> keys,
            List<Object> values, boolean lock) {
        JdbcParameters parameters = new JdbcParameters(keys.size() + 1);
        for (int i = 0; i < keys.size(); i++) {
            parameters.addValues(keys.get(i), values.get(i), session);
        }
        JdbcMapping idMapping = model.idColumns().get(0).getJdbcMapping();
        return SessionJdbc.query(session, model.statements().idLookup(keys, lock), parameters, rows -> rows.next()
                ? idMapping.convertToDomainValue(idMapping.getJdbcValueExtractor().extract(rows, 1, session))
                : null);
    }

    private static <T> T find(SessionImplementor session, Class<T> type, Object id, boolean lock) {
        return lock ? session.find(type, id, LockModeType.PESSIMISTIC_WRITE) : session.find(type, id);
    }

    private static String names(List<AttributeMapping> keys) {
        return keys.stream().map(AttributeMapping::getAttributeName).toList().toString();
    }
}
