package io.kafkaconnect.mesos.bench.snapshot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.kafkaconnect.mesos.bench.Benchmark;
import io.kafkaconnect.mesos.bench.Forked;
import io.kafkaconnect.mesos.bench.Report;
import io.kafkaconnect.mesos.bench.Size;
import io.kafkaconnect.mesos.bench.StreamCapture;
import io.kafkaconnect.mesos.codec.Encoding;
import io.kafkaconnect.mesos.simulator.SimulatedMesosCluster;
import io.kafkaconnect.mesos.simulator.WorkloadConfig;
import io.kafkaconnect.mesos.simulator.WorkloadGenerator;

/**
 * A SUBSCRIBED snapshot of 35,000 agents and 100,000 tasks from the simulated master (this JVM), processed by the
 * source connector in forked JVMs at {@code -Xmx1g}: its time against a raw streaming parse of the same bytes (one
 * fork per encoding), and a real Connect worker's heap above idle while the snapshot goes to Kafka (one fork), with
 * the task's reconnect counter (the watchdog must not fire) and the largest record written.
 */
public final class BigSnapshotBenchmark implements Benchmark {

    private static final List<String> WORKER_JVM = List.of("-Xmx1g", "-XX:+ExitOnOutOfMemoryError");
    /** A heap big enough to measure what the connector needs where 1 GB is not enough. */
    private static final String SIZING_HEAP = "8g";

    @Override
    public String name() {
        return "snapshot";
    }

    @Override
    public String description() {
        return "big snapshot (35k agents, 100k tasks): time vs raw parse, worker heap at -Xmx1g, no stall, records";
    }

    @Override
    public void run(Size size, Report report) throws Exception {
        int agents = size.pick(350, 35_000);
        int tasks = size.pick(1_000, 100_000);
        int rounds = size.pick(1, 2);
        Path dir = Files.createTempDirectory("bench-snapshot");
        try (SimulatedMesosCluster mesos = SimulatedMesosCluster.builder().build().start()) {
            long start = System.nanoTime();
            new WorkloadGenerator(mesos, WorkloadConfig.of(1, agents, 50, tasks)).populate();
            double populateSeconds = (System.nanoTime() - start) / 1e9;
            report.section("Big snapshot: " + agents + " agents, " + tasks + " tasks");
            report.note("The simulated master (populated in " + String.format("%.1f", populateSeconds) + " s) serves "
                    + "the SUBSCRIBED; the connector runs in forked JVMs with -Xmx1g. Timing: the SUBSCRIBED record "
                    + "through StreamPipeline as the task takes a snapshot over the archive limit (streamed entity "
                    + "by entity, reconciled, one SourceRecord per entity, on one thread) against a raw "
                    + "streaming parse of the same bytes (Jackson token walk; Event.parseFrom for protobuf), best of "
                    + rounds + " alternating rounds. Worker: a Connect worker and broker in one -Xmx1g JVM "
                    + "(EmbeddedConnectCluster) running the source connector; heap measured above the idle worker "
                    + "(after full GCs): the live peak probed with a full GC every 2 s (the target's measure), the "
                    + "peak left after G1's own collections (old garbage included), and the sampled peak.");
            for (Encoding encoding : Encoding.values()) {
                String enc = encoding.name().toLowerCase(Locale.ROOT);
                Path file = dir.resolve("subscribed." + enc);
                try (StreamCapture capture = StreamCapture.open(mesos.leaderUrl(), encoding)) {
                    Files.write(file, capture.await(1, Duration.ofMinutes(5)).get(0));
                }
                report.figure(enc + ": SUBSCRIBED size", Files.size(file) / 1e6, "MB");
                List<String> args = List.of(file.toString(), enc, Integer.toString(rounds));
                Forked.Outcome timing = Forked.run(SnapshotTiming.class, WORKER_JVM, args);
                boolean fits = timing.ok();
                if (!fits) {
                    report.note(enc + ": at -Xmx1g the connector's snapshot processing failed"
                            + (timing.outOfMemory() ? " with OutOfMemoryError" : "") + "; the figures below are "
                            + "from a JVM with " + SIZING_HEAP + ", to show what it needs.");
                    timing = Forked.run(SnapshotTiming.class, List.of("-Xmx" + SIZING_HEAP), args);
                }
                Files.delete(file);
                report.figure(enc + ": fits in -Xmx1g", fits ? 1 : 0, "", "1 = yes, 0 = no");
                if (!timing.ok()) {
                    continue;
                }
                double connector = timing.number("connector_ms");
                double raw = timing.number("raw_ms");
                report.figure(enc + ": connector, snapshot to records", connector, "ms",
                        timing.results().get("records") + " records");
                report.figure(enc + ": raw streaming parse", raw, "ms");
                report.figure(enc + ": identical resnapshot (nothing re-emitted)", timing.number("resnapshot_ms"),
                        "ms");
                report.figure(enc + ": live heap peak above idle (GC notifications)",
                        timing.number("peak_live_above_idle_mb"), "MB");
                report.figure(enc + ": heap held by the entity model after the snapshot", timing.number("model_mb"),
                        "MB", timing.results().get("model_entities") + " records made");
                report.atMost(enc + ": connector time / raw parse", connector / raw, 2.0);
            }
            Forked.Outcome worker = Forked.run(SnapshotWorker.class, WORKER_JVM, List.of(
                    mesos.leaderUrl().toString(), "json", Integer.toString(agents), Integer.toString(tasks)));
            report.figure("worker (json): completes at -Xmx1g", worker.ok() ? 1 : 0, "", worker.ok() ? "1 = yes"
                    : "0 = no" + (worker.outOfMemory() ? ": OutOfMemoryError" : ": exit " + worker.exitCode()));
            if (worker.results().containsKey("idle_heap_mb")) {
                report.figure("worker (json): idle heap", worker.number("idle_heap_mb"), "MB");
            }
            if (worker.ok()) {
                double live = worker.number("peak_live_probed_above_idle_mb");
                report.figure("worker (json): live heap peak above idle (full GC every 2 s)", live, "MB");
                report.figure("worker (json): heap after G1's collections, peak above idle (old garbage included)",
                        worker.number("peak_live_above_idle_mb"), "MB", "an upper bound of the live heap");
                report.figure("worker (json): sampled heap peak above idle (garbage included)",
                        worker.number("peak_sampled_above_idle_mb"), "MB");
                report.figure("worker (json): connector created -> every agent and task in Kafka",
                        worker.number("to_kafka_s"), "s", "task metric snapshot-process-ms "
                                + worker.results().get("snapshot-process-ms"));
                report.figure("worker (json): stream reconnects (watchdog, errors)",
                        worker.number("reconnects-total"), "", "0 = the watchdog never fired");
                report.figure("worker (json): records written", worker.number("records"), "records");
                report.figure("worker (json): largest record", worker.number("largest_record_bytes"), "bytes",
                        "on " + worker.results().get("largest_record_topic"));
                report.atMost("worker: live heap peak above idle / 512 MB", live / 512, 1.0);
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }
}
