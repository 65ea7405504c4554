package io.kafkaconnect.mesos.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.mesos.v1.Protos.Task;
import org.apache.mesos.v1.master.Protos.Event;
import org.junit.jupiter.api.Test;

import io.kafkaconnect.mesos.codec.Encoding;

class MesosEventTest {

    @Test
    void protobufEventMissingRequiredFieldsIsKeptWithItsProblems() {
        byte[] raw = Event.newBuilder().setType(Event.Type.TASK_ADDED)
                .setTaskAdded(Event.TaskAdded.newBuilder().setTask(Task.newBuilder().setName("web").buildPartial())
                        .buildPartial())
                .buildPartial().toByteArray();
        MesosEvent event = MesosEvent.of(raw, Encoding.PROTOBUF, 1L);
        assertThat(event.wellFormed()).isTrue();
        assertThat(event.type()).isEqualTo("TASK_ADDED");
        assertThat(event.json().path("task_added").path("task").path("name").asText()).isEqualTo("web");
        assertThat(event.typed().ok()).isTrue();
        assertThat(event.typed().problems()).anySatisfy(p -> assertThat(p).contains("missing required"));
        assertThat(event.receivedAtMillis()).isEqualTo(1L);
    }

    @Test
    void unreadableProtobufIsKeptRaw() {
        byte[] raw = {(byte) 0xff, (byte) 0xff, (byte) 0xff};
        MesosEvent event = MesosEvent.of(raw, Encoding.PROTOBUF, 1L);
        assertThat(event.wellFormed()).isFalse();
        assertThat(event.failure()).contains("malformed protobuf");
        assertThat(event.type()).isEqualTo(MesosEvent.UNKNOWN_TYPE);
        assertThat(event.raw()).isEqualTo(raw);
        assertThat(event.json().isEmpty()).isTrue();
    }

    @Test
    void jsonEventOfAnUnknownTypeKeepsItsName() {
        MesosEvent event = MesosEvent.of("{\"type\":\"NEW_KIND\",\"new_kind\":{}}".getBytes(UTF_8), Encoding.JSON,
                1L);
        assertThat(event.type()).isEqualTo("NEW_KIND");
        assertThat(event.typed().ok()).isTrue();
        assertThat(event.typed().value().getType()).isEqualTo(Event.Type.UNKNOWN);
    }

    @Test
    void jsonThatIsNotAnObjectIsAFailureNotACrash() {
        MesosEvent event = MesosEvent.of("[1,2]".getBytes(UTF_8), Encoding.JSON, 1L);
        assertThat(event.wellFormed()).isFalse();
        assertThat(event.failure()).contains("expected a JSON object");
        assertThat(MesosEvent.of(new byte[0], Encoding.JSON, 1L).wellFormed()).isFalse();
    }
}
