package io.kafkaconnect.mesos.bench.snapshot;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;

import io.kafkaconnect.mesos.bench.Forked;
import io.kafkaconnect.mesos.bench.HeapWatcher;
import io.kafkaconnect.mesos.bench.KafkaStack;
import io.kafkaconnect.mesos.bench.LiveHeapProbe;

/**
 * Forked part of the big-snapshot benchmark: a Connect worker (with its broker, both in this JVM, as started with
 * {@code -Xmx1g}) runs the source connector against the parent's simulated master, whose SUBSCRIBED carries the big
 * cluster. Reports the heap above the idle worker, the time until every task and agent is in Kafka, the source task's
 * reconnect counter and snapshot metrics, and the largest record written.
 * Arguments: {@code <master url> <json|protobuf> <agents> <tasks>}.
 */
public final class SnapshotWorker {

    private static final String PREFIX = "big";
    private static final String CONNECTOR = "big-snapshot";
    /** How often the live heap is probed with a full collection while the snapshot goes through. */
    private static final Duration LIVE_PROBE_PERIOD = Duration.ofSeconds(2);

    private SnapshotWorker() {
    }

    private static void failIfTaskFailed(KafkaStack kafka) {
        ConnectorStateInfo status;
        try {
            status = kafka.connect().connectorStatus(CONNECTOR);
        } catch (ConnectRestException e) {
            return; // no status yet: the connector is still starting
        }
        if (status.tasks().stream().anyMatch(t -> "FAILED".equals(t.state()))) {
            throw new IllegalStateException("the source task failed: " + status.tasks().get(0).trace());
        }
    }

    public static void main(String[] args) throws Exception {
        String master = args[0];
        String encoding = args[1];
        long agents = Long.parseLong(args[2]);
        long tasks = Long.parseLong(args[3]);
        try (KafkaStack kafka = KafkaStack.start("bench-snapshot")) {
            long idle = HeapWatcher.settledHeap();
            Forked.result("idle_heap_mb", idle / 1e6);
            try (HeapWatcher heap = new HeapWatcher(); LiveHeapProbe live = new LiveHeapProbe(LIVE_PROBE_PERIOD)) {
                long start = System.nanoTime();
                kafka.connect().configureConnector(CONNECTOR, kafka.streamOnlySource(master, PREFIX, encoding));
                Map<TopicPartition, Long> offsets = Map.of();
                long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
                // the SUBSCRIBED goes to the events topic once the snapshot is through, after every entity record
                while (KafkaStack.grown(Map.of(), offsets, PREFIX + ".tasks") < tasks
                        || KafkaStack.grown(Map.of(), offsets, PREFIX + ".agents") < agents
                        || KafkaStack.grown(Map.of(), offsets, PREFIX + ".events") < 1) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the snapshot did not reach Kafka in 20 minutes: " + offsets);
                    }
                    failIfTaskFailed(kafka);
                    Thread.sleep(200);
                    offsets = kafka.endOffsets(PREFIX + ".");
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                Forked.result("to_kafka_s", seconds);
                Forked.result("peak_live_above_idle_mb", (heap.maxAfterGc() - idle) / 1e6);
                Forked.result("peak_sampled_above_idle_mb", (heap.maxSampled() - idle) / 1e6);
                Forked.result("peak_live_probed_above_idle_mb", (live.max() - idle) / 1e6);
                MBeanServer server = ManagementFactory.getPlatformMBeanServer();
                ObjectName metrics = new ObjectName("kafka.connect.mesos:type=source-task-metrics,connector="
                        + ObjectName.quote(CONNECTOR) + ",task=0");
                for (String attribute : new String[] {"reconnects-total", "snapshot-bytes", "snapshot-process-ms",
                        "records-emitted-total"}) {
                    Forked.result(attribute, server.getAttribute(metrics, attribute));
                }
                kafka.connect().deleteConnector(CONNECTOR);
                KafkaStack.Sizes sizes = kafka.sizes(Map.of(), offsets);
                Forked.result("records", sizes.records());
                Forked.result("largest_record_bytes", sizes.largestRecord());
                Forked.result("largest_record_topic", sizes.largestTopic());
            }
        }
    }
}
