package io.hibernatecas;

/**
 * Why a guarded {@code UPDATE} or {@code DELETE} matched no row, as found by the diagnostic read that follows a
 * failed flush.
 */
public enum ConflictReason {
    /** The row exists with another version than the one this transaction loaded. */
    VERSION_CHANGED,
    /** The version (if any) matches but at least one {@link Cas @Cas} column holds another value. */
    FIELD_CHANGED,
    /** The row no longer exists. */
    DELETED,
    /**
     * The reason was not determined: diagnosis is disabled ({@link CasSettings#DIAGNOSE}) or the diagnostic read
     * failed, or the row matched again by the time it was read.
     */
    UNKNOWN
}
