package io.hibernatecas.stress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Prints one line per workload and database (operations, attempts, conflicts, retries, throughput, invariant
 * violations) to stdout, and appends it to {@code target/stress-report.txt}, where {@code docs/reliability.md} takes
 * its figures from.
 */
final class StressReport {

    private StressReport() {
    }

    static void print(String workload, String database, Load.Result result, Tally tally, List<String> violations,
            String extra) {
        String mode = StressSettings.bounded() ? "bounded" : StressSettings.duration().toSeconds() + "s";
        String line = String.format(Locale.ROOT,
                "[cas-stress] %s %s on %s: %d operations in %.1f s (%.0f ops/s); %s; %s; invariant violations %d%s"
                        + " (seed %d)",
                workload, mode, database, result.operations(), result.elapsed().toMillis() / 1000.0,
                result.perSecond(), tally.summary(), extra, violations.size(),
                violations.isEmpty() ? "" : " " + violations.subList(0, Math.min(10, violations.size())),
                result.seed());
        append(line);
    }

    /** Prints {@code line} and appends it to {@code target/stress-report.txt}. */
    static void append(String line) {
        System.out.println(line);
        String workDir = System.getProperty("cas.test.workDir");
        Path target = workDir != null ? Path.of(workDir).getParent() : Path.of("target");
        try {
            Files.createDirectories(target);
            Files.writeString(target.resolve("stress-report.txt"),
                    LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + " " + line + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
