package io.hibernatecas.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples the 1-minute load average ({@code /proc/loadavg}) every 15 seconds while the benchmarks run, so that the
 * report can say how busy the machine was: other builds on a 2-core machine move the numbers.
 */
final class LoadSampler {

    private final List<Double> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    private LoadSampler() {
        thread = new Thread(this::sample, "load-sampler");
        thread.setDaemon(true);
    }

    static LoadSampler start() {
        LoadSampler sampler = new LoadSampler();
        sampler.thread.start();
        return sampler;
    }

    private void sample() {
        while (running) {
            double load = read();
            if (load >= 0) {
                synchronized (samples) {
                    samples.add(load);
                }
            }
            try {
                Thread.sleep(15_000);
            }
            catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The 1-minute load average, or -1 where there is no {@code /proc/loadavg}. */
    static double read() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        }
        catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Stops sampling; min, mean and max of the samples and the load at the end. */
    Map<String, Object> stop() {
        running = false;
        thread.interrupt();
        Map<String, Object> summary = new LinkedHashMap<>();
        synchronized (samples) {
            summary.put("samples", samples.size());
            summary.put("min", samples.stream().mapToDouble(Double::doubleValue).min().orElse(-1));
            summary.put("mean", Math.round(samples.stream().mapToDouble(Double::doubleValue).average().orElse(-1)
                    * 100) / 100.0);
            summary.put("max", samples.stream().mapToDouble(Double::doubleValue).max().orElse(-1));
            summary.put("first", samples.isEmpty() ? -1 : samples.get(0));
        }
        summary.put("atEnd", read());
        return summary;
    }
}
