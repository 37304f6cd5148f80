package io.hibernatecas.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a benchmark checked besides its timing (statement counts, the lost-update check of a contention trial),
 * printed and, when {@code -Dbench.facts=FILE} is set (by {@link BenchmarkMain}), appended to that file as one
 * JSON object per line. {@link BenchmarkMain} collects them next to the JMH results for the report.
 */
public final class Facts {

    private Facts() {
    }

    /** A new record of {@code kind} for the trial of {@code benchmark} on {@code db}. */
    public static Map<String, Object> of(String kind, String benchmark, String db) {
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("kind", kind);
        fact.put("benchmark", benchmark);
        fact.put("db", db);
        return fact;
    }

    public static synchronized void record(Map<String, Object> fact) {
        String line = Json.write(fact);
        System.out.println("[bench fact] " + line);
        String file = System.getProperty("bench.facts");
        if (file == null || file.isBlank()) {
            return;
        }
        try {
            Files.writeString(Path.of(file), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot append to " + file, e);
        }
    }
}
