package io.hibernatecas.internal;

/** The operations of {@link io.hibernatecas.CasOperations}, as their messages name them. */
enum Operation {

    COMPARE_AND_SET("compareAndSet", "compareAndSet attribute"),
    UPDATE("update", "update attribute"),
    INCREMENT("increment", "increment attribute"),
    FIND_OR_CREATE("findOrCreate", "findOrCreate by attribute");

    private final String method;
    private final String phrase;

    Operation(String method, String phrase) {
        this.method = method;
        this.phrase = phrase;
    }

    /** The method name, e.g. {@code compareAndSet}. */
    String method() {
        return method;
    }

    /** What the operation does with an attribute, e.g. {@code compareAndSet attribute}. */
    String phrase() {
        return phrase;
    }

    /** Whether the operation writes the attribute (rather than using it as a key). */
    boolean writes() {
        return this != FIND_OR_CREATE;
    }
}
