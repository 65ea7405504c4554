package io.kafkaconnect.mesos.bench.e2e;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

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
 * connector, against a plain {@code KafkaProducer} sending as many records of the same serialized size to the same
 * broker in the same run. The workload generator makes a burst of events at once; the connector's time is from the
 * burst's start until its last record is in Kafka.
 */
public final class EndToEndBenchmark implements Benchmark {

    private static final String PREFIX = "e2e";
    private static final Duration QUIET = Duration.ofSeconds(3);

    @Override
    public String name() {
        return "e2e";
    }

    @Override
    public String description() {
        return "end to end: master stream -> Connect worker -> broker, vs a plain KafkaProducer of the same records";
    }

    @Override
    public void run(Size size, Report report) throws Exception {
        int events = size.pick(500, 50_000);
        try (SimulatedMesosCluster mesos = SimulatedMesosCluster.builder().build().start();
             WorkloadGenerator generator = new WorkloadGenerator(mesos,
                     WorkloadConfig.of(11, 100, 10, 1_000).withRates(0.04, 0.005, 0.1));
             KafkaStack kafka = KafkaStack.start("bench-e2e")) {
            generator.populate();
            kafka.connect().configureConnector("mesos-source",
                    kafka.streamOnlySource(mesos.leaderUrl().toString(), PREFIX, "json"));
            Map<TopicPartition, Long> before = settled(kafka);

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
                }
            }
            double connectorSeconds = (lastGrowth - start) / 1e9;
            long streamed = KafkaStack.grown(before, after, PREFIX + ".events");
            KafkaStack.Sizes sizes = kafka.sizes(before, after);
            kafka.connect().deleteConnector("mesos-source");

            double baselineSeconds = producerBaseline(kafka, sizes);
            report.section("End to end: simulated master -> Connect worker -> broker");
            report.note("One worker and one KRaft broker in one JVM (EmbeddedConnectCluster), the source connector "
                    + "with tasks.max=1, JSON stream, schemaless JsonConverter values, polled calls off. "
                    + "The workload generator emits " + events + " steps at once; the connector's time runs from "
                    + "the burst's start to the last record's arrival in Kafka (end offsets polled every 25 ms). "
                    + "The baseline KafkaProducer (default settings) sends the same number of records, each of the "
                    + "average serialized size (key + value + headers), to a topic of the same broker.");
            report.figure("events streamed (events topic)", streamed, "events", String.format(
                    "generator burst took %.2f s", (generated - start) / 1e9));
            report.figure("records written (all topics)", sizes.records(), "records", String.format(
                    "%.0f bytes on average, largest %,d bytes on %s", sizes.averageRecordBytes(),
                    sizes.largestRecord(), sizes.largestTopic()));
            report.figure("connector: events per second", streamed / connectorSeconds, "events/s",
                    String.format("%.2f s", connectorSeconds));
            report.figure("connector: records per second", sizes.records() / connectorSeconds, "records/s");
            report.figure("KafkaProducer baseline: records per second", sizes.records() / baselineSeconds,
                    "records/s", String.format("%.2f s", baselineSeconds));
            report.atLeast("connector / KafkaProducer (same records)", baselineSeconds / connectorSeconds, 0.5);
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

    /** Seconds for a default KafkaProducer to send and have acknowledged the same number of same-sized records. */
    private static double producerBaseline(KafkaStack kafka, KafkaStack.Sizes sizes) throws Exception {
        String topic = PREFIX + "-baseline";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        int keyBytes = (int) Math.round((double) sizes.keyBytes() / sizes.records());
        int valueBytes = (int) Math.round((double) (sizes.valueBytes() + sizes.headerBytes()) / sizes.records());
        Random random = new Random(1);
        byte[][] keys = new byte[64][keyBytes];
        byte[][] values = new byte[64][valueBytes];
        for (int i = 0; i < 64; i++) {
            random.nextBytes(keys[i]);
            Arrays.fill(values[i], (byte) ('a' + i % 26));
        }
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.partitionsFor(topic);
            long start = System.nanoTime();
            for (long i = 0; i < sizes.records(); i++) {
                producer.send(new ProducerRecord<>(topic, keys[(int) (i % 64)], values[(int) (i % 64)]));
            }
            producer.flush();
            return (System.nanoTime() - start) / 1e9;
        }
    }
}
