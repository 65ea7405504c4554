package io.kafkaconnect.mesos.bench.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.kafkaconnect.mesos.bench.Benchmark;
import io.kafkaconnect.mesos.bench.KafkaStack;
import io.kafkaconnect.mesos.bench.Report;
import io.kafkaconnect.mesos.bench.Size;
import io.kafkaconnect.mesos.simulator.SimulatedMesosCluster;
import io.kafkaconnect.mesos.simulator.WorkloadConfig;
import io.kafkaconnect.mesos.simulator.WorkloadGenerator;

/**
 * Events per second from the simulated master's stream into a real broker through a Connect worker running the source
 * connector with the producer and topic settings of the shipped config/mesos-source.properties, against a plain
 * {@code KafkaProducer} sending the very same records (keys, values, headers, as the connector's records were stored)
 * to the same broker in the same run: once with the producer's defaults, once with the settings the worker's producer
 * for the source task has. The workload generator makes a burst of events at once; the connector's time is from the
 * burst's start until its last record is in Kafka.
 */
public final class EndToEndBenchmark implements Benchmark {

    private static final String PREFIX = "mesos";
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final int WARM_UP_SHARE = 5;
    private static final String TASK_THREAD = "source task thread";
    private static final List<String> BROKER_THREADS = List.of("data-plane-", "kafka-0-", "kafka-scheduler-",
            "kafka-log-", "quorum-controller-", "group-coordinator-", "ExpirationReaper-", "executor-",
            "kafka-cluster-test-kit-", "ReplicaFetcher", "controller-", "broker-", "raft-");

    @Override
    public String name() {
        return "e2e";
    }

    @Override
    public String description() {
        return "end to end: master stream -> Connect worker (producer settings of config/mesos-source.properties) "
                + "-> broker, vs a plain KafkaProducer of the same records";
    }

    @Override
    public void run(Size size, Report report) throws Exception {
        int events = size.pick(500, 50_000);
        ShippedSourceConfig shipped = ShippedSourceConfig.load();
        try (SimulatedMesosCluster mesos = SimulatedMesosCluster.builder().build().start();
             WorkloadGenerator generator = new WorkloadGenerator(mesos,
                     WorkloadConfig.of(11, 100, 10, 1_000).withRates(0.04, 0.005, 0.1));
             KafkaStack kafka = KafkaStack.start("bench-e2e")) {
            generator.populate();
            Map<String, String> connector = kafka.streamOnlySource(mesos.leaderUrl().toString(), PREFIX, "json");
            connector.putAll(shipped.deliverySettings());
            kafka.connect().configureConnector("mesos-source", connector);
            settled(kafka);
            // A first burst, not measured: the code for live events gets compiled (JIT) as in a connector that has
            // been running for a while, and as the baseline producer's code already is by then.
            generator.step(events / WARM_UP_SHARE);
            Map<TopicPartition, Long> before = settled(kafka);
            long taskThread = CpuTime.sourceTaskThread();
            CpuTime.Reading cpuStart = CpuTime.Reading.now();
            CpuTime.Reading cpuEnd = cpuStart;

            long start = System.nanoTime();
            generator.step(events);
            long generated = System.nanoTime();
            Map<TopicPartition, Long> after = before;
            long lastGrowth = generated;
            while (System.nanoTime() - lastGrowth < QUIET.toNanos()) {
                Thread.sleep(25);
                Map<TopicPartition, Long> now = kafka.endOffsets(PREFIX + ".");
                if (KafkaStack.grown(after, now, null) > 0) {
                    after = now;
                    lastGrowth = System.nanoTime();
                    cpuEnd = CpuTime.Reading.now();
                }
            }
            double connectorSeconds = (lastGrowth - start) / 1e9;
            CpuTime.Reading end = cpuEnd;
            Map<String, Double> cpuByThread = end.since(cpuStart,
                    id -> id == taskThread ? TASK_THREAD : threadGroup(end.names().get(id)));
            double taskCpu = cpuByThread.getOrDefault(TASK_THREAD, 0.0);
            double jvmCpu = end.process() - cpuStart.process();
            long streamed = KafkaStack.grown(before, after, PREFIX + ".events");
            kafka.connect().deleteConnector("mesos-source");
            List<ProducerRecord<byte[], byte[]>> written = new ArrayList<>();
            KafkaStack.Sizes sizes = kafka.sizes(before, after, r -> written.add(
                    new ProducerRecord<>(r.topic(), r.partition(), r.key(), r.value(), r.headers())));
            Map<String, Integer> partitions = partitionCounts(after);

            // Each baseline twice, alternating, the faster run counted: the first sends of a JVM pay for warm-up.
            BaselineRun plain = null;
            BaselineRun aligned = null;
            for (int round = 0; round < 2; round++) {
                plain = BaselineRun.faster(plain, producerBaseline(kafka, written, partitions,
                        "baseline-default-" + round, Map.of()));
                aligned = BaselineRun.faster(aligned, producerBaseline(kafka, written, partitions,
                        "baseline-connector-" + round, shipped.sourceTaskProducer()));
            }
            double defaultSeconds = plain.seconds();
            double alignedSeconds = aligned.seconds();
            report.section("End to end: simulated master -> Connect worker -> broker");
            report.note("One worker and one KRaft broker in one JVM (EmbeddedConnectCluster), the source connector "
                    + "with tasks.max=1, JSON stream, schemaless JsonConverter values, polled calls off, and the "
                    + "producer and topic settings of " + ShippedSourceConfig.FILE + " " + shipped.producerOverrides()
                    + ". After an unmeasured warm-up burst of " + events / WARM_UP_SHARE + " steps, the workload "
                    + "generator emits " + events + " steps at once; the connector's time runs from "
                    + "the burst's start to the last record's arrival in Kafka (end offsets polled every 25 ms). "
                    + "The baseline KafkaProducer then sends the very records the connector wrote (keys, values, "
                    + "headers as stored) to topics of the same partition counts on the same broker: once with the "
                    + "producer's defaults, once with the worker's settings for the source task's producer ("
                    + new TreeMap<>(shipped.sourceTaskProducer()) + "); each twice, alternating, the faster run "
                    + "counted. JVM CPU is the CPU time of this whole JVM (worker, broker, simulated master, "
                    + "producer) over each run, per record: it depends much less than the rates on what else runs on "
                    + "the machine.");
            report.note(String.format("CPU during the connector's run, %.1f s in all: ", jvmCpu)
                    + cpuByThread.entrySet().stream().sorted(Map.Entry.comparingByValue(Comparator.reverseOrder()))
                    .map(e -> String.format("%s %.1f s", e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", ")) + ".");
            report.figure("events streamed (events topic)", streamed, "events", String.format(
                    "generator burst took %.2f s", (generated - start) / 1e9));
            report.figure("records written (all topics)", sizes.records(), "records", String.format(
                    "%.0f bytes on average, largest %,d bytes on %s", sizes.averageRecordBytes(),
                    sizes.largestRecord(), sizes.largestTopic()));
            report.figure("connector: events per second", streamed / connectorSeconds, "events/s",
                    String.format("%.2f s", connectorSeconds));
            report.figure("connector: records per second", sizes.records() / connectorSeconds, "records/s");
            report.figure("KafkaProducer, default settings: records per second", sizes.records() / defaultSeconds,
                    "records/s", String.format("%.2f s", defaultSeconds));
            report.figure("KafkaProducer, the connector's settings: records per second",
                    sizes.records() / alignedSeconds, "records/s", String.format("%.2f s", alignedSeconds));
            report.figure("connector: the task thread's CPU time", taskCpu, "s", String.format(
                    "%.0f %% of the connector's time", 100 * taskCpu / connectorSeconds));
            report.figure("JVM CPU per record: connector", 1e6 * jvmCpu / sizes.records(), "µs");
            report.figure("JVM CPU per record: KafkaProducer, default settings",
                    1e6 * plain.cpuSeconds() / sizes.records(), "µs");
            report.figure("JVM CPU per record: KafkaProducer, the connector's settings",
                    1e6 * aligned.cpuSeconds() / sizes.records(), "µs");
            report.atLeast("connector / KafkaProducer, default settings", defaultSeconds / connectorSeconds, 0.5);
            report.atLeast("connector / KafkaProducer, the connector's settings", alignedSeconds / connectorSeconds,
                    0.5);
        }
    }

    /** Waits until the snapshot is in Kafka and the topics stop growing; returns their end offsets. */
    private static Map<TopicPartition, Long> settled(KafkaStack kafka) throws Exception {
        Map<TopicPartition, Long> last = kafka.endOffsets(PREFIX + ".");
        long lastGrowth = System.nanoTime();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (KafkaStack.grown(Map.of(), last, PREFIX + ".events") == 0
                || System.nanoTime() - lastGrowth < QUIET.toNanos()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the connector wrote no snapshot in 3 minutes");
            }
            Thread.sleep(100);
            Map<TopicPartition, Long> now = kafka.endOffsets(PREFIX + ".");
            if (!now.equals(last)) {
                last = now;
                lastGrowth = System.nanoTime();
            }
        }
        return last;
    }

    private static String threadGroup(String name) {
        if (name.contains("connector-producer-")) {
            return "the source task's producer I/O";
        }
        if (name.startsWith("mesos-sim")) {
            return "simulated master";
        }
        if (name.startsWith("mesos-stream")) {
            return "stream reader";
        }
        return BROKER_THREADS.stream().anyMatch(name::startsWith) ? "broker" : "other Java threads";
    }

    private static Map<String, Integer> partitionCounts(Map<TopicPartition, Long> offsets) {
        Map<String, Integer> counts = new TreeMap<>();
        offsets.keySet().forEach(tp -> counts.merge(tp.topic(), tp.partition() + 1, Math::max));
        return counts;
    }

    /** One baseline run's wall-clock and JVM CPU seconds. */
    private record BaselineRun(double seconds, double cpuSeconds) {
        static BaselineRun faster(BaselineRun a, BaselineRun b) {
            return a == null || b.seconds < a.seconds ? b : a;
        }
    }

    /**
     * How long a KafkaProducer with {@code settings} over its defaults takes to send, and have acknowledged, the
     * records, each to the partition it was in, of a topic named {@code <topicPrefix>.<its topic>}.
     */
    private static BaselineRun producerBaseline(KafkaStack kafka, List<ProducerRecord<byte[], byte[]>> records,
                                           Map<String, Integer> partitions, String topicPrefix,
                                           Map<String, Object> settings) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()))) {
            admin.createTopics(partitions.entrySet().stream().map(e -> new NewTopic(topicPrefix + "." + e.getKey(),
                    e.getValue(), (short) 1)).toList()).all().get();
        }
        Map<String, Object> props = new HashMap<>(settings);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            // One untimed record per partition first: a partition just created may still answer NOT_LEADER_OR_FOLLOWER,
            // after which an idempotent producer's pipelined batches can stall until they time out.
            partitions.forEach((topic, count) -> {
                for (int p = 0; p < count; p++) {
                    producer.send(new ProducerRecord<>(topicPrefix + "." + topic, p, new byte[0], new byte[0]));
                }
            });
            producer.flush();
            double cpuStart = CpuTime.process();
            long start = System.nanoTime();
            for (ProducerRecord<byte[], byte[]> r : records) {
                producer.send(new ProducerRecord<>(topicPrefix + "." + r.topic(), r.partition(), r.key(), r.value(),
                        r.headers()));
            }
            producer.flush();
            return new BaselineRun((System.nanoTime() - start) / 1e9, CpuTime.process() - cpuStart);
        }
    }
}
