package io.hibernatecas.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.SelectableMapping;
import org.hibernate.persister.entity.EntityPersister;

/**
 * What a client says it saw of an entity (the invoice story: a web client read version 12 and posts it back later).
 * The coordinators then check the database against these values instead of the ones this transaction loaded, so the
 * update fails (HTTP 412) when the row changed before the load as well as between load and flush.
 */
final class ClientExpectations {

    /** The client's view of one entity instance: a version, or attribute values, or both. */
    record Expectation(boolean hasVersion, Object version, Map<String, Object> values) {
    }

    private static final SessionScoped<Expectation> EXPECTATIONS = new SessionScoped<>();

    private ClientExpectations() {
    }

    static void expectVersion(SharedSessionContractImplementor session, EntityPersister persister, Object entity,
            Object version) {
        if (!persister.isVersioned()) {
            throw new IllegalArgumentException("Entity '" + persister.getEntityName() + "' has no @Version attribute; "
                    + "use expectValues() to state the attribute values the client saw");
        }
        var versionMapping = persister.getVersionMapping();
        Object converted = EntityModel.checked(versionMapping, version, () -> new IllegalArgumentException(
                "Cannot expectVersion for entity '" + persister.getEntityName() + "': the expected version is a "
                + version.getClass().getName() + " that cannot be converted to "
                + versionMapping.getJavaType().getJavaTypeClass().getName() + ", the type of its @Version attribute '"
                + versionMapping.getVersionAttribute().getAttributeName() + "'"));
        Expectation current = EXPECTATIONS.get(session, entity);
        EXPECTATIONS.put(session, entity, new Expectation(true, converted,
                current == null ? Map.of() : current.values()));
    }

    static void expectValues(SharedSessionContractImplementor session, EntityPersister persister, Object entity,
            Map<String, Object> values) {
        List<String> allowed = checkableAttributes(persister);
        for (String name : values.keySet()) {
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("Entity '" + persister.getEntityName() + "' has no attribute '"
                        + name + "' that can be checked; allowed: " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        Map<String, Object> convertedValues = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            AttributeMapping attribute = persister.findAttributeMapping(name);
            // a number is converted for a numeric attribute (a Long for an int); anything else must have the type
            Supplier<IllegalArgumentException> refusal = () -> new IllegalArgumentException(
                    "Cannot expectValues for entity '" + persister.getEntityName() + "': the value of '" + name
                    + "' is a " + value.getClass().getName() + " that cannot be converted to "
                    + attribute.getJavaType().getJavaTypeClass().getName() + ", the type of the attribute");
            boolean numeric = value instanceof Number
                    && Number.class.isAssignableFrom(attribute.getJavaType().getJavaTypeClass());
            if (value != null && !numeric && !attribute.getJavaType().isInstance(value)) {
                throw refusal.get();
            }
            convertedValues.put(name, EntityModel.checked(attribute, value, refusal));
        });
        Expectation current = EXPECTATIONS.get(session, entity);
        Map<String, Object> merged = new LinkedHashMap<>(current == null ? Map.of() : current.values());
        merged.putAll(convertedValues);
        EXPECTATIONS.put(session, entity, new Expectation(current != null && current.hasVersion(),
                current == null ? null : current.version(), merged));
    }

    static Expectation of(SharedSessionContractImplementor session, Object entity) {
        return entity == null ? null : EXPECTATIONS.get(session, entity);
    }

    /** The expectations of the session's entities that no statement has carried yet. */
    static Map<Object, Expectation> pending(SharedSessionContractImplementor session) {
        return EXPECTATIONS.all(session);
    }

    /** Forgets the expectation once a statement carrying it succeeded: the client's view is now written. */
    static void fulfilled(SharedSessionContractImplementor session, Object entity) {
        if (entity != null) {
            EXPECTATIONS.remove(session, entity);
        }
    }

    /** Singular attributes whose columns live in the table that holds id and version, minus id and version. */
    static List<String> checkableAttributes(EntityPersister persister) {
        List<String> names = new ArrayList<>();
        var version = persister.getVersionMapping();
        var attributes = persister.getAttributeMappings();
        for (int a = 0; a < attributes.size(); a++) {
            AttributeMapping attribute = attributes.get(a);
            if (attribute.isPluralAttributeMapping() || attribute.getJdbcTypeCount() == 0
                    || version != null && attribute == version.getVersionAttribute()) {
                continue;
            }
            boolean inIdentifierTable = true;
            for (int i = 0; i < attribute.getJdbcTypeCount(); i++) {
                SelectableMapping column = attribute.getSelectable(i);
                inIdentifierTable &= !column.isFormula()
                        && persister.physicalTableNameForMutation(column).equals(persister.getIdentifierTableName());
            }
            if (inIdentifierTable) {
                names.add(attribute.getAttributeName());
            }
        }
        return names;
    }
}
