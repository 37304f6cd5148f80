package io.hibernatecas.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.hibernate.JDBCException;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.generator.BeforeExecutionGenerator;
import org.hibernate.generator.EventType;
import org.hibernate.generator.Generator;
import org.hibernate.generator.OnExecutionGenerator;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.metamodel.mapping.SelectableMapping;

/**
 * The duplicate-tolerant {@code INSERT} of {@code findOrCreate}: one row, every insertable column of the entity's
 * table, written with the statement of its {@link InsertDialect}.
 * <p>
 * Values are prepared as Hibernate's {@code persist} prepares them: the identifier from the entity's generator
 * (sequence, table, UUID: generated here; assigned: taken from the instance; identity: left to the database), the
 * version seeded, in-memory generators ({@code @CreationTimestamp}, {@code @TenantId}...) run, database-generated
 * values written as the generator's SQL or left out, the discriminator written as its SQL literal. Only the
 * entity's own table is written: an entity that maps attributes to other tables is refused, and so is an instance
 * whose collections have elements (add them to the returned entity instead).
 */
final class NaturalKeyInsert {

    /**
     * {@code inserted}: {@code TRUE} inserted, {@code FALSE} skipped duplicate, {@code null} unknown;
     * {@code duplicate}: the unique violation that was taken for a concurrent insert of the key, if any;
     * {@code parameters}: the values bound, for {@link #explainSkipped}.
     */
    record Outcome(Boolean inserted, Object id, SQLException duplicate, JdbcParameters parameters) {
    }

    private record Attempt(int rows, SQLException duplicate) {
    }

    private interface ColumnSink {
        void column(String name, String expression, Object jdbcValue, JdbcMapping mapping);
    }

    private NaturalKeyInsert() {
    }

    static Outcome execute(SharedSessionContractImplementor session, EntityModel model, List<AttributeMapping> keys,
            Object candidate) {
        var persister = model.persister();
        Object[] values = persister.getValues(candidate);
        refuseCollectionElements(model, values);
        generateValues(session, model, candidate, values);
        Object id = identifier(session, model, candidate);
        String sql = model.statements().insert(keys, k -> render(model, keys, model.insertDialect()));

        JdbcParameters parameters = new JdbcParameters(values.length + keys.size() + 2);
        InsertDialect dialect = model.insertDialect();
        if (dialect.keyParametersFirst()) {
            keys.forEach(key -> parameters.addValues(key, values[key.getStateArrayPosition()], session));
        }
        visit(model, values, id, session, (name, expression, value, mapping) -> {
            if (mapping != null) {
                parameters.add(value, mapping);
            }
        });
        Attempt attempt = run(session, dialect, sql, parameters);
        return new Outcome(dialect.reportsInsertedRows() ? attempt.rows() == 1 : null, id, attempt.duplicate(),
                parameters);
    }

    /**
     * After an insert that was skipped although no row has the key (MySQL/MariaDB: {@code on duplicate key update}
     * also swallows a collision on any other unique key, and cannot say which): runs the same row as a plain insert
     * inside a savepoint, so that the database names the constraint that rejects it. Returns that violation,
     * converted as Hibernate converts it (a {@code ConstraintViolationException} with the constraint's name), or
     * {@code null} when the plain insert went through (the other row was deleted meanwhile): the row is inserted.
     * Only for dialects whose key parameters are not bound first.
     */
    static RuntimeException explainSkipped(SharedSessionContractImplementor session, EntityModel model,
            List<AttributeMapping> keys, Outcome outcome) {
        String sql = render(model, keys, InsertDialect.SAVEPOINT);
        Connection connection = session.getJdbcCoordinator().getLogicalConnection().getPhysicalConnection();
        Savepoint savepoint;
        try {
            savepoint = connection.setSavepoint();
        }
        catch (SQLException e) {
            throw session.getJdbcServices().getSqlExceptionHelper().convert(e, "could not set a savepoint");
        }
        try {
            SessionJdbc.tryUpdate(session, sql, outcome.parameters(), statement -> statement.executeUpdate());
            release(connection, savepoint);
            return null;
        }
        catch (SQLException e) {
            rollback(session, connection, savepoint, e);
            return session.getJdbcServices().getSqlExceptionHelper().convert(e, "could not insert", sql);
        }
    }

    private static Attempt run(SharedSessionContractImplementor session, InsertDialect dialect, String sql,
            JdbcParameters parameters) {
        if (!dialect.duplicateMayFail()) {
            return new Attempt(SessionJdbc.executeUpdate(session, sql, parameters), null);
        }
        Connection connection = session.getJdbcCoordinator().getLogicalConnection().getPhysicalConnection();
        Savepoint savepoint = null;
        try {
            savepoint = dialect.needsSavepoint() ? connection.setSavepoint() : null;
            int rows = SessionJdbc.tryUpdate(session, sql, parameters, statement -> statement.executeUpdate());
            if (savepoint != null) {
                release(connection, savepoint);
            }
            return new Attempt(rows, null);
        }
        catch (SQLException e) {
            JDBCException converted = session.getJdbcServices().getSqlExceptionHelper().getSqlExceptionConverter()
                    .convert(e, "could not insert", sql);
            if (savepoint != null) {
                rollback(session, connection, savepoint, e);
            }
            if (converted instanceof ConstraintViolationException violation
                    && violation.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE) {
                // a concurrent transaction inserted the key first; the lookup that follows checks it was this key
                return new Attempt(0, e);
            }
            throw session.getJdbcServices().getSqlExceptionHelper().convert(e, "could not insert", sql);
        }
    }

    private static void release(Connection connection, Savepoint savepoint) {
        try {
            connection.releaseSavepoint(savepoint);
        }
        catch (SQLException e) {
            // some drivers do not support releasing; the savepoint ends with the transaction
        }
    }

    private static void rollback(SharedSessionContractImplementor session, Connection connection, Savepoint savepoint,
            SQLException cause) {
        try {
            connection.rollback(savepoint);
        }
        catch (SQLException e) {
            e.addSuppressed(cause);
            throw session.getJdbcServices().getSqlExceptionHelper().convert(e, "could not roll back to savepoint");
        }
    }

    private static String render(EntityModel model, List<AttributeMapping> keys, InsertDialect dialect) {
        List<String> columns = new ArrayList<>();
        List<String> expressions = new ArrayList<>();
        visit(model, null, null, null, (name, expression, value, mapping) -> {
            columns.add(name);
            expressions.add(expression);
        });
        List<String> keyColumns = new ArrayList<>();
        keys.forEach(key -> AttributeRules.columns(key).forEach(c -> keyColumns.add(c.getSelectionExpression())));
        return dialect.render(model.table(), columns, expressions, keyColumns);
    }

    /**
     * Visits the inserted columns in statement order. Without {@code values} (rendering) only names and expressions
     * are reported; with them, also each bound JDBC value and its mapping ({@code null} for SQL expressions).
     */
    private static void visit(EntityModel model, Object[] values, Object id, SharedSessionContractImplementor session,
            ColumnSink sink) {
        var persister = model.persister();
        var dialect = persister.getFactory().getJdbcServices().getDialect();
        Generator idGenerator = persister.getGenerator();
        if (!idGenerator.generatedOnExecution()) {
            if (values == null) {
                model.idColumns().forEach(c -> sink.column(c.getSelectionExpression(), "?", null, null));
            }
            else {
                persister.getIdentifierMapping().decompose(id, (i, value, column) ->
                        sink.column(column.getSelectionExpression(), "?", value, column.getJdbcMapping()), session);
            }
        }
        else if (idGenerator instanceof OnExecutionGenerator generator && generator.referenceColumnsInSql(dialect)) {
            String[] sql = generator.getReferencedColumnValues(dialect);
            for (int i = 0; i < model.idColumns().size(); i++) {
                sink.column(model.idColumns().get(i).getSelectionExpression(), sql[i], null, null);
            }
        }
        var discriminator = persister.getDiscriminatorMapping();
        if (discriminator != null && discriminator.hasPhysicalColumn() && !discriminator.isFormula()
                && persister.getDiscriminatorSQLValue() != null) {
            sink.column(discriminator.getSelectionExpression(), persister.getDiscriminatorSQLValue(), null, null);
        }
        Generator[] generators = persister.getGenerators();
        for (AttributeMapping attribute : model.attributes()) {
            if (attribute.isPluralAttributeMapping() || !attribute.getAttributeMetadata().isInsertable()) {
                continue;
            }
            int position = attribute.getStateArrayPosition();
            Generator generator = generators[position];
            if (generator != null && generator.generatesOnInsert() && generator.generatedOnExecution()) {
                if (generator instanceof OnExecutionGenerator onExecution && onExecution.referenceColumnsInSql(dialect)) {
                    String[] sql = onExecution.getReferencedColumnValues(dialect);
                    List<SelectableMapping> columns = AttributeRules.columns(attribute);
                    for (int i = 0; i < columns.size(); i++) {
                        sink.column(columns.get(i).getSelectionExpression(), sql[i], null, null);
                    }
                }
                continue;
            }
            if (values == null) {
                attribute.forEachSelectable((i, column) -> {
                    if (inserted(model, attribute, column)) {
                        sink.column(column.getSelectionExpression(), "?", null, null);
                    }
                });
            }
            else {
                attribute.decompose(values[position], (i, value, column) -> {
                    if (column.isInsertable() && !column.isFormula()) {
                        sink.column(column.getSelectionExpression(), "?", value, column.getJdbcMapping());
                    }
                }, session);
            }
        }
    }

    private static boolean inserted(EntityModel model, AttributeMapping attribute, SelectableMapping column) {
        if (!column.isInsertable() || column.isFormula()) {
            return false;
        }
        String table = model.persister().physicalTableNameForMutation(column);
        if (!model.table().equals(table)) {
            throw new IllegalArgumentException("Cannot findOrCreate entity '" + model.entityName()
                    + "': it maps attribute '" + attribute.getAttributeName() + "' to table '" + table
                    + "', and findOrCreate inserts one row into '" + model.table() + "' only");
        }
        return true;
    }

    private static void refuseCollectionElements(EntityModel model, Object[] values) {
        for (AttributeMapping attribute : model.attributes()) {
            Object value = values[attribute.getStateArrayPosition()];
            if (attribute.isPluralAttributeMapping()
                    && (value instanceof Collection<?> c && !c.isEmpty() || value instanceof Map<?, ?> m && !m.isEmpty())) {
                throw new IllegalArgumentException("Cannot findOrCreate entity '" + model.entityName()
                        + "': the factory's instance has elements in collection '" + attribute.getAttributeName()
                        + "'; findOrCreate inserts the entity's own row only, add them to the entity it returns");
            }
        }
    }

    /** Runs the in-memory generators of the insert and seeds the version, as {@code persist} does. */
    private static void generateValues(SharedSessionContractImplementor session, EntityModel model, Object candidate,
            Object[] values) {
        var persister = model.persister();
        Generator[] generators = persister.getGenerators();
        for (int i = 0; i < generators.length; i++) {
            Generator generator = generators[i];
            if (generator != null && generator.generatesOnInsert()
                    && generator.generatedBeforeExecution(candidate, session)) {
                values[i] = ((BeforeExecutionGenerator) generator).generate(session, candidate, values[i],
                        EventType.INSERT);
            }
        }
        if (model.version() != null) {
            int position = persister.getVersionPropertyIndex();
            Object version = values[position];
            if (version == null || version instanceof Number number && number.longValue() < 0) {
                values[position] = persister.getVersionGenerator().generate(session, candidate, null, EventType.INSERT);
            }
        }
    }

    /** The identifier to insert, or {@code null} when the database generates it (identity). */
    private static Object identifier(SharedSessionContractImplementor session, EntityModel model, Object candidate) {
        var persister = model.persister();
        Generator generator = persister.getGenerator();
        if (generator.generatedOnExecution()) {
            return null;
        }
        Object current = persister.getIdentifier(candidate, session);
        Object id = generator.generatesOnInsert() && generator instanceof BeforeExecutionGenerator before
                ? before.generate(session, candidate, generator.allowAssignedIdentifiers() ? current : null,
                        EventType.INSERT)
                : current;
        if (id == null) {
            throw new IllegalArgumentException("Cannot findOrCreate entity '" + model.entityName()
                    + "': the factory's instance has no id and the entity does not generate one; assign it in the "
                    + "factory");
        }
        return id;
    }
}
