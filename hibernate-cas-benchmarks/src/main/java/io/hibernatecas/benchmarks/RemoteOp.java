package io.hibernatecas.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link PairedWorker} JVM as a variant of a {@link PairedGroup}: the group tells it when to run how many
 * operations, so it is still measured interleaved with the other variants, by its own thread CPU time, bytes
 * allocated and wall time. Used to compare two builds of hibernate-cas-core: {@code classPathFirst} (an earlier
 * commit's jar) goes before the benchmarks jar, whose own copy of the core it then hides.
 */
final class RemoteOp implements PairedOp {

    private final Process process;
    private final BufferedReader answers;
    private final PrintStream commands;
    final String core;

    RemoteOp(Path classPathFirst, Endpoint endpoint, boolean batched, boolean create, Path log) throws IOException {
        Path jar = Path.of(PairedMain.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        String classPath = (classPathFirst == null ? "" : classPathFirst + File.pathSeparator) + jar;
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xms512m", "-Xmx512m", "-Dorg.jboss.logging.provider=slf4j", "-cp", classPath,
                PairedWorker.class.getName(), endpoint.kind().param(), endpoint.url(), endpoint.user(),
                endpoint.password(), batched ? "batched" : "unbatched", create ? "create" : "reuse"));
        process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        String ready = answer();
        core = ready.substring("ready ".length());
    }

    private String answer() throws IOException {
        for (String line = answers.readLine(); line != null; line = answers.readLine()) {
            if (line.startsWith("@@ ")) {
                return line.substring(3);
            }
        }
        throw new IOException("The worker JVM ended (exit " + waitFor() + "); see its log");
    }

    private int waitFor() {
        try {
            return process.waitFor();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public PairedGroup.Sample measuredElsewhere(int count) throws IOException {
        commands.println("run " + count);
        String[] fields = answer().split(" ");
        return new PairedGroup.Sample(Double.parseDouble(fields[0]), Double.parseDouble(fields[1]),
                Double.parseDouble(fields[2]));
    }

    @Override
    public void run() {
        throw new UnsupportedOperationException("measured in the worker JVM");
    }

    @Override
    public void close() {
        commands.println("quit");
        waitFor();
    }
}
