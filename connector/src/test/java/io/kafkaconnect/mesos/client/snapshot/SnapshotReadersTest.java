package io.kafkaconnect.mesos.client.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.mesos.v1.master.Protos.Event;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kafkaconnect.mesos.codec.Decoded;
import io.kafkaconnect.mesos.codec.Encoding;
import io.kafkaconnect.mesos.codec.MesosJson;
import io.kafkaconnect.mesos.codec.MesosProto;
import io.kafkaconnect.mesos.fuzz.SimulatorCapture;

/** The streaming SUBSCRIBED readers against a whole decode of the same record. */
class SnapshotReadersTest {

    /** Every section, agents and frameworks first (a master writes them last), unknown fields at every level. */
    static final String SUBSCRIBED = """
            {"subscribed":{
              "get_state":{
                "get_agents":{"agents":[{"agent_info":{"hostname":"h1","id":{"value":"a1"},"port":5051},
                                         "active":true,"version":"1.11.0","pid":"slave(1)@10.0.0.1:5051"}],
                              "recovered_agents":[{"hostname":"h9","id":{"value":"a9"},"port":5051}]},
                "get_frameworks":{"frameworks":[{"framework_info":{"user":"root","name":"fw","id":{"value":"f1"}},
                                                 "active":true,"connected":true,"recovered":false}],
                                  "completed_frameworks":[{"framework_info":{"user":"root","name":"old",
                                                           "id":{"value":"f0"}},"active":false,"connected":false,
                                                           "recovered":false}],
                                  "recovered_frameworks":[]},
                "future_group":{"anything":[1,2,{"x":[]}]},
                "get_tasks":{"pending_tasks":[{"name":"p","task_id":{"value":"p1"},"framework_id":{"value":"f1"},
                                               "agent_id":{"value":"a1"},"state":"TASK_STAGING"}],
                             "tasks":[{"name":"t","task_id":{"value":"t1"},"framework_id":{"value":"f1"},
                                       "agent_id":{"value":"a1"},"state":"TASK_RUNNING"}],
                             "unreachable_tasks":[{"name":"u","task_id":{"value":"t2"},"framework_id":{"value":"f1"},
                                                   "agent_id":{"value":"a1"},"state":"TASK_UNREACHABLE"}],
                             "completed_tasks":[{"name":"c","task_id":{"value":"t3"},"framework_id":{"value":"f0"},
                                                 "agent_id":{"value":"a1"},"state":"TASK_FINISHED"}]},
                "get_executors":{"executors":[{"agent_id":{"value":"a1"},"executor_info":{
                                   "executor_id":{"value":"e1"},"framework_id":{"value":"f1"},
                                   "command":{"value":"run"}}}]}},
              "heartbeat_interval_seconds":15.0},
             "type":"SUBSCRIBED"}""";

    private static byte[] bytes(String json, Encoding encoding) {
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        if (encoding == Encoding.JSON) {
            return text;
        }
        Decoded<Event> event = MesosJson.fromJson(text, Event.getDefaultInstance());
        assertThat(event.ok()).as("%s", event.failure()).isTrue();
        return event.value().toByteArray();
    }

    /** The whole record decoded to a tree, as the client decodes a small one. */
    private static JsonNode whole(byte[] record, Encoding encoding) throws IOException {
        return encoding == Encoding.JSON ? MesosJson.mapper().readTree(record)
                : MesosJson.toTree(MesosProto.fromBytes(record, Event.getDefaultInstance()).value());
    }

    static Streamed stream(byte[] record, Encoding encoding) throws IOException {
        SnapshotReader reader = SnapshotReaders.streaming(new ByteArrayInputStream(record), encoding);
        List<SnapshotEntity> entities = new ArrayList<>();
        for (SnapshotEntity entity = reader.next(); entity != null; entity = reader.next()) {
            entities.add(entity);
        }
        assertThat(reader.next()).as("stays at its end").isNull();
        return new Streamed(entities, reader.envelope());
    }

    record Streamed(List<SnapshotEntity> entities, ObjectNode envelope) {
    }

    /** Entity values per section, in order within each: record order across sections is the master's business. */
    static Map<SnapshotSection, List<JsonNode>> bySection(List<SnapshotEntity> entities) {
        Map<SnapshotSection, List<JsonNode>> sections = new TreeMap<>();
        for (SnapshotEntity entity : entities) {
            sections.computeIfAbsent(entity.section(), s -> new ArrayList<>()).add(entity.value());
        }
        return sections;
    }

    private static JsonNode withoutState(JsonNode event) {
        ObjectNode copy = event.deepCopy();
        ((ObjectNode) copy.path("subscribed")).remove("get_state");
        return copy;
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void streamedEntitiesAndEnvelopeEqualTheWholeDecode(Encoding encoding) throws IOException {
        byte[] record = bytes(SUBSCRIBED, encoding);
        JsonNode whole = whole(record, encoding);

        Streamed streamed = stream(record, encoding);

        assertThat(bySection(streamed.entities()))
                .isEqualTo(bySection(SnapshotReaders.entitiesOf(whole.path("subscribed").path("get_state"))));
        assertThat(streamed.entities()).extracting(SnapshotEntity::section).containsOnly(SnapshotSection.values())
                .hasSize(8).doesNotHaveDuplicates();
        assertThat(streamed.entities()).allMatch(e -> e.sizeBytes() > 0);
        assertThat(streamed.envelope()).isEqualTo(withoutState(whole));
        assertThat(streamed.envelope().path("subscribed").path("heartbeat_interval_seconds").asDouble())
                .isEqualTo(15.0);
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void aSimulatedMastersSubscribedStreamsAsItDecodesWhole(Encoding encoding) throws IOException {
        byte[] record = SimulatorCapture.of(encoding).events().get(0);
        JsonNode whole = whole(record, encoding);
        assertThat(whole.path("type").asText()).isEqualTo("SUBSCRIBED");

        Streamed streamed = stream(record, encoding);

        List<SnapshotEntity> expected = SnapshotReaders.entitiesOf(whole.path("subscribed").path("get_state"));
        assertThat(expected).isNotEmpty();
        assertThat(bySection(streamed.entities())).isEqualTo(bySection(expected));
        assertThat(streamed.envelope()).isEqualTo(withoutState(whole));
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void aFirstRecordThatIsNoSnapshotComesBackWholeAsItsEnvelope(Encoding encoding) throws IOException {
        String heartbeat = "{\"type\":\"HEARTBEAT\"}";
        Streamed streamed = stream(bytes(heartbeat, encoding), encoding);
        assertThat(streamed.entities()).isEmpty();
        assertThat(streamed.envelope()).isEqualTo(MesosJson.mapper().readTree(heartbeat));
    }

    @Test
    void malformedJsonIsATypedErrorWithItsPosition() {
        String cut = SUBSCRIBED.substring(0, SUBSCRIBED.indexOf("\"get_frameworks\"") + 30);
        assertThatThrownBy(() -> stream(cut.getBytes(StandardCharsets.UTF_8), Encoding.JSON))
                .isInstanceOf(SnapshotFormatException.class).hasMessageContaining("SUBSCRIBED");
        assertThatThrownBy(() -> stream("{\"subscribed\":{\"get_state\":{\"get_tasks\":{\"tasks\":[1]}}}}"
                .getBytes(StandardCharsets.UTF_8), Encoding.JSON))
                .isInstanceOf(SnapshotFormatException.class).hasMessageContaining("get_tasks.tasks is not an object");
        assertThatThrownBy(() -> stream("{\"type\":\"SUBSCRIBED\"} {}".getBytes(StandardCharsets.UTF_8),
                Encoding.JSON)).isInstanceOf(SnapshotFormatException.class).hasMessageContaining("after");
        assertThatThrownBy(() -> stream("[]".getBytes(StandardCharsets.UTF_8), Encoding.JSON))
                .isInstanceOf(SnapshotFormatException.class).hasMessageContaining("not a JSON object");
    }

    @Test
    void malformedProtobufIsATypedError() {
        byte[] record = bytes(SUBSCRIBED, Encoding.PROTOBUF);
        byte[] cut = java.util.Arrays.copyOf(record, record.length / 2);
        assertThatThrownBy(() -> stream(cut, Encoding.PROTOBUF)).isInstanceOf(SnapshotFormatException.class)
                .hasMessageContaining("malformed protobuf");
        assertThatThrownBy(() -> stream(new byte[] {0x12, 0x05, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                (byte) 0xff}, Encoding.PROTOBUF)).isInstanceOf(SnapshotFormatException.class);
        // found by the million-input fuzz run: a length near 2^31 overflows CodedInputStream's limit arithmetic
        assertThatThrownBy(() -> stream(new byte[] {0x08, 0x09, 0x12, 0x00, 0x12, (byte) 0xff, (byte) 0xff,
                (byte) 0xff, (byte) 0xff, 0x07, 0x12, (byte) 0xff, (byte) 0xff, (byte) 0xff}, Encoding.PROTOBUF))
                .isInstanceOf(SnapshotFormatException.class);
    }
}
