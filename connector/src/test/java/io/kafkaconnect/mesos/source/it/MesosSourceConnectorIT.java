package io.kafkaconnect.mesos.source.it;

import static io.kafkaconnect.mesos.source.it.SourceItSupport.connectorConfig;
import static io.kafkaconnect.mesos.source.it.SourceItSupport.eventually;
import static io.kafkaconnect.mesos.source.it.SourceItSupport.latest;
import static io.kafkaconnect.mesos.source.it.SourceItSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.kafkaconnect.mesos.simulator.SimulatedMesosCluster;

/** The source connector on a real Connect worker against the simulated master, through the REST API. */
class MesosSourceConnectorIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static EmbeddedConnectCluster connect;
    private SimulatedMesosCluster mesos;

    @BeforeAll
    static void startConnect() {
        connect = SourceItSupport.startConnect("mesos-source-it", false);
    }

    @AfterAll
    static void stopConnect() {
        if (connect != null) {
            connect.stop();
        }
    }

    @AfterEach
    void stopMesos() {
        if (mesos != null) {
            mesos.close();
        }
    }

    private SimulatedMesosCluster startMesos() {
        mesos = SimulatedMesosCluster.builder().heartbeatInterval(Duration.ofMillis(300)).build().start();
        return mesos;
    }

    private static Set<String> eventTypes(String prefix) {
        return readAll(connect, prefix + ".events").stream().map(e -> e.getValue().path("type").asText())
                .collect(Collectors.toSet());
    }

    @Test
    void snapshotThenEveryStreamedEventType() {
        startMesos();
        var state = mesos.state();
        String fw = state.registerFramework("marathon", "web");
        String a1 = state.addAgent("agent-1.example", "10.0.0.1");
        String a2 = state.addAgent("agent-2.example", "10.0.0.2");
        String t1 = state.launchTask(fw, a1, "web-1", 0.5, 128);
        state.updateTask(fw, t1, TaskState.TASK_RUNNING);

        String prefix = "snap";
        connect.configureConnector("snap", connectorConfig(connect, mesos, prefix));

        Map<String, JsonNode> tasks = eventually(WAIT, () -> latest(connect, prefix + ".tasks"),
                m -> m.containsKey(fw + "/" + t1), "the snapshot's task is published");
        assertThat(tasks.get(fw + "/" + t1).path("op").asText()).isEqualTo("READ");
        assertThat(tasks.get(fw + "/" + t1).path("state").asText()).isEqualTo("TASK_RUNNING");
        assertThat(tasks.get(fw + "/" + t1).path("source").path("snapshot").asBoolean()).isTrue();
        assertThat(latest(connect, prefix + ".agents")).containsKeys(a1, a2);

        // Live events of every type the master sends.
        String t2 = state.launchTask(fw, a2, "web-2", 0.5, 128);
        state.updateTask(fw, t2, TaskState.TASK_RUNNING);
        state.updateTask(fw, t1, TaskState.TASK_FINISHED);
        String a3 = state.addAgent("agent-3.example", "10.0.0.3");
        String fw2 = state.registerFramework("batch", "etl");
        state.reregisterFramework(fw);
        String t3 = state.launchTask(fw2, a3, "job-1", 1, 256);
        state.removeFramework(fw2);
        state.removeAgent(a2);

        eventually(WAIT, () -> eventTypes(prefix), types -> types.containsAll(List.of("SUBSCRIBED", "HEARTBEAT",
                "TASK_ADDED", "TASK_UPDATED", "AGENT_ADDED", "AGENT_REMOVED", "FRAMEWORK_ADDED", "FRAMEWORK_UPDATED",
                "FRAMEWORK_REMOVED")), "every event type is archived");

        Map<String, JsonNode> finalTasks = eventually(WAIT, () -> latest(connect, prefix + ".tasks"),
                m -> m.containsKey(fw + "/" + t1) && "TASK_FINISHED".equals(m.get(fw + "/" + t1).path("state")
                        .asText()) && !m.containsKey(fw + "/" + t2) && !m.containsKey(fw2 + "/" + t3),
                "terminal tasks keep their state; tasks of the removed agent and framework are deleted");
        assertThat(finalTasks.get(fw + "/" + t1).path("op").asText()).isEqualTo("UPDATE");
        Map<String, JsonNode> agents = latest(connect, prefix + ".agents");
        assertThat(agents).containsKeys(a1, a3).doesNotContainKey(a2);
        assertThat(latest(connect, prefix + ".frameworks")).containsKey(fw).doesNotContainKey(fw2);

        // A deletion is a DELETE record, then a tombstone.
        List<Map.Entry<String, JsonNode>> agentRecords = readAll(connect, prefix + ".agents");
        List<Map.Entry<String, JsonNode>> ofA2 = agentRecords.stream().filter(e -> a2.equals(e.getKey())).toList();
        assertThat(ofA2.get(ofA2.size() - 2).getValue().path("op").asText()).isEqualTo("DELETE");
        assertThat(ofA2.get(ofA2.size() - 1).getValue()).isNull();

        // Live records are neither snapshot nor reconciled rows.
        JsonNode t2Added = readAll(connect, prefix + ".tasks").stream()
                .filter(e -> (fw + "/" + t2).equals(e.getKey()) && e.getValue() != null).findFirst().orElseThrow()
                .getValue();
        assertThat(t2Added.path("op").asText()).isEqualTo("CREATE");
        assertThat(t2Added.path("source").path("reconciled").asBoolean()).isFalse();
        assertThat(t2Added.path("source").path("stream_id").asText()).isNotEmpty();
        connect.deleteConnector("snap");
    }
}
