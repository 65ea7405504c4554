package io.kafkaconnect.mesos.source.it;

import static io.kafkaconnect.mesos.source.it.SourceItSupport.connectorConfig;
import static io.kafkaconnect.mesos.source.it.SourceItSupport.eventually;
import static io.kafkaconnect.mesos.source.it.SourceItSupport.latest;
import static io.kafkaconnect.mesos.source.it.SourceItSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffsets;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.MachineID;
import org.apache.mesos.v1.Protos.TimeInfo;
import org.apache.mesos.v1.Protos.Unavailability;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.Protos.WeightInfo;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.quota.Protos.QuotaConfig;

import io.kafkaconnect.mesos.client.MesosClient;
import io.kafkaconnect.mesos.client.MesosClientConfig;
import io.kafkaconnect.mesos.source.MesosSourceConnector;

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

    private static MesosClient client(SimulatedMesosCluster cluster) {
        return new MesosClient(MesosClientConfig.builder().masterUrls(cluster.masterUrls()).build());
    }

    @Test
    void polledCallsPublishWhatMesosNeverStreamsAndOnlyWhenItChanges() throws Exception {
        startMesos();
        var state = mesos.state();
        state.registerFramework("marathon", "web");
        String a1 = state.addAgent("agent-1.example", "10.0.0.1");
        String prefix = "polled";
        connect.configureConnector("polled", connectorConfig(connect, mesos, prefix));
        eventually(WAIT, () -> latest(connect, prefix + ".agents"), m -> m.containsKey(a1), "agent published");

        try (MesosClient client = client(mesos)) {
            client.call(Call.newBuilder().setType(Call.Type.UPDATE_QUOTA).setUpdateQuota(Call.UpdateQuota.newBuilder()
                    .addQuotaConfigs(QuotaConfig.newBuilder().setRole("web")
                            .putGuarantees("cpus", Value.Scalar.newBuilder().setValue(2).build()))).build());
            client.call(Call.newBuilder().setType(Call.Type.UPDATE_WEIGHTS).setUpdateWeights(Call.UpdateWeights
                    .newBuilder().addWeightInfos(WeightInfo.newBuilder().setRole("web").setWeight(2.5))).build());
            client.call(Call.newBuilder().setType(Call.Type.UPDATE_MAINTENANCE_SCHEDULE)
                    .setUpdateMaintenanceSchedule(Call.UpdateMaintenanceSchedule.newBuilder().setSchedule(
                            org.apache.mesos.v1.maintenance.Protos.Schedule.newBuilder().addWindows(org.apache.mesos.v1.maintenance.Protos.Window.newBuilder()
                                    .addMachineIds(MachineID.newBuilder().setHostname("agent-1.example")
                                            .setIp("10.0.0.1"))
                                    .setUnavailability(Unavailability.newBuilder().setStart(TimeInfo.newBuilder()
                                            .setNanoseconds(System.currentTimeMillis() * 1_000_000L + 3_600_000_000_000L))))))
                    .build());
            client.call(Call.newBuilder().setType(Call.Type.DEACTIVATE_AGENT).setDeactivateAgent(
                    Call.DeactivateAgent.newBuilder().setAgentId(AgentID.newBuilder().setValue(a1))).build());
        }

        eventually(WAIT, () -> latest(connect, prefix + ".quota"),
                m -> m.containsKey("web") && m.get("web").path("guarantees").path("cpus").asDouble() == 2.0,
                "quota published");
        eventually(WAIT, () -> latest(connect, prefix + ".roles"),
                m -> m.containsKey("web") && m.get("web").path("weight").asDouble() == 2.5, "weight published");
        Map<String, JsonNode> machines = eventually(WAIT, () -> latest(connect, prefix + ".maintenance"),
                m -> !m.isEmpty(), "maintenance published");
        assertThat(machines.values().iterator().next().path("source").path("call").asText()).startsWith(
                "GET_MAINTENANCE_");
        eventually(WAIT, () -> latest(connect, prefix + ".agents"),
                m -> m.get(a1).path("deactivated").asBoolean(), "deactivation (never streamed) published by polling");
        Map<String, JsonNode> master = eventually(WAIT, () -> latest(connect, prefix + ".master"),
                m -> m.size() == 1 && m.values().iterator().next().path("healthy").asBoolean()
                        && !m.values().iterator().next().path("build_version").asText().isEmpty()
                        && m.values().iterator().next().path("flags").size() > 0,
                "the leading master published, merged from GET_MASTER, GET_VERSION, GET_HEALTH and GET_FLAGS");
        assertThat(master.values().iterator().next().path("build_version").asText()).isEqualTo("1.11.0");
        eventually(WAIT, () -> readAll(connect, prefix + ".metrics"),
                rows -> rows.stream().anyMatch(r -> "master/elected".equals(r.getKey())), "metrics, one row each");

        // Several more polls of unchanged quota and weights emit nothing.
        long quotaRecords = readAll(connect, prefix + ".quota").size();
        long roleRecords = readAll(connect, prefix + ".roles").size();
        Thread.sleep(3_000);
        assertThat(readAll(connect, prefix + ".quota")).hasSize((int) quotaRecords);
        assertThat(readAll(connect, prefix + ".roles")).hasSize((int) roleRecords);

        // A machine dropped from the schedule is deleted: DELETE, then a tombstone.
        try (MesosClient client = client(mesos)) {
            client.call(Call.newBuilder().setType(Call.Type.UPDATE_MAINTENANCE_SCHEDULE)
                    .setUpdateMaintenanceSchedule(Call.UpdateMaintenanceSchedule.newBuilder()
                            .setSchedule(org.apache.mesos.v1.maintenance.Protos.Schedule.newBuilder())).build());
        }
        eventually(WAIT, () -> latest(connect, prefix + ".maintenance"), Map::isEmpty, "machine deleted");
        connect.deleteConnector("polled");
    }

    @Test
    void stopAndResumeReconcilesWithoutDuplicates() throws Exception {
        startMesos();
        var state = mesos.state();
        String fw = state.registerFramework("marathon", "web");
        String a1 = state.addAgent("agent-1.example", "10.0.0.1");
        String a2 = state.addAgent("agent-2.example", "10.0.0.2");
        String t1 = state.launchTask(fw, a1, "web-1", 0.5, 128);
        String t2 = state.launchTask(fw, a2, "web-2", 0.5, 128);
        String prefix = "resume";
        connect.configureConnector("resume", connectorConfig(connect, mesos, prefix));
        eventually(WAIT, () -> latest(connect, prefix + ".tasks"), m -> m.size() == 2, "snapshot published");
        Thread.sleep(1_500); // let offsets commit

        connect.stopConnector("resume");
        connect.assertions().assertConnectorIsStopped("resume", "connector stopped");
        int before = readAll(connect, prefix + ".tasks").size();
        state.updateTask(fw, t1, TaskState.TASK_RUNNING);
        String t3 = state.launchTask(fw, a1, "web-3", 0.5, 128);
        state.removeAgent(a2);
        String a3 = state.addAgent("agent-3.example", "10.0.0.3");
        connect.resumeConnector("resume");

        Map<String, JsonNode> tasks = eventually(WAIT, () -> latest(connect, prefix + ".tasks"),
                m -> m.containsKey(fw + "/" + t3) && !m.containsKey(fw + "/" + t2)
                        && "TASK_RUNNING".equals(m.get(fw + "/" + t1).path("state").asText()),
                "changes made while stopped are reconciled");
        assertThat(tasks.get(fw + "/" + t3).path("op").asText()).isEqualTo("CREATE");
        assertThat(tasks.get(fw + "/" + t3).path("source").path("reconciled").asBoolean()).isTrue();
        assertThat(tasks.get(fw + "/" + t1).path("op").asText()).isEqualTo("UPDATE");
        eventually(WAIT, () -> latest(connect, prefix + ".agents"),
                m -> m.containsKey(a3) && !m.containsKey(a2), "agents reconciled");

        Thread.sleep(2_500); // a few more polls and reconciliations: nothing more may appear
        List<Map.Entry<String, JsonNode>> after = readAll(connect, prefix + ".tasks").subList(before,
                readAll(connect, prefix + ".tasks").size());
        assertThat(after).extracting(Map.Entry::getKey).as("t1 update, t3 create, t2 delete + tombstone only")
                .containsExactlyInAnyOrder(fw + "/" + t1, fw + "/" + t3, fw + "/" + t2, fw + "/" + t2);
        assertThat(readAll(connect, prefix + ".frameworks")).as("the unchanged framework is not re-emitted")
                .hasSize(1);
        connect.deleteConnector("resume");
    }

    @Test
    void anOffsetResetMeansAFullResnapshotAndBadOffsetEditsAreRejected() throws Exception {
        startMesos();
        var state = mesos.state();
        String fw = state.registerFramework("marathon", "web");
        String a1 = state.addAgent("agent-1.example", "10.0.0.1");
        state.launchTask(fw, a1, "web-1", 0.5, 128);
        String prefix = "reset";
        Map<String, String> props = connectorConfig(connect, mesos, prefix);
        props.put("tasks.max", "1");
        connect.configureConnector("reset", props);
        eventually(WAIT, () -> readAll(connect, prefix + ".tasks"), l -> l.size() == 1, "snapshot published");
        Thread.sleep(1_500);
        connect.stopConnector("reset");
        connect.assertions().assertConnectorIsStopped("reset", "connector stopped");

        assertThatThrownBy(() -> connect.alterConnectorOffsets("reset", new ConnectorOffsets(List.of(
                new ConnectorOffset(Map.of("source", "stream"), Map.of("resume_token", "abc"))))))
                .hasMessageContaining("resume_token");
        assertThatThrownBy(() -> connect.alterConnectorOffsets("reset", new ConnectorOffsets(List.of(
                new ConnectorOffset(Map.of("source", "file"), Map.of("sequence", 1))))))
                .hasMessageContaining("Unknown source partition");

        connect.resetConnectorOffsets("reset");
        connect.resumeConnector("reset");
        List<Map.Entry<String, JsonNode>> records = eventually(WAIT, () -> readAll(connect, prefix + ".tasks"),
                l -> l.size() == 2, "the task is published again");
        assertThat(records.get(1).getValue().path("op").asText()).isEqualTo("READ");
        assertThat(records.get(1).getValue().path("source").path("snapshot").asBoolean()).isTrue();
        connect.deleteConnector("reset");
    }

    @Test
    void validationChecksTheMasterLive() {
        mesos = SimulatedMesosCluster.builder().basicAuth("operator", "secret").build().start();
        Map<String, String> props = connectorConfig(connect, mesos, "validate");
        props.put("name", "validate");
        props.put("mesos.auth.type", "basic");
        props.put("mesos.auth.username", "operator");
        props.put("mesos.auth.password", "wrong");
        ConfigInfos badCredentials = connect.validateConnectorConfig(MesosSourceConnector.class.getSimpleName(),
                props);
        assertThat(badCredentials.errorCount()).isPositive();
        assertThat(errors(badCredentials)).anySatisfy((key, messages) -> {
            assertThat(key).startsWith("mesos.auth");
            assertThat(messages).isNotEmpty();
        });

        props.put("mesos.auth.password", "secret");
        assertThat(errors(connect.validateConnectorConfig(MesosSourceConnector.class.getSimpleName(), props)))
                .isEmpty();

        props.put("mesos.master.urls", "http://127.0.0.1:1");
        ConfigInfos unreachable = connect.validateConnectorConfig(MesosSourceConnector.class.getSimpleName(), props);
        assertThat(errors(unreachable)).containsKey("mesos.master.urls");
    }

    private static Map<String, List<String>> errors(ConfigInfos infos) {
        Map<String, List<String>> errors = new java.util.HashMap<>();
        infos.values().forEach(info -> {
            if (!info.configValue().errors().isEmpty()) {
                errors.put(info.configValue().name(), info.configValue().errors());
            }
        });
        return errors;
    }

    @Test
    void aProtobufStreamGivesTheSameEntitiesAndArchivesTheRawBytes() {
        startMesos();
        var state = mesos.state();
        String fw = state.registerFramework("marathon", "web");
        String a1 = state.addAgent("agent-1.example", "10.0.0.1");
        String t1 = state.launchTask(fw, a1, "web-1", 0.5, 128);
        String prefix = "proto";
        Map<String, String> props = connectorConfig(connect, mesos, prefix);
        props.put("mesos.encoding", "protobuf");
        connect.configureConnector("proto", props);
        eventually(WAIT, () -> latest(connect, prefix + ".tasks"), m -> m.containsKey(fw + "/" + t1), "snapshot");
        state.updateTask(fw, t1, TaskState.TASK_RUNNING);
        Map<String, JsonNode> tasks = eventually(WAIT, () -> latest(connect, prefix + ".tasks"),
                m -> "TASK_RUNNING".equals(m.get(fw + "/" + t1).path("state").asText()), "update from protobuf");
        assertThat(tasks.get(fw + "/" + t1).path("agent_id").asText()).isEqualTo(a1);
        JsonNode update = eventually(WAIT, () -> readAll(connect, prefix + ".events"),
                l -> l.stream().anyMatch(e -> "TASK_UPDATED".equals(e.getValue().path("type").asText())),
                "TASK_UPDATED archived").stream()
                .filter(e -> "TASK_UPDATED".equals(e.getValue().path("type").asText())).findFirst().orElseThrow()
                .getValue();
        assertThat(update.path("payload_format").asText()).isEqualTo("protobuf");
        assertThat(update.path("payload_bytes").asText()).as("base64 of the raw record").isNotEmpty();
        assertThat(update.path("payload_json").asText()).contains("TASK_RUNNING");
        connect.deleteConnector("proto");
    }
}
