package io.hibernatecas;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of a flush whose guarded {@code UPDATE} or {@code DELETE} did not (or would not) match: what this
 * transaction expected and what the database holds now. Immutable.
 * <p>
 * Values are "as the guard compares them": a basic attribute's domain value, the referenced identifier for a
 * to-one association, and for an {@code @Embedded} attribute the list of its column values in mapping order.
 */
public final class Conflict {

    private final String entityName;
    private final Object identifier;
    private final Object entity;
    private final ConflictReason reason;
    private final Object expectedVersion;
    private final Object actualVersion;
    private final List<String> changedAttributes;
    private final Map<String, Object> expectedValues;
    private final Map<String, Object> actualValues;
    private final int httpStatus;

    /**
     * Creates a conflict; used by the library when a flush fails.
     *
     * @param expectedValues the loaded value of every {@link Cas @Cas} attribute the statement checked
     * @param actualValues the value the diagnostic read found, for the same attributes (empty when not read)
     */
    public Conflict(String entityName, Object identifier, Object entity, ConflictReason reason,
            Object expectedVersion, Object actualVersion, List<String> changedAttributes,
            Map<String, Object> expectedValues, Map<String, Object> actualValues, int httpStatus) {
        this.entityName = entityName;
        this.identifier = identifier;
        this.entity = entity;
        this.reason = reason;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
        this.changedAttributes = List.copyOf(changedAttributes);
        this.expectedValues = Collections.unmodifiableMap(new LinkedHashMap<>(expectedValues));
        this.actualValues = Collections.unmodifiableMap(new LinkedHashMap<>(actualValues));
        this.httpStatus = httpStatus;
    }

    /** The Hibernate entity name, usually the fully qualified class name. */
    public String getEntityName() {
        return entityName;
    }

    public Object getIdentifier() {
        return identifier;
    }

    /** The entity instance whose statement conflicted. */
    public Object getEntity() {
        return entity;
    }

    public ConflictReason getReason() {
        return reason;
    }

    /** The version this transaction loaded, or {@code null} when the entity has no {@code @Version}. */
    public Object getExpectedVersion() {
        return expectedVersion;
    }

    /**
     * The version the database holds now; {@code null} when the entity has no {@code @Version}, the row is gone,
     * or the reason is {@link ConflictReason#UNKNOWN}.
     */
    public Object getActualVersion() {
        return actualVersion;
    }

    /** The {@link Cas @Cas} attributes whose database value differs from the loaded one, in mapping order. */
    public List<String> getChangedAttributes() {
        return changedAttributes;
    }

    /** The loaded value of a {@link Cas @Cas} attribute that the statement checked, or {@code null}. */
    public Object getExpectedValue(String attribute) {
        return expectedValues.get(attribute);
    }

    /** The value the diagnostic read found for a {@link Cas @Cas} attribute, or {@code null}. */
    public Object getActualValue(String attribute) {
        return actualValues.get(attribute);
    }

    /** Every checked attribute with its loaded value. */
    public Map<String, Object> getExpectedValues() {
        return expectedValues;
    }

    /** Every checked attribute with the value the diagnostic read found (empty when nothing was read). */
    public Map<String, Object> getActualValues() {
        return actualValues;
    }

    /** The HTTP status a web layer should answer: 404 when the row was deleted, otherwise 409. */
    public int getHttpStatus() {
        return httpStatus;
    }

    @Override
    public String toString() {
        return "Conflict[" + entityName + "#" + identifier + ", " + reason + "]";
    }
}
