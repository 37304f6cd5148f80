package io.hibernatecas.internal;

import java.util.ArrayList;
import java.util.List;

import io.hibernatecas.CasSettings;
import io.hibernatecas.Conflict;

/**
 * The text of conflict messages. Message text is API: tests pin every form. Field values appear only when
 * {@link CasSettings#MESSAGES_INCLUDE_VALUES} is on; versions always do (they are not personal data).
 */
final class ConflictMessages {

    /** Why a conflict's reason is {@code UNKNOWN}. */
    enum Unknown {
        NOT_DIAGNOSED("the reason was not diagnosed (" + CasSettings.DIAGNOSE + "=false)"),
        DIAGNOSIS_FAILED("the diagnostic read failed"),
        ROW_MATCHES("the row now holds the expected values (changed and changed back, or a driver that counts "
                + "affected instead of matched rows)");

        private final String text;

        Unknown(String text) {
            this.text = text;
        }
    }

    private ConflictMessages() {
    }

    static String message(Conflict conflict, int conflicts, boolean includeValues, Unknown unknown) {
        String row = "[" + conflict.getEntityName() + "#" + conflict.getIdentifier() + "]";
        String text = switch (conflict.getReason()) {
            case VERSION_CHANGED -> "Concurrent update of " + row + ": expected version "
                    + conflict.getExpectedVersion() + " but the database has version " + conflict.getActualVersion();
            case DELETED -> row + " was deleted by another transaction"
                    + (conflict.getExpectedVersion() == null ? "" : " (expected version " + conflict.getExpectedVersion() + ")");
            case FIELD_CHANGED -> "Concurrent update of " + row + ": " + changed(conflict, includeValues);
            case UNKNOWN -> "Concurrent update of " + row + ": the guarded statement matched no row"
                    + (conflict.getExpectedVersion() == null ? "" : " (expected version " + conflict.getExpectedVersion() + ")")
                    + "; " + (unknown == null ? Unknown.NOT_DIAGNOSED : unknown).text;
        };
        if (conflicts > 1) {
            int more = conflicts - 1;
            text += " (and " + more + " more conflicting row" + (more == 1 ? "" : "s")
                    + " in this flush; see getConflicts())";
        }
        return text;
    }

    private static String changed(Conflict conflict, boolean includeValues) {
        List<String> names = conflict.getChangedAttributes();
        List<String> parts = new ArrayList<>();
        for (String name : names) {
            String part = "'" + name + "'";
            if (includeValues) {
                part += " (expected " + value(conflict.getExpectedValue(name)) + " but the database has "
                        + value(conflict.getActualValue(name)) + ")";
            }
            parts.add(part);
        }
        // a client-held expectation (412) may name attributes that are not @Cas
        String kind = conflict.getHttpStatus() == 412 ? "attribute" : "@Cas attribute";
        return kind + (names.size() == 1 ? " " : "s ") + String.join(", ", parts)
                + (names.size() == 1 ? " was" : " were") + " changed by another transaction";
    }

    static String value(Object value) {
        if (value instanceof CharSequence text) {
            return "'" + text + "'";
        }
        return String.valueOf(value);
    }
}
