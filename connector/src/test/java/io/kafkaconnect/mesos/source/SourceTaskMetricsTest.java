package io.kafkaconnect.mesos.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.kafkaconnect.mesos.source.stream.DisconnectReason;
import io.kafkaconnect.mesos.source.stream.StreamEvent;

class SourceTaskMetricsTest {

    private static StreamEvent event(String type) {
        return new StreamEvent(type, JsonNodeFactory.instance.objectNode(), new byte[0], true, 0, 0);
    }

    @Test
    void attributesAreVisibleThroughJmxAndGoAwayOnClose() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("kafka.connect.mesos:type=source-task-metrics,connector=\"jmx-test\",task=3");
        try (SourceTaskMetrics metrics = new SourceTaskMetrics("jmx-test", 3)) {
            metrics.connected("http://m1:5050");
            metrics.received(event("SUBSCRIBED"));
            metrics.received(event("HEARTBEAT"));
            metrics.received(event("TASK_UPDATED"));
            metrics.received(event("TASK_UPDATED"));
            metrics.disconnected(DisconnectReason.STALLED);
            metrics.snapshot(4096, 12);
            metrics.pollLatency("GET_QUOTA", 7);
            metrics.recordsEmitted(5);
            metrics.queueDepth(() -> 42);

            assertThat(server.getAttribute(name, "leader")).isEqualTo("http://m1:5050");
            assertThat(server.getAttribute(name, "connected")).isEqualTo(false);
            assertThat(server.getAttribute(name, "events-TASK_UPDATED")).isEqualTo(2L);
            assertThat(server.getAttribute(name, "events-total")).isEqualTo(4L);
            assertThat(server.getAttribute(name, "reconnects-stalled")).isEqualTo(1L);
            assertThat(server.getAttribute(name, "reconnects-total")).isEqualTo(1L);
            assertThat(server.getAttribute(name, "snapshot-bytes")).isEqualTo(4096L);
            assertThat(server.getAttribute(name, "poll-latency-ms-GET_QUOTA")).isEqualTo(7L);
            assertThat(server.getAttribute(name, "records-emitted-total")).isEqualTo(5L);
            assertThat(server.getAttribute(name, "queue-depth")).isEqualTo(42L);
            assertThat((Double) server.getAttribute(name, "seconds-since-last-heartbeat")).isGreaterThanOrEqualTo(0.0);
            assertThat(server.getMBeanInfo(name).getAttributes()).extracting(a -> a.getName())
                    .contains("seconds-since-last-byte", "events-HEARTBEAT");
        }
        assertThat(server.isRegistered(name)).isFalse();
    }
}
