package io.kafkaconnect.mesos.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.kafkaconnect.mesos.bench.codec.CodecBenchmark;
import io.kafkaconnect.mesos.bench.e2e.EndToEndBenchmark;
import io.kafkaconnect.mesos.bench.failover.FailoverBenchmark;
import io.kafkaconnect.mesos.bench.sink.SinkBenchmark;
import io.kafkaconnect.mesos.bench.snapshot.BigSnapshotBenchmark;
import io.kafkaconnect.mesos.bench.stream.StreamBenchmark;

/**
 * The harness's entry point: {@code bin/benchmarks [name ...] [--size smoke|full] [--out FILE]}. Runs the named
 * benchmarks (all by default), prints figures and ratios as they are measured, then writes them as Markdown with the
 * machine's description and the command used.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    /** Every benchmark, by name, in the order "all" runs them. */
    public static Map<String, Benchmark> all() {
        Map<String, Benchmark> all = new LinkedHashMap<>();
        for (Benchmark b : List.<Benchmark>of(new StreamBenchmark(), new EndToEndBenchmark(),
                new BigSnapshotBenchmark(), new SinkBenchmark(), new FailoverBenchmark(), new CodecBenchmark())) {
            all.put(b.name(), b);
        }
        return all;
    }

    public static void main(String[] args) throws Exception {
        // The Mesos 1.11 generated classes predate protobuf 3.22; the warning it prints per type is noise here.
        System.setProperty("com.google.protobuf.use_unsafe_pre22_gencode", "true");
        Size size = Size.FULL;
        Path out = Path.of("target", "benchmark-results.md");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size" -> size = Size.valueOf(args[++i].toUpperCase(Locale.ROOT));
                case "--out" -> out = Path.of(args[++i]);
                case "-h", "--help" -> {
                    usage();
                    return;
                }
                default -> names.add(args[i]);
            }
        }
        Map<String, Benchmark> all = all();
        List<Benchmark> selected = new ArrayList<>();
        for (String name : names.isEmpty() || names.contains("all") ? all.keySet() : names) {
            Benchmark b = all.get(name);
            if (b == null) {
                System.err.println("Unknown benchmark '" + name + "'");
                usage();
                System.exit(2);
            }
            selected.add(b);
        }
        String command = System.getProperty("bench.command", "Benchmarks " + String.join(" ", args));
        List<String> machine = Machine.describe();
        System.out.println("Machine:\n" + String.join("\n", machine));
        Report report = new Report();
        List<String> loads = new ArrayList<>();
        for (Benchmark b : selected) {
            loads.add("- before `" + b.name() + "`: " + Machine.loadAverage());
            b.run(size, report);
        }
        loads.add("- at the end: " + Machine.loadAverage());
        write(out, command, size, machine, loads, report);
        System.out.println();
        System.out.println("Written to " + out.toAbsolutePath());
    }

    private static void write(Path out, String command, Size size, List<String> machine, List<String> loads,
                              Report report) throws Exception {
        StringBuilder md = new StringBuilder();
        md.append("## Run of ").append(Instant.now()).append(" (size ").append(size.name().toLowerCase(Locale.ROOT))
                .append(")\n\nCommand: `").append(command).append("`\n\n");
        machine.forEach(line -> md.append(line).append('\n'));
        md.append("\nLoad average (1, 5, 15 min) during the run:\n\n");
        loads.forEach(line -> md.append(line).append('\n'));
        md.append(report.markdown());
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, md);
    }

    private static void usage() {
        System.out.println("Usage: bin/benchmarks [name ...] [--size smoke|full] [--out FILE]");
        all().values().forEach(b -> System.out.printf("  %-10s %s%n", b.name(), b.description()));
    }
}
