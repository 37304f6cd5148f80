package io.hibernatecas;

/**
 * Every configuration key of hibernate-cas, in the style of Hibernate's own {@code AvailableSettings}: set them in
 * {@code persistence.xml}, {@code hibernate.properties} or any map passed to Hibernate's bootstrap. A value that
 * cannot be parsed, or a {@code hibernate.cas.*} key that is not listed here, fails the bootstrap with a message
 * naming the key, the value and what is allowed. Keys under {@code hibernate.cas.spring.} belong to the Spring Boot
 * module ({@code docs/spring-boot.md}) and are ignored here.
 */
public final class CasSettings {

    /** Prefix of every key. */
    public static final String PREFIX = "hibernate.cas.";

    /**
     * Whether hibernate-cas takes part at all. With {@code false} nothing of ours is registered: {@link Cas @Cas}
     * attributes are not guarded (one WARN names the entities that use it) and conflicts are Hibernate's own.
     * <p>
     * Values: {@code true} or {@code false}. Default: {@code true}.
     */
    public static final String ENABLED = "hibernate.cas.enabled";

    /**
     * Whether a failed flush is followed by one diagnostic {@code SELECT} (on the same connection and transaction)
     * that tells a deleted row from a changed version or field, and finds every conflicting row of the flush.
     * With {@code false} the exception is still typed and names entity, identifier and expected version, with
     * reason {@link ConflictReason#UNKNOWN}.
     * <p>
     * Values: {@code true} or {@code false}. Default: {@code true}.
     */
    public static final String DIAGNOSE = "hibernate.cas.diagnose";

    /**
     * What to do when the JDBC driver answers a guarded statement with {@code SUCCESS_NO_INFO} (-2), or the
     * connection counts affected instead of matched rows (MariaDB/MySQL {@code useAffectedRows=true}), so that a
     * conflict could pass unseen. {@code fail} throws {@link UnverifiableUpdateException} naming the driver
     * setting to change; {@code warn} logs a WARN (once per entity) and lets the statement count as a success.
     * <p>
     * Values: {@code fail} or {@code warn}. Default: {@code fail}.
     */
    public static final String UNVERIFIABLE_UPDATES = "hibernate.cas.unverifiable_updates";

    /**
     * Whether conflict messages show expected and actual field values. Off by default because a message ends up
     * in logs and HTTP responses and a value can be personal data; the exception getters always carry values.
     * <p>
     * Values: {@code true} or {@code false}. Default: {@code false}.
     */
    public static final String MESSAGES_INCLUDE_VALUES = "hibernate.cas.messages.include_values";

    /**
     * How many times {@code CasRetry} runs the work again after a retryable failure. {@code 0} runs it once and
     * never retries.
     * <p>
     * Values: a whole number {@code >= 0}. Default: {@code 1}.
     */
    public static final String RETRY_MAX_RETRIES = "hibernate.cas.retry.max_retries";

    /**
     * The pause before the first retry; each further retry doubles it (with jitter) up to
     * {@link #RETRY_MAX_BACKOFF}.
     * <p>
     * Values: a duration {@code >= 0} such as {@code 10ms}, {@code 2s} or ISO-8601 {@code PT0.01S}; a bare number
     * means milliseconds. Default: {@code 10ms}.
     */
    public static final String RETRY_INITIAL_BACKOFF = "hibernate.cas.retry.initial_backoff";

    /**
     * The longest pause between two attempts of {@code CasRetry}.
     * <p>
     * Values: a duration, at least {@link #RETRY_INITIAL_BACKOFF}, written like it. Default: {@code 500ms}.
     */
    public static final String RETRY_MAX_BACKOFF = "hibernate.cas.retry.max_backoff";

    private CasSettings() {
    }
}
