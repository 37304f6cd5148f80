package io.hibernatecas.internal;

import java.math.BigDecimal;
import java.util.List;

import jakarta.persistence.EntityManager;

import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.generator.EventType;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.type.descriptor.java.JavaType;

/**
 * {@code compareAndSet} and {@code increment}: one {@code UPDATE} of one row by identifier, built from the mapping
 * and cached per entity and attribute ({@link CasStatements}), bumping the version when the entity has one.
 * <p>
 * Flushing: the statement touches one row, so pending changes of other rows cannot change its outcome and are left
 * alone. Only when the persistence context holds the row itself is the session flushed first (Hibernate cannot flush
 * a single entity): otherwise the instance's pending changes would be lost by the refresh that follows a successful
 * statement, or its pending insert would not be in the database yet. After a successful statement that managed
 * instance is refreshed (one {@code SELECT}), because its version and the written column changed underneath it.
 */
final class RowOperations {

    private RowOperations() {
    }

    static boolean compareAndSet(EntityManager entityManager, Class<?> type, Object id, String attributeName,
            Object expected, Object newValue) {
        Operation operation = Operation.COMPARE_AND_SET;
        SessionImplementor session = Sessions.of(entityManager, operation);
        EntityModel model = EntityModel.of(session, type, operation);
        AttributeMapping attribute = model.attribute(operation, attributeName);
        Object rowId = model.id(operation, id);
        Object expectedValue = model.value(operation, attribute, "expected value", expected);
        Object value = model.value(operation, attribute, "new value", newValue);
        model.requireSupported(operation);
        model.requireNoUpdateCallbacks(operation);
        Sessions.requireTransaction(session, operation);

        Object managed = flushManaged(session, model, rowId);
        JdbcParameters parameters = new JdbcParameters(8).addValues(attribute, value, session);
        addVersionBump(parameters, model, session);
        model.addId(parameters, rowId, session).addGuards(attribute, expectedValue, model.normalizer(), session);
        String sql = model.statements().compareAndSet(attribute, parameters.nullMask());
        return finish(session, model, rowId, attribute, managed, SessionJdbc.executeUpdate(session, sql, parameters));
    }

    static boolean increment(EntityManager entityManager, Class<?> type, Object id, String attributeName,
            Number delta) {
        Operation operation = Operation.INCREMENT;
        SessionImplementor session = Sessions.of(entityManager, operation);
        EntityModel model = EntityModel.of(session, type, operation);
        AttributeMapping attribute = model.attribute(operation, attributeName);
        Object rowId = model.id(operation, id);
        Object amount = delta(model, attribute, delta, session);
        model.requireSupported(operation);
        model.requireNoUpdateCallbacks(operation);
        Sessions.requireTransaction(session, operation);

        Object managed = flushManaged(session, model, rowId);
        JdbcParameters parameters = new JdbcParameters(4).addValues(attribute, amount, session);
        addVersionBump(parameters, model, session);
        model.addId(parameters, rowId, session);
        String sql = model.statements().increment(attribute);
        return finish(session, model, rowId, attribute, managed, SessionJdbc.executeUpdate(session, sql, parameters));
    }

    /** The delta as the attribute's type; a delta that does not fit (2.5 for an {@code int}) is refused. */
    @SuppressWarnings("unchecked")
    private static Object delta(EntityModel model, AttributeMapping attribute, Number delta,
            SessionImplementor session) {
        String name = attribute.getAttributeName();
        if (delta == null) {
            throw model.refuseValue(Operation.INCREMENT, name, "the delta is null");
        }
        JavaType<Object> javaType = (JavaType<Object>) attribute.getJavaType();
        if (javaType.getJavaTypeClass() == (Class<?>) delta.getClass()) {
            return delta;
        }
        Object converted;
        try {
            converted = javaType.wrap(delta, session);
        }
        catch (RuntimeException e) {
            converted = null;
        }
        if (converted == null
                || new BigDecimal(delta.toString()).compareTo(new BigDecimal(converted.toString())) != 0) {
            throw model.refuseValue(Operation.INCREMENT, name, "the delta " + delta + " is not a "
                    + javaType.getJavaTypeClass().getName());
        }
        return converted;
    }

    /**
     * A numeric version is bumped in SQL; any other (a timestamp) is set to a fresh seed, bound here; then the values
     * of the in-memory update-time generators.
     */
    private static void addVersionBump(JdbcParameters parameters, EntityModel model, SessionImplementor session) {
        if (model.version() != null && !model.versionIncrementedInSql()) {
            Object next = model.persister().getVersionGenerator().generate(session, null, null, EventType.INSERT);
            parameters.add(next, model.version().getJdbcMapping());
        }
        // the update-time generators a flushed update runs (@UpdateTimestamp...), generated as for an update
        for (AttributeMapping generated : model.lifecycle().generatedInMemory()) {
            parameters.addValues(generated, model.lifecycle().generate(session, null, generated, null), session);
        }
    }

    private static Object flushManaged(SessionImplementor session, EntityModel model, Object id) {
        Object managed = ManagedEntities.instance(session, model.persister(), id);
        if (managed != null) {
            session.flush();
        }
        return managed;
    }

    private static boolean finish(SessionImplementor session, EntityModel model, Object id, AttributeMapping written,
            Object managed, int rows) {
        if (rows == 0) {
            return false;
        }
        TransactionWrites.operated(session, model.entityName(), id);
        CacheCleanup.afterUpdate(session, model.persister(), id, List.of(written));
        if (managed != null) {
            ManagedEntities.reload(session, managed, false);
        }
        return true;
    }
}
