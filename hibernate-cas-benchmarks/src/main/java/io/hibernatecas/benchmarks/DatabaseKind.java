package io.hibernatecas.benchmarks;

import java.util.Locale;

/** The databases the benchmarks run on; {@link #param()} is the value of the JMH {@code db} parameter. */
public enum DatabaseKind {
    H2,
    POSTGRESQL,
    MARIADB;

    public String param() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DatabaseKind of(String param) {
        return valueOf(param.trim().toUpperCase(Locale.ROOT));
    }
}
