package io.hibernatecas.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import io.hibernatecas.CasConfigurationException;
import io.hibernatecas.CasSettings;

/**
 * The parsed {@code hibernate.cas.*} settings of one {@code SessionFactory}. Parsing is strict: a value of the wrong
 * type, out of range, or an unknown {@code hibernate.cas.*} key fails with a {@link CasConfigurationException}
 * naming the key, the value and what is allowed; nothing is clamped.
 */
public record CasConfig(
        boolean enabled,
        boolean diagnose,
        boolean failOnUnverifiable,
        boolean includeValues,
        int maxRetries,
        Duration initialBackoff,
        Duration maxBackoff) {

    public static final boolean DEFAULT_ENABLED = true;
    public static final boolean DEFAULT_DIAGNOSE = true;
    public static final String DEFAULT_UNVERIFIABLE_UPDATES = "fail";
    public static final boolean DEFAULT_INCLUDE_VALUES = false;
    public static final int DEFAULT_MAX_RETRIES = 1;
    /**
     * The largest {@code hibernate.cas.retry.max_retries} the bootstrap accepts: with the default backoff a hundred
     * retries already wait about 45 seconds, longer than a caller (or a web request) waits; a larger number is a
     * typo or a livelock in disguise.
     */
    public static final int MAX_RETRIES_LIMIT = 100;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(10);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMillis(500);

    /** Every key this version understands. */
    public static final List<String> KNOWN_KEYS = List.of(
            CasSettings.ENABLED, CasSettings.DIAGNOSE, CasSettings.UNVERIFIABLE_UPDATES,
            CasSettings.MESSAGES_INCLUDE_VALUES, CasSettings.RETRY_MAX_RETRIES,
            CasSettings.RETRY_INITIAL_BACKOFF, CasSettings.RETRY_MAX_BACKOFF);

    /**
     * Keys of hibernate-cas-spring-boot, read from Spring's {@code Environment}; Hibernate sees them too when they
     * are system properties, so they are not "unknown" here.
     */
    static final String SPRING_PREFIX = CasSettings.PREFIX + "spring.";

    /** Reads and validates the settings; absent keys take their documented default. */
    public static CasConfig from(Map<?, ?> settings) {
        rejectUnknownKeys(settings);
        Duration initial = duration(settings, CasSettings.RETRY_INITIAL_BACKOFF, DEFAULT_INITIAL_BACKOFF);
        Duration max = duration(settings, CasSettings.RETRY_MAX_BACKOFF, DEFAULT_MAX_BACKOFF);
        if (max.compareTo(initial) < 0) {
            throw invalid(CasSettings.RETRY_MAX_BACKOFF, settings.get(CasSettings.RETRY_MAX_BACKOFF) == null
                            ? format(max) : settings.get(CasSettings.RETRY_MAX_BACKOFF),
                    "a duration >= " + CasSettings.RETRY_INITIAL_BACKOFF + " (" + format(initial) + ")");
        }
        return new CasConfig(
                bool(settings, CasSettings.ENABLED, DEFAULT_ENABLED),
                bool(settings, CasSettings.DIAGNOSE, DEFAULT_DIAGNOSE),
                unverifiable(settings),
                bool(settings, CasSettings.MESSAGES_INCLUDE_VALUES, DEFAULT_INCLUDE_VALUES),
                wholeNumber(settings, CasSettings.RETRY_MAX_RETRIES, DEFAULT_MAX_RETRIES, MAX_RETRIES_LIMIT),
                initial,
                max);
    }

    /** Whether the settings switch the library on, read without validating anything else. */
    public static boolean isEnabled(Map<?, ?> settings) {
        return bool(settings, CasSettings.ENABLED, DEFAULT_ENABLED);
    }

    private static void rejectUnknownKeys(Map<?, ?> settings) {
        for (Object key : settings.keySet()) {
            if (key instanceof String name && name.startsWith(CasSettings.PREFIX) && !KNOWN_KEYS.contains(name)
                    && !name.startsWith(SPRING_PREFIX)) {
                throw new CasConfigurationException("Unknown setting '" + name + "': hibernate-cas understands "
                        + String.join(", ", new TreeSet<>(KNOWN_KEYS)));
            }
        }
    }

    private static boolean bool(Map<?, ?> settings, String key, boolean defaultValue) {
        Object value = settings.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw invalid(key, value, "true or false");
    }

    private static boolean unverifiable(Map<?, ?> settings) {
        Object value = settings.get(CasSettings.UNVERIFIABLE_UPDATES);
        String text = value == null ? DEFAULT_UNVERIFIABLE_UPDATES : value.toString().trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "fail" -> true;
            case "warn" -> false;
            default -> throw invalid(CasSettings.UNVERIFIABLE_UPDATES, value, "'fail' or 'warn'");
        };
    }

    private static int wholeNumber(Map<?, ?> settings, String key, int defaultValue, int max) {
        Object value = settings.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            int number = value instanceof Integer i ? i : Integer.parseInt(value.toString().trim());
            if (number >= 0 && number <= max) {
                return number;
            }
        }
        catch (NumberFormatException e) {
            // reported below with the value and what is allowed
        }
        throw invalid(key, value, "a whole number from 0 to " + max);
    }

    private static Duration duration(Map<?, ?> settings, String key, Duration defaultValue) {
        Object value = settings.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Duration d && !d.isNegative()) {
            return d;
        }
        Duration parsed = parseDuration(value.toString().trim());
        if (parsed == null || parsed.isNegative()) {
            throw invalid(key, value, "a duration >= 0 such as 10ms, 2s or PT0.5S (a bare number means milliseconds)");
        }
        return parsed;
    }

    /** Parses {@code 250}, {@code 250ms}, {@code 2s}, {@code 1m} or ISO-8601; {@code null} when it is none of them. */
    static Duration parseDuration(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        try {
            if (lower.startsWith("pt") || lower.startsWith("-pt")) {
                return Duration.parse(text);
            }
            if (lower.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(lower.substring(0, lower.length() - 2).trim()));
            }
            if (lower.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(lower.substring(0, lower.length() - 1).trim()));
            }
            if (lower.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(lower.substring(0, lower.length() - 1).trim()));
            }
            return Duration.ofMillis(Long.parseLong(lower));
        }
        catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }

    static String format(Duration duration) {
        return duration.toMillis() + "ms";
    }

    private static CasConfigurationException invalid(String key, Object value, String allowed) {
        return new CasConfigurationException(
                "Invalid value '" + value + "' for setting '" + key + "': expected " + allowed);
    }
}
