package io.hibernatecas;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
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
 * <p>
 * <b>Java serialization</b> (a remote EJB call, a session store) keeps the entity name, the reason, the HTTP status,
 * the changed attributes and every identifier, version and value that is itself serializable; a value that is not
 * is left out (its getter answers {@code null}), and the entity instance is always dropped ({@link #getEntity()}
 * answers {@code null}).
 */
public final class Conflict implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

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

    /** The entity instance whose statement conflicted; {@code null} after Java serialization. */
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

    @Serial
    private Object writeReplace() {
        return new Serialized(this);
    }

    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a Conflict is read through its serialized form");
    }

    /** The serialized form: the conflict without the entity, with the serializable values only. */
    private static final class Serialized implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        private final String entityName;
        private final Object identifier;
        private final ConflictReason reason;
        private final Object expectedVersion;
        private final Object actualVersion;
        private final ArrayList<String> changedAttributes;
        private final LinkedHashMap<String, Object> expectedValues;
        private final LinkedHashMap<String, Object> actualValues;
        private final int httpStatus;

        Serialized(Conflict conflict) {
            entityName = conflict.entityName;
            identifier = serializableOrNull(conflict.identifier);
            reason = conflict.reason;
            expectedVersion = serializableOrNull(conflict.expectedVersion);
            actualVersion = serializableOrNull(conflict.actualVersion);
            changedAttributes = new ArrayList<>(conflict.changedAttributes);
            expectedValues = serializableOnly(conflict.expectedValues);
            actualValues = serializableOnly(conflict.actualValues);
            httpStatus = conflict.httpStatus;
        }

        @Serial
        private Object readResolve() {
            return new Conflict(entityName, identifier, null, reason, expectedVersion, actualVersion,
                    changedAttributes, expectedValues, actualValues, httpStatus);
        }

        private static LinkedHashMap<String, Object> serializableOnly(Map<String, Object> values) {
            LinkedHashMap<String, Object> kept = new LinkedHashMap<>();
            values.forEach((name, value) -> {
                if (isSerializable(value)) {
                    kept.put(name, value);
                }
            });
            return kept;
        }

        private static Object serializableOrNull(Object value) {
            return isSerializable(value) ? value : null;
        }

        /** Tried, not guessed: a {@code List} is {@code Serializable} but its elements may not be. */
        private static boolean isSerializable(Object value) {
            if (value == null || value instanceof String || value instanceof Enum) {
                return true;
            }
            try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
                out.writeObject(value);
                return true;
            }
            catch (IOException | RuntimeException e) {
                return false;
            }
        }
    }
}
