package io.kafkaconnect.mesos.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.UnknownFieldSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.master.Protos.Event;
import org.junit.jupiter.api.Test;

class MesosProtoTest {

    private static Event taskUpdated() {
        return Event.newBuilder().setType(Event.Type.TASK_UPDATED)
                .setTaskUpdated(Event.TaskUpdated.newBuilder()
                        .setFrameworkId(FrameworkID.newBuilder().setValue("f"))
                        .setStatus(TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("t"))
                                .setState(TaskState.TASK_RUNNING))
                        .setState(TaskState.TASK_RUNNING))
                .build();
    }

    @Test
    void decodesAWellFormedEventCleanly() {
        Event event = taskUpdated();
        Decoded<Event> decoded = MesosProto.fromBytes(event.toByteArray(), Event.getDefaultInstance());
        assertThat(decoded.clean()).isTrue();
        assertThat(decoded.value()).isEqualTo(event);
    }

    @Test
    void keepsMessageWithMissingRequiredFieldsAndReportsThem() {
        Event partial = Event.newBuilder().setType(Event.Type.TASK_UPDATED)
                .setTaskUpdated(Event.TaskUpdated.newBuilder().setState(TaskState.TASK_RUNNING).buildPartial())
                .buildPartial();
        Decoded<Event> decoded = MesosProto.fromBytes(partial.toByteArray(), Event.getDefaultInstance());
        assertThat(decoded.ok()).isTrue();
        assertThat(decoded.value()).isEqualTo(partial);
        assertThat(decoded.problems())
                .containsExactly("missing required fields: task_updated.framework_id, task_updated.status");
    }

    @Test
    void reportsUnknownFieldsAtTheirPathAndKeepsThem() throws IOException {
        TaskStatus status = taskUpdated().getTaskUpdated().getStatus().toBuilder()
                .setUnknownFields(UnknownFieldSet.newBuilder()
                        .addField(99, UnknownFieldSet.Field.newBuilder().addVarint(7).build()).build())
                .build();
        Event event = taskUpdated().toBuilder()
                .setTaskUpdated(taskUpdated().getTaskUpdated().toBuilder().setStatus(status)).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        event.writeTo(out);
        out.writeInt32(200, 1); // unknown at the root too
        out.flush();

        Decoded<Event> decoded = MesosProto.fromBytes(bytes.toByteArray(), Event.getDefaultInstance());
        assertThat(decoded.ok()).isTrue();
        assertThat(decoded.problems())
                .containsExactly("unknown field '#200'", "unknown field 'task_updated.status.#99'");
        assertThat(decoded.value().getTaskUpdated().getStatus().getUnknownFields().hasField(99)).isTrue();
    }

    @Test
    void unparseableBytesFailWithReason() {
        Decoded<Event> decoded = MesosProto.fromBytes(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF},
                Event.getDefaultInstance());
        assertThat(decoded.ok()).isFalse();
        assertThat(decoded.value()).isNull();
        assertThat(decoded.failure()).startsWith("malformed protobuf: ");
    }

    /** Deeply nested groups and messages (the protobuf-java DoS of CVE-2024-7254) end as a failure, not a crash. */
    @Test
    void deepNestingIsAFailureNotAStackOverflow() {
        byte[] groups = new byte[200_000];
        java.util.Arrays.fill(groups, (byte) 0x7b); // start group, field 15 (unknown to Event), over and over
        Decoded<Event> nestedGroups = MesosProto.fromBytes(groups, Event.getDefaultInstance());
        assertThat(nestedGroups.failure()).startsWith("malformed protobuf: ").doesNotContain("StackOverflowError");

        byte[] messages = new byte[0];
        for (int i = 0; i < 2_000; i++) { // task_added.task.labels... as length-delimited fields of field 4, nested
            byte[] outer = new byte[messages.length + 4];
            outer[0] = 0x22;
            int n = 1 + writeVarint(outer, 1, messages.length);
            System.arraycopy(messages, 0, outer, n, messages.length);
            messages = java.util.Arrays.copyOf(outer, n + messages.length);
        }
        Decoded<Event> nestedMessages = MesosProto.fromBytes(messages, Event.getDefaultInstance());
        assertThat(nestedMessages.ok() ? "" : nestedMessages.failure()).doesNotContain("StackOverflowError");
    }

    private static int writeVarint(byte[] target, int offset, int value) {
        int n = 0;
        while ((value & ~0x7f) != 0) {
            target[offset + n++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        target[offset + n++] = (byte) value;
        return n;
    }
}
