package io.hibernatecas.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.Version;

/** What the benchmarks ran on: CPU model, cores, memory, OS, Java, Hibernate, JMH, and the load during the run. */
final class Machine {

    private Machine() {
    }

    static Map<String, Object> describe(Map<String, Object> load) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpu", procField("/proc/cpuinfo", "model name"));
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        String memory = procField("/proc/meminfo", "MemTotal");
        machine.put("memoryGiB", memory == null ? null
                : Math.round(Long.parseLong(memory.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0 * 10) / 10.0);
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("hibernate", Version.getVersionString());
        machine.put("jmh", org.openjdk.jmh.util.Version.getPlainVersion());
        machine.put("loadAverage", load);
        return machine;
    }

    private static String procField(String file, String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    return line.substring(colon + 1).trim();
                }
            }
        }
        catch (IOException e) {
            return null;
        }
        return null;
    }
}
