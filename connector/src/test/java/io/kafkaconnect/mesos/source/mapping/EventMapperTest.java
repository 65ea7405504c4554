package io.kafkaconnect.mesos.source.mapping;

import static io.kafkaconnect.mesos.source.mapping.ConnectRoundTrip.assertValidAndLossless;
import static io.kafkaconnect.mesos.source.mapping.MesosJson.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.kafkaconnect.mesos.source.schema.MesosSchemas;
import io.kafkaconnect.mesos.source.schema.SourceInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.apache.kafka.connect.data.Struct;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.master.Protos.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventMapperTest {

    private static final SourceInfo SRC = new SourceInfo("master-7a1b", "http://master-1:5050", "stream-1", 9, false,
            false, null);
    private static final Instant T = Instant.parse("2026-11-21T13:45:00Z");

    private final EventMapper mapper = new EventMapper();

    private Struct mapJson(String json) {
        return mapper.event(null, parse(json), json.getBytes(StandardCharsets.UTF_8), true, SRC, T);
    }

    static List<String> allEvents() {
        return List.of(MesosJson.EVENT_SUBSCRIBED, MesosJson.EVENT_HEARTBEAT, MesosJson.EVENT_TASK_ADDED,
                MesosJson.EVENT_TASK_UPDATED, MesosJson.EVENT_AGENT_ADDED, MesosJson.EVENT_AGENT_REMOVED,
                MesosJson.EVENT_FRAMEWORK_ADDED, MesosJson.EVENT_FRAMEWORK_UPDATED, MesosJson.EVENT_FRAMEWORK_REMOVED,
                MesosJson.EVENT_UNKNOWN);
    }

    @ParameterizedTest
    @MethodSource("allEvents")
    void everyEventKeepsItsPayloadExactlyAndConverts(String json) {
        Struct event = mapJson(json);
        assertThat(event.schema()).isSameAs(MesosSchemas.EVENT);
        assertThat(event.getString("type")).isEqualTo(parse(json).get("type").asText());
        assertThat(event.getString("payload_json")).as("the record as received, byte for byte").isEqualTo(json);
        assertThat(event.getBytes("payload_bytes")).isNull();
        assertThat(event.getString("payload_format")).isEqualTo("json");
        assertThat(event.get("ts")).isEqualTo(Date.from(T));
        assertThat(event.getStruct("source").getInt64("sequence")).isEqualTo(9L);
        assertValidAndLossless(event);
    }

    @Test
    void taskUpdatedTakesIdsFromStatusAndKeepsBothStates() {
        Struct event = mapJson(MesosJson.EVENT_TASK_UPDATED);
        assertThat(event.getString("type")).isEqualTo("TASK_UPDATED");
        assertThat(event.getString("framework_id")).isEqualTo("fw-marathon-0001");
        assertThat(event.getString("task_id")).isEqualTo("web.7f3c");
        assertThat(event.getString("agent_id")).isEqualTo("agent-S1");
        assertThat(event.getString("executor_id")).isEqualTo("exec-web.7f3c");
        assertThat(event.getString("task_state")).as("latest task state").isEqualTo("TASK_KILLING");
        assertThat(event.getString("status_state")).as("state of this update").isEqualTo("TASK_RUNNING");
        assertThat(event.getString("status_reason")).isEqualTo("REASON_TASK_HEALTH_CHECK_STATUS_UPDATED");
        assertThat(event.getString("status_source")).isEqualTo("SOURCE_EXECUTOR");
        assertThat(event.getString("status_message")).isEqualTo("health check failed");
        assertThat(event.getBoolean("status_healthy")).isFalse();
        assertThat(event.getString("status_uuid")).isEqualTo("AAECAwQFBgcICQoLDA0ODw==");
        assertThat(event.get("status_timestamp")).isEqualTo(new Date(1470820175500L));
    }

    @Test
    void taskAddedUsesTheTaskAndItsLatestStatus() {
        Struct event = mapJson(MesosJson.EVENT_TASK_ADDED);
        assertThat(event.getString("framework_id")).isEqualTo("fw-marathon-0001");
        assertThat(event.getString("task_id")).isEqualTo("web.7f3c");
        assertThat(event.getString("agent_id")).isEqualTo("agent-S1");
        assertThat(event.getString("executor_id")).isEqualTo("exec-web.7f3c");
        assertThat(event.getString("task_state")).isEqualTo("TASK_RUNNING");
        assertThat(event.getString("status_state")).isEqualTo("TASK_RUNNING");
        assertThat(event.getBoolean("status_healthy")).isTrue();
    }

    @Test
    void agentAndFrameworkEvents() {
        Struct added = mapJson(MesosJson.EVENT_AGENT_ADDED);
        assertThat(added.getString("agent_id")).isEqualTo("agent-S1");
        assertThat(added.getString("agent_hostname")).isEqualTo("node-1.example.com");
        assertThat(mapJson(MesosJson.EVENT_AGENT_REMOVED).getString("agent_id")).isEqualTo("agent-S1");
        for (String json : List.of(MesosJson.EVENT_FRAMEWORK_ADDED, MesosJson.EVENT_FRAMEWORK_UPDATED,
                MesosJson.EVENT_FRAMEWORK_REMOVED)) {
            Struct framework = mapJson(json);
            assertThat(framework.getString("framework_id")).isEqualTo("fw-marathon-0001");
            assertThat(framework.getString("framework_name")).isEqualTo("marathon");
            assertThat(framework.getString("task_id")).isNull();
        }
        assertThat(mapJson(MesosJson.EVENT_SUBSCRIBED).getFloat64("heartbeat_interval_seconds")).isEqualTo(15.0);
    }

    @Test
    void unknownEventTypeHasNoTypedFieldsButKeepsEverything() {
        Struct event = mapJson(MesosJson.EVENT_UNKNOWN);
        assertThat(event.getString("type")).isEqualTo("OPERATION_UPDATED");
        for (String field : List.of("framework_id", "agent_id", "task_id", "executor_id", "task_state",
                "status_state")) {
            assertThat(event.get(field)).as(field).isNull();
        }
        assertThat(parse(event.getString("payload_json"))).isEqualTo(parse(MesosJson.EVENT_UNKNOWN));
    }

    @Test
    void protobufStreamKeepsTheBytesAndAJsonRendering() throws InvalidProtocolBufferException {
        Event proto = Event.newBuilder()
                .setType(Event.Type.TASK_UPDATED)
                .setTaskUpdated(Event.TaskUpdated.newBuilder()
                        .setFrameworkId(FrameworkID.newBuilder().setValue("fw-1"))
                        .setState(TaskState.TASK_FAILED)
                        .setStatus(TaskStatus.newBuilder()
                                .setTaskId(TaskID.newBuilder().setValue("t-1"))
                                .setAgentId(AgentID.newBuilder().setValue("a-1"))
                                .setState(TaskState.TASK_FAILED)
                                .setTimestamp(1470820175.5)))
                .build();
        byte[] raw = proto.toByteArray();
        String tree = """
                {"type":"TASK_UPDATED","task_updated":{"framework_id":{"value":"fw-1"},"state":"TASK_FAILED",
                 "status":{"task_id":{"value":"t-1"},"agent_id":{"value":"a-1"},"state":"TASK_FAILED",
                 "timestamp":1470820175.5}}}""";

        Struct event = mapper.event("TASK_UPDATED", parse(tree), raw, false, SRC, T);

        assertThat(event.getString("payload_format")).isEqualTo("protobuf");
        assertThat(event.getBytes("payload_bytes")).isEqualTo(raw);
        assertThat(Event.parseFrom(event.getBytes("payload_bytes"))).isEqualTo(proto);
        assertThat(parse(event.getString("payload_json"))).isEqualTo(parse(tree));
        assertThat(event.getString("task_id")).isEqualTo("t-1");
        assertThat(event.getString("agent_id")).isEqualTo("a-1");
        assertThat(event.getString("task_state")).isEqualTo("TASK_FAILED");
        assertValidAndLossless(event);
    }

    @Test
    void undecodableRecordStillGivesARow() {
        byte[] garbage = "{\"type\":\"TASK_ADDED\",\"task_ad".getBytes(StandardCharsets.UTF_8);
        Struct event = mapper.event("TASK_ADDED", null, garbage, true, SRC, T);
        assertThat(event.getString("type")).isEqualTo("TASK_ADDED");
        assertThat(event.getString("payload_json")).isEqualTo(new String(garbage, StandardCharsets.UTF_8));
        assertThat(event.getString("task_id")).isNull();
        assertValidAndLossless(event);

        Struct nothing = mapper.event(null, null, null, false, null, null);
        assertThat(nothing.getString("type")).isNull();
        assertThat(nothing.getString("payload_json")).isNull();
        assertValidAndLossless(nothing);
    }

    @Test
    void withoutRawBytesTheTreeIsRendered() {
        Struct event = mapper.event(null, parse(MesosJson.EVENT_AGENT_REMOVED), null, true, SRC, T);
        assertThat(parse(event.getString("payload_json"))).isEqualTo(parse(MesosJson.EVENT_AGENT_REMOVED));
    }
}
