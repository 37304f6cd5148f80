package io.hibernatecas.spring;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import io.hibernatecas.CasOperations;

import org.hibernate.Hibernate;

import jakarta.persistence.EntityManager;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.SingularAttribute;

/**
 * The {@code If-Match} header of a request, for a resource whose entity tag is its entity's {@code @Version}.
 * Declare it as a parameter of a controller method (the auto-configuration resolves it) and hand it to the code
 * that loaded the entity:
 * <pre>{@code
 * @PutMapping("/invoices/{id}")
 * ResponseEntity<InvoiceView> update(@PathVariable long id, IfMatch ifMatch, @RequestBody InvoiceView body) {
 *     Invoice saved = invoices.update(id, ifMatch, body);       // @Transactional: load, ifMatch.expectOn(invoice), change
 *     return ResponseEntity.ok().eTag(IfMatch.etag(saved.getVersion())).body(InvoiceView.of(saved));
 * }
 * }</pre>
 * {@link #expectOn(Object)} parses the entity-tag into the type of the entity's version and calls
 * {@link CasOperations#expectVersion}: the flush then checks the client's version, and a stale one fails with a
 * 412 conflict, also when the request changes nothing.
 * <p>
 * Accepted: one entity-tag, quoted as RFC 9110 requires ({@code "12"}); a weak one ({@code W/"12"}) is compared
 * like a strong one, since a version identifies one state of the row exactly. {@code *} and an absent header set
 * no expectation. A header that is malformed, unquoted, or lists several tags fails with
 * {@link IfMatchException} (400); a tag that is no value of the version's type (a client's tag of another
 * resource) with {@link IfMatchException} (412), since it cannot match.
 */
public final class IfMatch {

    private static final IfMatch ABSENT = new IfMatch(null, false, null);

    private final String tag;
    private final boolean any;
    private final Supplier<EntityManager> entityManager;

    private IfMatch(String tag, boolean any, Supplier<EntityManager> entityManager) {
        this.tag = tag;
        this.any = any;
        this.entityManager = entityManager;
    }

    /** The header's values as a request carries them ({@code null} or empty: no header). */
    public static IfMatch parse(List<String> headerValues) {
        return parse(headerValues, null);
    }

    /** One header value. */
    public static IfMatch parse(String headerValue) {
        return parse(headerValue == null ? null : List.of(headerValue));
    }

    /**
     * As {@link #parse(List)}, with the {@code EntityManager} of the current transaction for {@link #expectOn(Object)}.
     */
    public static IfMatch parse(List<String> headerValues, Supplier<EntityManager> entityManager) {
        if (headerValues == null || headerValues.isEmpty()) {
            return entityManager == null ? ABSENT : new IfMatch(null, false, entityManager);
        }
        String header = String.join(",", headerValues).trim();
        if (header.equals("*")) {
            return new IfMatch(null, true, entityManager);
        }
        List<String> tags = tags(header);
        if (tags.size() != 1) {
            throw IfMatchException.badRequest("If-Match lists " + tags.size()
                    + " entity-tags; this resource compares one, its version: If-Match: \"<version>\"");
        }
        return new IfMatch(tags.get(0), false, entityManager);
    }

    /** {@code "12"}: the strong entity-tag of a version, for an {@code ETag} response header. */
    public static String etag(Object version) {
        Objects.requireNonNull(version, "version");
        return "\"" + version + "\"";
    }

    /** Whether the request carried an entity-tag (not {@code *}, not absent). */
    public boolean isPresent() {
        return tag != null;
    }

    /** Whether the request said {@code If-Match: *} (any current state). */
    public boolean isAny() {
        return any;
    }

    /** The entity-tag's value without quotes and weakness marker, when {@link #isPresent()}. */
    public Optional<String> tag() {
        return Optional.ofNullable(tag);
    }

    /**
     * Sets the client's version as the expectation of {@code entity}'s next {@code UPDATE} or {@code DELETE}
     * ({@link CasOperations#expectVersion}); does nothing without a tag. Uses the {@code EntityManager} of the
     * current Spring transaction, so call it inside the {@code @Transactional} method that loaded the entity.
     *
     * @throws IllegalStateException when no transaction's {@code EntityManager} is at hand (the instance was not
     *     resolved by Spring MVC, or no transaction is active)
     */
    public void expectOn(Object entity) {
        if (tag == null) {
            return;
        }
        EntityManager em = entityManager == null ? null : entityManager.get();
        if (em == null) {
            throw new IllegalStateException("IfMatch.expectOn(entity) needs the EntityManager of the transaction that "
                    + "loaded the entity: call it inside that @Transactional method, or use expectOn(em, entity)");
        }
        expectOn(em, entity);
    }

    /** As {@link #expectOn(Object)}, with the {@code EntityManager} that manages {@code entity}. */
    public void expectOn(EntityManager em, Object entity) {
        if (tag == null) {
            return;
        }
        CasOperations.expectVersion(em, entity, version(em, entity));
    }

    /** The tag as a value of {@code entity}'s version type. */
    Object version(EntityManager em, Object entity) {
        Class<?> entityClass = Hibernate.getClass(entity);
        EntityType<?> type = em.getMetamodel().entity(entityClass);
        SingularAttribute<?, ?> version = type.getSingularAttributes().stream()
                .filter(SingularAttribute::isVersion)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("If-Match needs a @Version: " + entityClass.getName()
                        + " has none"));
        Class<?> javaType = version.getJavaType();
        try {
            return convert(tag, javaType);
        }
        catch (NumberFormatException | DateTimeParseException e) {
            throw IfMatchException.preconditionFailed("If-Match \"" + tag + "\" is not a version of "
                    + type.getName() + " (" + javaType.getSimpleName() + "), so it cannot match");
        }
    }

    private static Object convert(String value, Class<?> type) {
        if (type == Long.class || type == long.class) {
            return Long.valueOf(value);
        }
        if (type == Integer.class || type == int.class) {
            return Integer.valueOf(value);
        }
        if (type == Short.class || type == short.class) {
            return Short.valueOf(value);
        }
        if (type == BigInteger.class) {
            return new BigInteger(value);
        }
        if (type == Instant.class) {
            return Instant.parse(value);
        }
        if (type == LocalDateTime.class) {
            return LocalDateTime.parse(value);
        }
        if (type == OffsetDateTime.class) {
            return OffsetDateTime.parse(value);
        }
        throw new IllegalArgumentException("If-Match cannot be compared with a version of type " + type.getName()
                + "; supported: long, int, short, BigInteger, Instant, LocalDateTime, OffsetDateTime");
    }

    /** The entity-tags of a header value: {@code "a"}, {@code W/"a"}, separated by commas. */
    private static List<String> tags(String header) {
        List<String> tags = new ArrayList<>();
        int i = 0;
        int n = header.length();
        while (i < n) {
            while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == '\t' || header.charAt(i) == ',')) {
                i++;
            }
            if (i == n) {
                break;
            }
            if (header.startsWith("W/", i)) {
                i += 2;
            }
            if (i == n || header.charAt(i) != '"') {
                throw IfMatchException.badRequest("Malformed If-Match header: entity-tags are quoted, as in "
                        + "If-Match: \"12\" or W/\"12\"");
            }
            int close = header.indexOf('"', i + 1);
            if (close < 0) {
                throw IfMatchException.badRequest("Malformed If-Match header: an entity-tag lacks its closing quote");
            }
            tags.add(header.substring(i + 1, close));
            i = close + 1;
            while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == '\t')) {
                i++;
            }
            if (i < n && header.charAt(i) != ',') {
                throw IfMatchException.badRequest("Malformed If-Match header: entity-tags are separated by commas");
            }
        }
        if (tags.isEmpty()) {
            throw IfMatchException.badRequest("Malformed If-Match header: no entity-tag");
        }
        return tags;
    }

    @Override
    public String toString() {
        return any ? "IfMatch[*]" : tag == null ? "IfMatch[absent]" : "IfMatch[\"" + tag + "\"]";
    }
}
