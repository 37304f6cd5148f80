package io.hibernatecas.benchmarks;

/** Where a database listens: a JDBC URL and its credentials. */
public record Endpoint(DatabaseKind kind, String url, String user, String password) {

    /** The {@code -D} options that hand this endpoint to a forked JVM ({@link Endpoints#of} reads them). */
    String[] systemProperties() {
        String prefix = "-Dbench." + kind.param() + ".";
        return new String[] {prefix + "url=" + url, prefix + "user=" + user, prefix + "password=" + password};
    }
}
