package io.kafkaconnect.mesos.sink;

import java.lang.management.ManagementFactory;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The JMX names documented in docs/sink.md. */
class SinkMetricsTest {

    @Test
    void registersTheDocumentedMBeans() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try (SinkMetrics metrics = new SinkMetrics("jmx-test", 3)) {
            metrics.retried();
            metrics.retried();
            metrics.callLatency(40);
            metrics.commandFinished("DRAIN_AGENT", CommandState.APPLIED);
            metrics.inDoubtResolved("ALREADY_APPLIED");
            metrics.ledgerLag(() -> 7L);
            ObjectName task = new ObjectName("kafka.connect.mesos:type=sink-task-metrics,connector=jmx-test,task=3");
            assertThat(server.getAttribute(task, "retry-total")).isEqualTo(2.0);
            assertThat(server.getAttribute(task, "call-latency-max")).isEqualTo(40.0);
            assertThat(server.getAttribute(task, "ledger-lag")).isEqualTo(7L);
            assertThat(server.getAttribute(new ObjectName("kafka.connect.mesos:type=sink-command-metrics,"
                    + "connector=jmx-test,task=3,call-type=DRAIN_AGENT,outcome=APPLIED"), "command-total"))
                    .isEqualTo(1.0);
            assertThat(server.getAttribute(new ObjectName("kafka.connect.mesos:type=sink-in-doubt-metrics,"
                    + "connector=jmx-test,task=3,resolution=ALREADY_APPLIED"), "in-doubt-resolution-total"))
                    .isEqualTo(1.0);
        }
        assertThat(server.queryNames(new ObjectName("kafka.connect.mesos:connector=jmx-test,*"), null)).isEmpty();
    }
}
