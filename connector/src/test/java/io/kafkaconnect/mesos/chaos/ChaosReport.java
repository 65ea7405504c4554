package io.kafkaconnect.mesos.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Where the chaos runs put their figures: standard output (the failsafe report's {@code -output.txt}) and one line per
 * run appended to {@code target/chaos-summary.txt}, which is what docs/reliability.md quotes.
 */
final class ChaosReport {

    private static final Path SUMMARY = Path.of("target", "chaos-summary.txt");

    private ChaosReport() {
    }

    /** Prints a summary line and appends it to the summary file. */
    static void summary(String line) {
        System.out.println(line);
        try {
            Files.createDirectories(SUMMARY.getParent());
            Files.writeString(SUMMARY, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prints a titled list, at most {@code limit} items, then how many were left out. */
    static void list(String title, List<String> items, int limit) {
        System.out.println(title + " (" + items.size() + "):");
        items.stream().limit(limit).forEach(item -> System.out.println("  " + item));
        if (items.size() > limit) {
            System.out.println("  ... and " + (items.size() - limit) + " more");
        }
    }

    static String seconds(long nanos) {
        return String.format("%.1fs", nanos / 1e9);
    }
}
