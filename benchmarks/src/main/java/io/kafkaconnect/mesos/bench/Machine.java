package io.kafkaconnect.mesos.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the figures were measured on: cores, memory, JVM, and the load at the time. */
public final class Machine {

    private Machine() {
    }

    /** {@code nproc}, {@code free -h}, {@code java -version} and the load average, as Markdown lines. */
    public static List<String> describe() {
        List<String> out = new ArrayList<>();
        out.add("- `nproc`: " + Runtime.getRuntime().availableProcessors());
        out.add("- `free -h`:\n\n```\n" + command("free", "-h").stripTrailing() + "\n```\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        out.add("- `java -version`:\n\n```\n" + command(java, "-version").stripTrailing() + "\n```\n");
        out.add("- load average at start: " + loadAverage());
        return out;
    }

    /** {@code /proc/loadavg}'s three averages, or the JVM's one-minute figure where that file does not exist. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2] + " (1, 5, 15 min)";
        } catch (IOException e) {
            return String.format("%.2f (1 min)", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static String command(String... argv) {
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.SECONDS);
            return output;
        } catch (IOException e) {
            return "(" + argv[0] + " not available: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }
}
