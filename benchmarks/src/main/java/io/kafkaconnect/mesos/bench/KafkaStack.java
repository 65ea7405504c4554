package io.kafkaconnect.mesos.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

import io.kafkaconnect.mesos.source.MesosSourceConnector;

/**
 * A real KRaft broker and Connect worker in this JVM (Kafka's {@link EmbeddedConnectCluster}), the source connector's
 * configuration for a benchmark, and read-outs of what reached the topics.
 */
public final class KafkaStack implements AutoCloseable {

    private final EmbeddedConnectCluster connect;
    private final Admin admin;

    private KafkaStack(EmbeddedConnectCluster connect) {
        this.connect = connect;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    public static KafkaStack start(String name) {
        Map<String, String> worker = new HashMap<>();
        worker.put("plugin.discovery", "service_load");
        worker.put(DistributedConfig.OFFSET_COMMIT_INTERVAL_MS_CONFIG, "5000");
        Properties broker = new Properties();
        broker.put("auto.create.topics.enable", "true");
        EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder().name(name).numWorkers(1)
                .workerProps(worker).brokerProps(broker).build();
        connect.start();
        return new KafkaStack(connect);
    }

    public EmbeddedConnectCluster connect() {
        return connect;
    }

    public String bootstrapServers() {
        return connect.kafka().bootstrapServers();
    }

    /**
     * The source connector as the quickstart deploys it (String keys, schemaless JSON values), with the stream only:
     * every polled call is disabled, so that the topics carry exactly what the stream delivered.
     */
    public Map<String, String> streamOnlySource(String masterUrls, String prefix, String encoding) {
        Map<String, String> props = new HashMap<>();
        props.put("connector.class", MesosSourceConnector.class.getName());
        props.put("tasks.max", "1");
        props.put("key.converter", StringConverter.class.getName());
        props.put("value.converter", JsonConverter.class.getName());
        props.put("value.converter.schemas.enable", "false");
        props.put("mesos.master.urls", masterUrls);
        props.put("mesos.encoding", encoding);
        props.put("kafka.bootstrap.servers", bootstrapServers());
        props.put("topic.prefix", prefix);
        for (String call : List.of("state", "agents", "frameworks", "tasks", "executors", "metrics", "roles",
                "weights", "quota", "maintenance.schedule", "maintenance.status", "master", "version", "health",
                "flags", "operations")) {
            props.put("poll." + call + ".interval.ms", "0");
        }
        return props;
    }

    /** The end offset of every partition of every topic whose name starts with {@code prefix}. */
    public Map<TopicPartition, Long> endOffsets(String prefix) throws Exception {
        Set<String> topics = admin.listTopics().names().get().stream().filter(t -> t.startsWith(prefix))
                .collect(Collectors.toSet());
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        described.values().forEach(d -> d.partitions().forEach(p ->
                request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
                admin.listOffsets(request).all().get();
        Map<TopicPartition, Long> out = new HashMap<>();
        result.forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    /** Sum of the offsets' growth from {@code before} to {@code after}, for topics matching {@code topic} or all. */
    public static long grown(Map<TopicPartition, Long> before, Map<TopicPartition, Long> after, String topic) {
        long sum = 0;
        for (Map.Entry<TopicPartition, Long> e : after.entrySet()) {
            if (topic == null || e.getKey().topic().equals(topic)) {
                sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
            }
        }
        return sum;
    }

    /** Record count, byte totals (key, value, headers) and the largest record between two sets of offsets. */
    public record Sizes(long records, long keyBytes, long valueBytes, long headerBytes, long largestRecord,
                        String largestTopic) {
        public double averageRecordBytes() {
            return records == 0 ? 0 : (double) (keyBytes + valueBytes + headerBytes) / records;
        }
    }

    /** Reads every record between the offsets and measures it as it is stored (serialized key, value, headers). */
    public Sizes sizes(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        return sizes(from, to, record -> { });
    }

    /** As {@link #sizes(Map, Map)}, handing every record read to {@code each} as well. */
    public Sizes sizes(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to,
                       Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 << 20);
        long records = 0;
        long keys = 0;
        long values = 0;
        long headers = 0;
        long largest = 0;
        String largestTopic = null;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = to.keySet().stream()
                    .filter(tp -> to.get(tp) > from.getOrDefault(tp, 0L)).toList();
            consumer.assign(partitions);
            partitions.forEach(tp -> consumer.seek(tp, from.getOrDefault(tp, 0L)));
            long remaining = partitions.stream().mapToLong(tp -> to.get(tp) - from.getOrDefault(tp, 0L)).sum();
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (remaining > 0 && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() >= to.get(tp)) {
                        continue;
                    }
                    remaining--;
                    records++;
                    each.accept(r);
                    long headerBytes = 0;
                    for (Header h : r.headers()) {
                        headerBytes += h.key().length() + (h.value() == null ? 0 : h.value().length);
                    }
                    long key = Math.max(0, r.serializedKeySize());
                    long value = Math.max(0, r.serializedValueSize());
                    keys += key;
                    values += value;
                    headers += headerBytes;
                    if (key + value + headerBytes > largest) {
                        largest = key + value + headerBytes;
                        largestTopic = r.topic();
                    }
                }
            }
        }
        return new Sizes(records, keys, values, headers, largest, largestTopic);
    }

    @Override
    public void close() {
        admin.close();
        connect.stop();
    }
}
