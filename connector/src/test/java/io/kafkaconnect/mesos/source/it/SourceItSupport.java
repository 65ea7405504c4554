package io.kafkaconnect.mesos.source.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javax.management.ObjectName;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.kafkaconnect.mesos.source.MesosSourceConnector;
import io.kafkaconnect.mesos.simulator.SimulatedMesosCluster;

/**
 * Shared plumbing for the source ITs (here and in the chaos suite): an embedded Connect cluster, connector configs,
 * topic read-outs and the task metrics.
 */
public final class SourceItSupport {

    public static final ObjectMapper JSON = new ObjectMapper();

    private SourceItSupport() {
    }

    public static EmbeddedConnectCluster startConnect(String name, boolean exactlyOnce) {
        Map<String, String> worker = new HashMap<>();
        worker.put("plugin.discovery", "service_load");
        worker.put(DistributedConfig.OFFSET_COMMIT_INTERVAL_MS_CONFIG, "500");
        if (exactlyOnce) {
            worker.put(DistributedConfig.EXACTLY_ONCE_SOURCE_SUPPORT_CONFIG, "enabled");
        }
        Properties broker = new Properties();
        broker.put("auto.create.topics.enable", "true");
        // One broker: the transaction log (needed by exactly-once workers) must fit on it.
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder().name(name).numWorkers(1)
                .workerProps(worker).brokerProps(broker).build();
        connect.start();
        return connect;
    }

    /** A source config for the simulated cluster with fast polls. */
    public static Map<String, String> connectorConfig(EmbeddedConnectCluster connect, SimulatedMesosCluster mesos,
                                               String prefix) {
        Map<String, String> props = new HashMap<>();
        props.put("connector.class", MesosSourceConnector.class.getName());
        props.put("tasks.max", "2");
        props.put("key.converter", StringConverter.class.getName());
        props.put("value.converter", JsonConverter.class.getName());
        props.put("value.converter.schemas.enable", "false");
        props.put("mesos.master.urls", String.join(",", mesos.masterUrls().stream().map(Object::toString).toList()));
        props.put("kafka.bootstrap.servers", connect.kafka().bootstrapServers());
        props.put("topic.prefix", prefix);
        props.put("mesos.stream.heartbeat.multiplier", "5");
        props.put("mesos.stream.stall.timeout.ms", "3000");
        props.put("mesos.retry.backoff.ms", "50");
        props.put("mesos.retry.backoff.max.ms", "500");
        props.put("stream.reconnect.backoff.ms", "50");
        props.put("stream.reconnect.backoff.max.ms", "500");
        props.put("poll.jitter.ratio", "0.2");
        for (String call : List.of("metrics", "roles", "weights", "quota", "maintenance.schedule",
                "maintenance.status", "master", "version", "health", "flags", "operations", "agents")) {
            props.put("poll." + call + ".interval.ms", "700");
        }
        for (String call : List.of("state", "frameworks", "tasks", "executors")) {
            props.put("poll." + call + ".interval.ms", "2000");
        }
        return props;
    }

    /** Every record of a topic, committed only, as (key, value JSON or null for a tombstone). */
    public static List<Map.Entry<String, JsonNode>> readAll(EmbeddedConnectCluster connect, String topic) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        forEachRecord(connect, topic, (key, value) -> out.add(new AbstractMap.SimpleImmutableEntry<>(key, value)));
        return out;
    }

    /** The latest value per key (a tombstone removes the key). */
    public static Map<String, JsonNode> latest(EmbeddedConnectCluster connect, String topic) {
        Map<String, JsonNode> latest = new LinkedHashMap<>();
        forEachRecord(connect, topic, (key, value) -> {
            if (value == null) {
                latest.remove(key);
            } else {
                latest.put(key, value);
            }
        });
        return latest;
    }

    /**
     * Hands every committed record of a topic, from the beginning to the end offsets seen at the start, to
     * {@code action} as (key, value JSON or null for a tombstone), without keeping them.
     */
    public static void forEachRecord(EmbeddedConnectCluster connect, String topic,
                                     BiConsumer<String, JsonNode> action) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connect.kafka().bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            if (!consumer.listTopics(Duration.ofSeconds(10)).containsKey(topic)) {
                return;
            }
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 120_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("Could not read " + topic + " to its end offsets " + end);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
                    JsonNode value = null;
                    if (record.value() != null) {
                        try {
                            value = JSON.readTree(record.value());
                        } catch (IOException e) {
                            throw new AssertionError("Unreadable value on " + topic, e);
                        }
                    }
                    action.accept(key, value);
                }
            }
        }
    }

    /** A task's source metric from JMX (the worker runs in this JVM); 0 while the task or the attribute is absent. */
    public static long metric(String connector, int task, String attribute) {
        try {
            ObjectName name = new ObjectName("kafka.connect.mesos:type=source-task-metrics,connector="
                    + ObjectName.quote(connector) + ",task=" + task);
            var server = ManagementFactory.getPlatformMBeanServer();
            return server.isRegistered(name) ? ((Number) server.getAttribute(name, attribute)).longValue() : 0;
        } catch (javax.management.AttributeNotFoundException | javax.management.InstanceNotFoundException e) {
            return 0;
        } catch (javax.management.JMException e) {
            throw new AssertionError(e);
        }
    }

    /** Polls {@code supplier} until {@code condition} holds, then returns the value; fails with the last one. */
    public static <T> T eventually(Duration timeout, Supplier<T> supplier, Predicate<T> condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = supplier.get();
        while (!condition.test(value)) {
            if (System.nanoTime() > deadline) {
                assertThat(condition.test(value)).as(what + "; last value: " + value).isTrue();
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            value = supplier.get();
        }
        return value;
    }
}
