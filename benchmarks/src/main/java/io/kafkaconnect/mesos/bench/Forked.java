package io.kafkaconnect.mesos.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a benchmark's part in a JVM of its own (its own heap limit, nothing else in its heap), with this JVM's class
 * path. The child reports with lines {@code RESULT <key> <value>} on standard output; the rest of its output is
 * shown only if it fails.
 */
public final class Forked {

    private static final String PREFIX = "RESULT ";
    private static final int TAIL_LINES = 60;

    private Forked() {
    }

    /** How the child ended: its exit code, what it reported, and the last lines of its other output. */
    public record Outcome(int exitCode, Map<String, String> results, List<String> tail) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** True if the child ran out of heap. */
        public boolean outOfMemory() {
            return tail.stream().anyMatch(line -> line.contains("OutOfMemoryError"));
        }

        public double number(String key) {
            return Double.parseDouble(results.get(key));
        }
    }

    /** Runs the child and waits for it; a child that fails is returned as such, its output tail printed. */
    public static Outcome run(Class<?> main, List<String> jvmOptions, List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dcom.google.protobuf.use_unsafe_pre22_gencode=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<String, String> results = new LinkedHashMap<>();
        Deque<String> tail = new ArrayDeque<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(PREFIX)) {
                    String[] parts = line.substring(PREFIX.length()).split(" ", 2);
                    results.put(parts[0], parts.length > 1 ? parts[1] : "");
                } else {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0) {
            System.out.println("  " + main.getSimpleName() + " " + jvmOptions + " exited with " + exit + ":");
            tail.forEach(line -> System.out.println("    | " + line));
        }
        return new Outcome(exit, results, List.copyOf(tail));
    }

    /** Reports one result to the parent. */
    public static void result(String key, Object value) {
        System.out.println(PREFIX + key + " " + value);
    }
}
