package io.kafkaconnect.mesos.sink;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaconnect.mesos.codec.MesosJson;
import io.kafkaconnect.mesos.simulator.SimulatedMesosCluster;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.connect.runtime.ConnectorConfig;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.apache.mesos.v1.master.Protos.Call;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared plumbing for the sink ITs (here and in the chaos suite): connector configs, command records, result read-outs
 * and finding the worker that runs a task.
 */
public final class SinkItSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SinkItSupport() {
    }

    /** A sink config for the simulated cluster: every supported call allowed, fast retries, DLQ next to the topic. */
    public static Map<String, String> sinkProps(EmbeddedConnectCluster connect, SimulatedMesosCluster mesos,
                                                String topic, Class<?> valueConverter) {
        Map<String, String> p = new HashMap<>();
        p.put(ConnectorConfig.CONNECTOR_CLASS_CONFIG, MesosSinkConnector.class.getName());
        p.put(ConnectorConfig.TASKS_MAX_CONFIG, "1");
        p.put("topics", topic);
        p.put(ConnectorConfig.KEY_CONVERTER_CLASS_CONFIG, StringConverter.class.getName());
        p.put(ConnectorConfig.VALUE_CONVERTER_CLASS_CONFIG, valueConverter.getName());
        p.put("errors.tolerance", "all");
        p.put("errors.deadletterqueue.topic.name", topic + ".dlq");
        p.put("errors.deadletterqueue.topic.replication.factor", "1");
        p.put("errors.deadletterqueue.context.headers.enable", "true");
        p.put("mesos.master.urls", mesos.masterUrls().stream().map(URI::toString).collect(Collectors.joining(",")));
        p.put("mesos.retry.backoff.ms", "50");
        p.put("mesos.retry.backoff.max.ms", "500");
        p.put("kafka.bootstrap.servers", connect.kafka().bootstrapServers());
        p.put("sink.topics.replication.factor", "1");
        p.put("command.allowed.types", CallCatalog.supported().stream().map(Enum::name)
                .collect(Collectors.joining(",")));
        p.put("retry.backoff.initial.ms", "50");
        p.put("retry.backoff.max.ms", "500");
        return p;
    }

    /** A command as the JSON envelope, requested by "it". */
    public static byte[] jsonCommand(String id, Call call) {
        return ("{\"command_id\":\"" + id + "\",\"requested_by\":\"it\",\"call\":" + MesosJson.toJson(call) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Every result record per command id, read from the beginning until each id has one. */
    public static Map<String, List<JsonNode>> awaitResults(EmbeddedConnectCluster connect, String topic,
                                                           Collection<String> ids, Duration timeout)
            throws Exception {
        Map<String, List<JsonNode>> byId = new LinkedHashMap<>();
        Map<String, Object> props = Map.of(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = connect.kafka().createConsumerAndSubscribeTo(props, topic)) {
            while (!byId.keySet().containsAll(ids)) {
                if (System.nanoTime() > deadline) {
                    List<String> missing = ids.stream().filter(id -> !byId.containsKey(id)).limit(50).toList();
                    assertThat(missing).as("commands without a result on " + topic + " (first 50)").isEmpty();
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(250))) {
                    JsonNode result = JSON.readTree(r.value());
                    byId.computeIfAbsent(result.path("command_id").asText(), k -> new ArrayList<>()).add(result);
                }
            }
        }
        return byId;
    }

    /**
     * The worker that runs task {@code task} of {@code connector}, once the task is RUNNING on a worker of the cluster
     * (right after a worker left, the status may still name it).
     */
    public static WorkerHandle workerRunning(EmbeddedConnectCluster connect, String connector, int task)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            var status = connect.connectorStatus(connector).tasks().stream().filter(t -> t.id() == task)
                    .findFirst();
            if (status.isPresent() && "RUNNING".equals(status.get().state())) {
                String workerId = status.get().workerId();
                var worker = connect.workers().stream().filter(w -> workerId.endsWith(":" + w.url().getPort()))
                        .findFirst();
                if (worker.isPresent()) {
                    return worker.get();
                }
            }
            assertThat(System.nanoTime()).as("task " + task + " of " + connector + " running on a worker")
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
