package io.hibernatecas.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import io.hibernatecas.Cas;

import org.hibernate.annotations.TenantId;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.EntityVersionMapping;
import org.hibernate.metamodel.mapping.ModelPart;
import org.hibernate.metamodel.mapping.SelectableMapping;
import org.hibernate.persister.entity.EntityPersister;

/**
 * What the operations need to know about one entity, read once from Hibernate's runtime mapping model: the table
 * that holds the identifier, the identifier and version columns, which attributes each {@link Operation} accepts,
 * the {@link Cas @Cas(ALWAYS)} guards, and the entity's {@link CasStatements}. Cached per persister in the
 * {@link OperationsRegistry}; immutable apart from the statement cache.
 */
final class EntityModel {

    private final EntityPersister persister;
    private final OperationsRegistry registry;
    private final String table;
    private final List<SelectableMapping> idColumns;
    private final EntityVersionMapping version;
    private final boolean versionIncrementedInSql;
    private final Set<String> querySpaces;
    private final List<AttributeMapping> attributeList;
    private final Map<String, AttributeMapping> attributes = new HashMap<>();
    private final Map<Operation, Map<String, AttributeMapping>> accepted = new EnumMap<>(Operation.class);
    private final Map<Operation, String> acceptedNames = new EnumMap<>(Operation.class);
    private final List<AttributeMapping> casGuards = new ArrayList<>();
    private final AttributeMapping tenant;
    private final EntityLifecycle lifecycle;
    private final String unsupported;
    private final CasStatements statements;

    /** The model of {@code type} in the session's factory; a class that is not an entity is refused. */
    static EntityModel of(SharedSessionContractImplementor session, Class<?> type, Operation operation) {
        if (type == null) {
            throw new IllegalArgumentException("Cannot " + operation.method() + ": the entity class is null");
        }
        EntityPersister persister = session.getFactory().getMappingMetamodel().findEntityDescriptor(type);
        if (persister == null) {
            throw new IllegalArgumentException("Cannot " + operation.method() + ": '" + type.getName()
                    + "' is not an entity of this persistence unit");
        }
        return of(session, persister);
    }

    static EntityModel of(SharedSessionContractImplementor session, EntityPersister persister) {
        return OperationsRegistry.of(session.getFactory()).model(persister);
    }

    EntityModel(EntityPersister persister, OperationsRegistry registry) {
        this.persister = persister;
        this.registry = registry;
        this.table = persister.getIdentifierTableName();
        List<SelectableMapping> ids = new ArrayList<>();
        persister.getIdentifierMapping().forEachSelectable((index, column) -> ids.add(column));
        this.idColumns = List.copyOf(ids);
        this.version = persister.getVersionMapping();
        this.versionIncrementedInSql = version != null
                && Number.class.isAssignableFrom(version.getJavaType().getJavaTypeClass());
        this.querySpaces = Set.copyOf(Arrays.asList((String[]) persister.getQuerySpaces()));
        for (Operation operation : Operation.values()) {
            accepted.put(operation, new HashMap<>());
        }
        List<AttributeMapping> all = new ArrayList<>();
        persister.getAttributeMappings().forEach(all::add);
        this.attributeList = List.copyOf(all);
        for (AttributeMapping attribute : attributeList) {
            attributes.put(attribute.getAttributeName(), attribute);
            for (Operation operation : Operation.values()) {
                if (AttributeRules.refusal(operation, attribute, persister) == null) {
                    accepted.get(operation).put(attribute.getAttributeName(), attribute);
                }
            }
            Cas cas = CasAnnotations.find(persister.getMappedClass(), attribute.getAttributeName());
            if (cas != null && cas.when() == Cas.When.ALWAYS && attribute.getJdbcTypeCount() > 0) {
                casGuards.add(attribute);
            }
        }
        accepted.forEach((operation, names) -> acceptedNames.put(operation, new TreeSet<>(names.keySet()).toString()));
        this.tenant = attributeList.stream().filter(attribute -> CasAnnotations.find(persister.getMappedClass(),
                attribute.getAttributeName(), TenantId.class) != null).findFirst().orElse(null);
        this.unsupported = persister.getSoftDeleteMapping() != null
                ? "it is mapped with @SoftDelete, and CasOperations' statements would see and write deleted rows"
                : persister.hasWhereRestrictions()
                ? "it has an @SQLRestriction, which CasOperations' statements cannot apply"
                : null;
        this.lifecycle = new EntityLifecycle(persister, attributeList);
        this.statements = new CasStatements(this);
    }

    EntityPersister persister() {
        return persister;
    }

    String entityName() {
        return persister.getEntityName();
    }

    String table() {
        return table;
    }

    List<SelectableMapping> idColumns() {
        return idColumns;
    }

    /** Every attribute of the entity but the identifier, in state-array order. */
    List<AttributeMapping> attributes() {
        return attributeList;
    }

    /** The {@code @Version} mapping, or {@code null}. */
    EntityVersionMapping version() {
        return version;
    }

    /** Whether the version is numeric, so that SQL can bump it ({@code version=version+1}). */
    boolean versionIncrementedInSql() {
        return versionIncrementedInSql;
    }

    Set<String> querySpaces() {
        return querySpaces;
    }

    /** The {@code @Cas(ALWAYS)} attributes: every update of the entity checks their loaded values. */
    List<AttributeMapping> casGuards() {
        return casGuards;
    }

    CasStatements statements() {
        return statements;
    }

    ColumnPrecision normalizer() {
        return registry.normalizer();
    }

    InsertDialect insertDialect() {
        return registry.insertDialect();
    }

    /** How guards compare on this database ({@code col=?} made exact). */
    ExactComparison exact() {
        return registry.exact();
    }

    /** The attribute called {@code name} if {@code operation} accepts it; otherwise the refusal, with the reason. */
    AttributeMapping attribute(Operation operation, String name) {
        AttributeMapping attribute = name == null ? null : accepted.get(operation).get(name);
        if (attribute != null) {
            return attribute;
        }
        AttributeMapping known = name == null ? null : attributes.get(name);
        String reason = known != null ? AttributeRules.refusal(operation, known, persister)
                : name != null && name.equals(persister.getIdentifierPropertyName()) ? "it is the identifier"
                : "no such persistent attribute";
        throw refuse(operation, name, reason);
    }

    /** Whether {@code operation} accepts {@code attribute}. */
    boolean accepts(Operation operation, AttributeMapping attribute) {
        return accepted.get(operation).get(attribute.getAttributeName()) == attribute;
    }

    IllegalArgumentException refuse(Operation operation, String name, String reason) {
        return new IllegalArgumentException("Cannot " + operation.phrase() + " '" + name + "' of entity '"
                + entityName() + "': " + reason + "; " + operation.method() + " accepts " + acceptedNames.get(operation));
    }

    /** A refusal of a value for an accepted attribute: no list of accepted attributes. */
    IllegalArgumentException refuseValue(Operation operation, String name, String reason) {
        return new IllegalArgumentException("Cannot " + operation.phrase() + " '" + name + "' of entity '"
                + entityName() + "': " + reason);
    }

    /** {@code value} as the attribute's Java type (coerced, e.g. an {@code Integer} for a {@code long}). */
    Object value(Operation operation, AttributeMapping attribute, String role, Object value) {
        return checked(attribute, value, () -> refuseValue(operation, attribute.getAttributeName(), "the " + role
                + " is a " + value.getClass().getName() + ", not a "
                + attribute.getJavaType().getJavaTypeClass().getName()));
    }

    /** The identifier, coerced to the identifier's Java type; {@code null} or a wrong type is refused. */
    Object id(Operation operation, Object id) {
        if (id == null) {
            throw new IllegalArgumentException("Cannot " + operation.method() + " entity '" + entityName()
                    + "': the id is null");
        }
        var idMapping = persister.getIdentifierMapping();
        return checked(idMapping, id, () -> new IllegalArgumentException("Cannot " + operation.method()
                + " entity '" + entityName() + "': the id is a " + id.getClass().getName() + ", not a "
                + idMapping.getJavaType().getJavaTypeClass().getName()));
    }

    /**
     * The {@code @TenantId} attribute, or {@code null}: every statement is restricted to the session's tenant (as
     * Hibernate's tenant filter restricts its reads), so another tenant's row is missing.
     */
    AttributeMapping tenant() {
        return tenant;
    }

    /** The callbacks and update-time generators of the entity. */
    EntityLifecycle lifecycle() {
        return lifecycle;
    }

    /**
     * Refuses a write by id ({@code compareAndSet}, {@code increment}) of an entity with {@code @PreUpdate} or
     * {@code @PostUpdate} callbacks: they need the instance, which such a write never loads.
     */
    void requireNoUpdateCallbacks(Operation operation) {
        if (lifecycle.hasUpdateCallbacks()) {
            throw new IllegalArgumentException("Cannot " + operation.method() + " entity '" + entityName()
                    + "': it has @PreUpdate or @PostUpdate callbacks (on the entity or its entity listeners), which a "
                    + "write by id cannot run without loading the row; load it and use CasOperations.update(em, "
                    + "entity, change), which runs them");
        }
    }

    /** The column of {@link #tenant()}, or {@code null}. */
    SelectableMapping tenantColumn() {
        return tenant == null ? null : tenant.getSelectable(0);
    }

    /** The session's tenant identifier as the {@code @TenantId} attribute's type. */
    Object tenantValue(SharedSessionContractImplementor session) {
        Object value = session.getTenantIdentifierValue();
        if (value == null) {
            throw new IllegalStateException("Entity '" + entityName() + "' has a @TenantId, but the session has no "
                    + "tenant identifier");
        }
        return checked(tenant, value, () -> new IllegalArgumentException("Entity '" + entityName() + "': the "
                + "session's tenant identifier is a " + value.getClass().getName() + ", not a "
                + tenant.getJavaType().getJavaTypeClass().getName()));
    }

    /** Adds the identifier's values and, for a {@code @TenantId} entity, the session's tenant. */
    JdbcParameters addId(JdbcParameters parameters, Object id, SharedSessionContractImplementor session) {
        parameters.addValues(persister.getIdentifierMapping(), id, session);
        if (tenant != null) {
            parameters.addValues(tenant, tenantValue(session), session);
        }
        return parameters;
    }

    /**
     * Refuses an entity whose rows carry a restriction that Hibernate applies to its own statements and that these
     * statements cannot apply ({@code @SoftDelete}, {@code @SQLRestriction}), and a version the operations cannot
     * maintain.
     */
    void requireSupported(Operation operation) {
        if (unsupported != null) {
            throw new IllegalArgumentException("Cannot " + operation.method() + " entity '" + entityName() + "': "
                    + unsupported + "; load it and change it in the persistence context instead");
        }
        if (operation.writes()) {
            requireMaintainableVersion(operation);
        }
    }

    /** Refuses the operation when the version is one CasOperations cannot maintain. */
    void requireMaintainableVersion(Operation operation) {
        if (version != null && persister.isVersionPropertyGenerated()) {
            throw new IllegalArgumentException("Cannot " + operation.method() + " entity '" + entityName()
                    + "': its @Version is generated by the database, so CasOperations cannot maintain it");
        }
    }

    /** Whether the mapping declares exactly the columns of {@code keys} unique. */
    boolean isUniqueKey(List<AttributeMapping> keys) {
        Set<String> columns = new LinkedHashSet<>();
        keys.forEach(key -> key.forEachSelectable((index, column) -> columns.add(column.getSelectionExpression())));
        return registry.uniqueKeys().covers(entityName(), columns);
    }

    /** {@code value} as the Java type of {@code part} ({@code JavaType#coerce}), or {@code refusal}. */
    static Object checked(ModelPart part, Object value, Supplier<IllegalArgumentException> refusal) {
        if (value == null) {
            return null;
        }
        var javaType = part.getJavaType();
        if (javaType.isInstance(value)) {
            return value;
        }
        try {
            Object coerced = javaType.coerce(value);
            if (javaType.isInstance(coerced)) {
                return coerced;
            }
        }
        catch (RuntimeException e) {
            // not coercible: refused below
        }
        throw refusal.get();
    }
}
