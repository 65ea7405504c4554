package io.kafkaconnect.mesos.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import java.util.stream.Stream;
import org.apache.mesos.v1.master.Protos.Call;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Write then read gives back the original, through JSON bytes, JSON trees and binary protobuf. */
class RoundTripTest {

    @Test
    void coversEveryWriteCallTypeOfTheSink() {
        assertThat(MesosMessages.writeCalls()).extracting(Call::getType).containsExactlyInAnyOrder(
                Call.Type.RESERVE_RESOURCES, Call.Type.UNRESERVE_RESOURCES, Call.Type.CREATE_VOLUMES,
                Call.Type.DESTROY_VOLUMES, Call.Type.GROW_VOLUME, Call.Type.SHRINK_VOLUME, Call.Type.UPDATE_QUOTA,
                Call.Type.SET_QUOTA, Call.Type.REMOVE_QUOTA, Call.Type.UPDATE_WEIGHTS,
                Call.Type.UPDATE_MAINTENANCE_SCHEDULE, Call.Type.START_MAINTENANCE, Call.Type.STOP_MAINTENANCE,
                Call.Type.DRAIN_AGENT, Call.Type.DEACTIVATE_AGENT, Call.Type.REACTIVATE_AGENT,
                Call.Type.MARK_AGENT_GONE, Call.Type.TEARDOWN, Call.Type.SET_LOGGING_LEVEL);
    }

    @TestFactory
    Stream<DynamicTest> writeCallsRoundTrip() {
        return MesosMessages.writeCalls().stream()
                .map(call -> DynamicTest.dynamicTest(call.getType().name(), () -> assertRoundTrips(call)));
    }

    @TestFactory
    Stream<DynamicTest> eventsRoundTrip() {
        return MesosMessages.events().stream()
                .map(event -> DynamicTest.dynamicTest(event.getType().name(), () -> assertRoundTrips(event)));
    }

    @TestFactory
    Stream<DynamicTest> responsesRoundTrip() {
        return MesosMessages.responses().stream()
                .map(response -> DynamicTest.dynamicTest(response.getType().name(), () -> assertRoundTrips(response)));
    }

    @Test
    void writtenCallsUseOnlyProtoNamesAndNumbers() {
        for (Call call : MesosMessages.writeCalls()) {
            String json = MesosJson.toJson(call);
            assertThat(json).doesNotContain("agentId", "maxGracePeriod", "quotaConfigs")
                    .doesNotContainPattern("\"nanoseconds\":\"")
                    .doesNotContainPattern("\"seconds\":\"");
        }
    }

    static void assertRoundTrips(Message message) {
        Message prototype = message.getDefaultInstanceForType();

        Decoded<Message> fromBytes = MesosJson.fromJson(MesosJson.toJsonBytes(message), prototype);
        assertThat(fromBytes.problems()).isEmpty();
        assertThat(fromBytes.value()).isEqualTo(message);

        Decoded<Message> fromTree = MesosJson.fromJson(MesosJson.toTree(message), prototype);
        assertThat(fromTree.value()).isEqualTo(message);
        assertThat(MesosJson.toJson(message)).isEqualTo(new String(MesosJson.toJsonBytes(message),
                java.nio.charset.StandardCharsets.UTF_8));

        Decoded<Message> binary = MesosProto.fromBytes(message.toByteArray(), prototype);
        assertThat(binary.clean()).isTrue();
        assertThat(binary.value()).isEqualTo(message);
    }
}
