package io.kafkaconnect.mesos.source.it;

import static io.kafkaconnect.mesos.source.it.SourceItSupport.connectorConfig;
import static io.kafkaconnect.mesos.source.it.SourceItSupport.eventually;
import static io.kafkaconnect.mesos.source.it.SourceItSupport.latest;
import static io.kafkaconnect.mesos.source.it.SourceItSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.kafkaconnect.mesos.client.MesosClient;
import io.kafkaconnect.mesos.client.MesosClientConfig;
import io.kafkaconnect.mesos.simulator.SimulatedMesosCluster;
import io.kafkaconnect.mesos.simulator.WorkloadConfig;
import io.kafkaconnect.mesos.simulator.WorkloadGenerator;

/**
 * Failover, stream faults and convergence, on a worker with {@code exactly.once.source.support=enabled} and the
 * connector requiring exactly-once ({@code exactly.once.support=required}); every read-out is read_committed.
 */
class MesosSourceResilienceIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static EmbeddedConnectCluster connect;
    private SimulatedMesosCluster mesos;

    @BeforeAll
    static void startConnect() {
        connect = SourceItSupport.startConnect("mesos-source-eos-it", true);
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

    private Map<String, String> config(String prefix) {
        Map<String, String> props = connectorConfig(connect, mesos, prefix);
        props.put("exactly.once.support", "required");
        return props;
    }

    private static long metric(String connector, String attribute) {
        return SourceItSupport.metric(connector, 0, attribute);
    }

    private static long deletes(String topic, String key) {
        return readAll(connect, topic).stream()
                .filter(e -> key.equals(e.getKey()) && e.getValue() != null
                        && "DELETE".equals(e.getValue().path("op").asText()))
                .count();
    }

    @Test
    void leaderFailoverHoldsRecoveringAgentsUntilTheyReRegisterOrTimeOut() throws Exception {
        mesos = SimulatedMesosCluster.builder().masters(3).heartbeatInterval(Duration.ofMillis(300))
                .manualAgentReregistration().build().start();
        var state = mesos.state();
        String fw = state.registerFramework("marathon", "web");
        String a1 = state.addAgent("agent-1.example", "10.0.0.1");
        String a2 = state.addAgent("agent-2.example", "10.0.0.2");
        String t1 = state.launchTask(fw, a1, "web-1", 0.5, 128);
        String t2 = state.launchTask(fw, a2, "web-2", 0.5, 128);
        state.updateTask(fw, t1, TaskState.TASK_RUNNING);
        state.updateTask(fw, t2, TaskState.TASK_RUNNING);
        String prefix = "failover";
        Map<String, String> props = config(prefix);
        // long enough that a loaded CI machine re-registers a1 before its hold expires (then t1 would be removed)
        props.put("reconcile.recovered.agent.timeout.ms", "15000");
        connect.configureConnector("failover", props);
        eventually(WAIT, () -> latest(connect, prefix + ".tasks"), m -> m.size() == 2, "snapshot published");
        String oldLeader = mesos.leaderUrl().toString();

        mesos.failover(Duration.ofSeconds(2)); // 307 from the old leader, then 503 during recovery
        String newLeader = mesos.leaderUrl().toString();
        assertThat(newLeader).isNotEqualTo(oldLeader);
        eventually(WAIT, () -> metric("failover", "events-SUBSCRIBED"), n -> n >= 2, "resubscribed to the new leader");
        Thread.sleep(3_000); // several GET_STATE reconciliations while the agents are only "recovered"
        assertThat(latest(connect, prefix + ".tasks")).containsKeys(fw + "/" + t1, fw + "/" + t2);
        assertThat(latest(connect, prefix + ".agents")).containsKeys(a1, a2);
        assertThat(deletes(prefix + ".tasks", fw + "/" + t1) + deletes(prefix + ".agents", a1)).isZero();

        mesos.reregisterAgents(List.of(a1)); // a2 never comes back
        Map<String, JsonNode> agents = eventually(WAIT, () -> latest(connect, prefix + ".agents"),
                m -> m.containsKey(a1) && !m.containsKey(a2), "a2 published as removed once its timeout passed");
        assertThat(agents.get(a1).path("source").path("leader").asText()).isEqualTo(newLeader);
        Map<String, JsonNode> tasks = latest(connect, prefix + ".tasks");
        assertThat(tasks).containsKey(fw + "/" + t1).doesNotContainKey(fw + "/" + t2);
        assertThat(deletes(prefix + ".tasks", fw + "/" + t1)).as("t1 was never published as removed").isZero();
        assertThat(latest(connect, prefix + ".frameworks")).containsKey(fw);
        connect.deleteConnector("failover");
    }

    @Test
    void droppedStalledAndEvictedStreamsAreResubscribedAndReconciled() throws Exception {
        mesos = SimulatedMesosCluster.builder().heartbeatInterval(Duration.ofMillis(300)).maxSubscribers(1).build()
                .start();
        var state = mesos.state();
        String fw = state.registerFramework("marathon", "web");
        String a1 = state.addAgent("agent-1.example", "10.0.0.1");
        String prefix = "faults";
        connect.configureConnector("faults", config(prefix));
        eventually(WAIT, () -> latest(connect, prefix + ".agents"), m -> m.containsKey(a1), "snapshot published");

        mesos.faults().dropAllStreams();
        String t1 = state.launchTask(fw, a1, "after-drop", 0.1, 32);
        eventually(WAIT, () -> latest(connect, prefix + ".tasks"), m -> m.containsKey(fw + "/" + t1),
                "a task launched around the drop is published");
        eventually(WAIT, () -> metric("faults", "reconnects-end_of_stream"), n -> n >= 1, "drop counted");

        mesos.faults().stallStreams();
        eventually(WAIT, () -> metric("faults", "reconnects-stalled"), n -> n >= 1, "the watchdog saw the stall");
        mesos.faults().resumeStreams();
        state.updateTask(fw, t1, TaskState.TASK_RUNNING);
        eventually(WAIT, () -> latest(connect, prefix + ".tasks"),
                m -> "TASK_RUNNING".equals(m.get(fw + "/" + t1).path("state").asText()), "update after the stall");

        // Another subscriber pushes the connector's stream out (max 1 subscriber): it resubscribes and reconciles.
        long endsBefore = metric("faults", "reconnects-end_of_stream");
        try (MesosClient other = new MesosClient(MesosClientConfig.builder().masterUrls(mesos.masterUrls()).build());
             var stream = other.subscribe()) {
            stream.next();
            eventually(WAIT, () -> metric("faults", "reconnects-end_of_stream"), n -> n > endsBefore, "evicted");
        }
        String a2 = state.addAgent("agent-2.example", "10.0.0.2");
        eventually(WAIT, () -> latest(connect, prefix + ".agents"), m -> m.containsKey(a2), "still streaming");
        assertThat(readAll(connect, prefix + ".agents").stream().filter(e -> a1.equals(e.getKey())))
                .as("the unchanged agent was not re-emitted by any of the resubscribes").hasSize(1);
        assertThat(readAll(connect, prefix + ".tasks").stream().filter(e -> (fw + "/" + t1).equals(e.getKey())))
                .as("a task as the stream left it equals the master's snapshot of it: launch and update only")
                .hasSize(2);
        connect.deleteConnector("faults");
    }

    @Test
    void entityTopicsConvergeToTheGroundTruthDespiteRepeatedDropsAndARestart() throws Exception {
        mesos = SimulatedMesosCluster.builder().heartbeatInterval(Duration.ofMillis(300)).build().start();
        WorkloadGenerator generator = new WorkloadGenerator(mesos, WorkloadConfig.of(42, 20, 4, 60)
                .withRates(0.03, 0.02, 0.1));
        generator.populate();
        String prefix = "converge";
        connect.configureConnector("converge", config(prefix));
        eventually(WAIT, () -> latest(connect, prefix + ".agents"), m -> m.size() >= 20, "snapshot published");

        generator.start(800);
        for (int i = 0; i < 5; i++) {
            Thread.sleep(2_500); // about 2,000 events between drops
            mesos.faults().dropAllStreams();
            if (i == 2) {
                // A task restart mid-run: the new task reads back what was committed and reconciles against it.
                connect.restartConnectorAndTasks("converge", false, true, false);
            }
        }
        generator.stop();
        generator.close();

        eventually(WAIT, () -> ConvergenceCheck.mismatches(connect, mesos, prefix), List::isEmpty,
                "entity topics converge to the ground truth");
        assertThat(metric("converge", "reconnects-end_of_stream")).as("drops after the restart")
                .isGreaterThanOrEqualTo(2);
        connect.deleteConnector("converge");
    }
}
