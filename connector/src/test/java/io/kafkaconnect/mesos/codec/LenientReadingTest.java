package io.kafkaconnect.mesos.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.kafkaconnect.mesos.fuzz.AllocationMeter;
import java.nio.charset.StandardCharsets;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.Metric;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.Protos.Value.Range;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Event;
import org.apache.mesos.v1.master.Protos.Response;
import org.apache.mesos.v1.quota.Protos.QuotaConfig;
import org.junit.jupiter.api.Test;

/** One test per lenient reading rule of the codec brief. */
class LenientReadingTest {

    private static <M extends Message> Decoded<M> read(String json, M type) {
        return MesosJson.fromJson(json.getBytes(StandardCharsets.UTF_8), type);
    }

    @Test
    void integersFromNumbersAndNumericStringsExactBeyondDoublePrecision() {
        Range range = read("{\"begin\":\"18446744073709551615\",\"end\":9223372036854775807}",
                Range.getDefaultInstance()).value();
        assertThat(range.getBegin()).isEqualTo(-1L); // uint64 max
        assertThat(range.getEnd()).isEqualTo(Long.MAX_VALUE);
        assertThat(read("{\"nanoseconds\":9007199254740993}", DurationInfo.getDefaultInstance()).value()
                .getNanoseconds()).isEqualTo(9007199254740993L);
        assertThat(read("{\"nanoseconds\":5.0}", DurationInfo.getDefaultInstance()).value().getNanoseconds())
                .isEqualTo(5L);
    }

    @Test
    void outOfRangeAndFractionalIntegersAreSkippedWithAProblem() {
        Decoded<MasterInfo> decoded = read("{\"id\":\"m\",\"ip\":4294967296,\"port\":-1,\"address\":{\"port\":1.5}}",
                MasterInfo.getDefaultInstance());
        assertThat(decoded.ok()).isFalse(); // ip and port are required
        assertThat(decoded.failure()).isEqualTo("missing required fields: ip, port, address.port");
        assertThat(decoded.problems()).containsExactly(
                "value out of range for field 'ip' (uint32), skipped",
                "value out of range for field 'port' (uint32), skipped",
                "field 'address.port' expects an integer (int32), got number, skipped");
        assertThat(read("{\"nanoseconds\":\"1e999999999\"}", DurationInfo.getDefaultInstance()).problems())
                .containsExactly("value out of range for field 'nanoseconds' (int64), skipped");
    }

    @Test
    void hugeNegativeExponentsAreFoundFractionalWithoutComputingThem() {
        long before = AllocationMeter.now();
        Decoded<DurationInfo> decoded = read("{\"nanoseconds\":\"1e-9999999\"}", DurationInfo.getDefaultInstance());
        long allocated = AllocationMeter.since(before);
        assertThat(decoded.problems()).containsExactly(
                "field 'nanoseconds' expects an integer (int64), got string, skipped");
        // 10^9999999 alone would be 4 MB (and seconds of CPU): the check must not compute it
        assertThat(allocated).isLessThan(1 << 20);
        assertThat(read("{\"nanoseconds\":\"12000e-3\"}", DurationInfo.getDefaultInstance()).value()
                .getNanoseconds()).isEqualTo(12L);
    }

    @Test
    void doublesFromNumbersNumericStringsAndNonFiniteNames() {
        assertThat(read("{\"name\":\"a\",\"value\":\"2.5\"}", Metric.getDefaultInstance()).value().getValue())
                .isEqualTo(2.5);
        assertThat(read("{\"name\":\"a\",\"value\":2}", Metric.getDefaultInstance()).value().getValue())
                .isEqualTo(2.0);
        assertThat(read("{\"name\":\"a\",\"value\":\"-Infinity\"}", Metric.getDefaultInstance()).value().getValue())
                .isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(read("{\"name\":\"a\",\"value\":\"NaN\"}", Metric.getDefaultInstance()).value().getValue())
                .isNaN();
        Decoded<Metric> bad = read("{\"name\":\"a\",\"value\":\"0x10\"}", Metric.getDefaultInstance());
        assertThat(bad.value().hasValue()).isFalse();
        assertThat(bad.problems()).containsExactly("field 'value' expects a number, got string, skipped");
    }

    @Test
    void booleansFromLiteralsAndStrings() {
        assertThat(read("{\"healthy\":\"true\"}", Response.GetHealth.getDefaultInstance()).value().getHealthy())
                .isTrue();
        Decoded<Response.GetHealth> bad = read("{\"healthy\":1}", Response.GetHealth.getDefaultInstance());
        assertThat(bad.failure()).isEqualTo("missing required fields: healthy");
        assertThat(bad.problems()).containsExactly("field 'healthy' expects a boolean, got number, skipped");
    }

    @Test
    void enumsByNameOrMappedNumber() {
        assertThat(read("{\"type\":4}", Call.getDefaultInstance()).value().getType())
                .isEqualTo(Call.Type.forNumber(4));
        Decoded<Call> unknownNumber = read("{\"type\":999}", Call.getDefaultInstance());
        assertThat(unknownNumber.value().hasType()).isFalse();
        assertThat(unknownNumber.problems()).containsExactly("unknown enum value '999' for field 'type'");
        Decoded<Call> wrongKind = read("{\"type\":{}}", Call.getDefaultInstance());
        assertThat(wrongKind.problems()).containsExactly("field 'type' expects an enum name, got object, skipped");
    }

    @Test
    void bytesFromStandardOrUrlSafeBase64() {
        byte[] raw = {(byte) 0xFB, (byte) 0xFF, 0x01};
        String json = "{\"task_id\":{\"value\":\"t\"},\"state\":\"TASK_RUNNING\",\"uuid\":\"%s\",\"data\":\"%s\"}";
        TaskStatus status = read(json.formatted("+/8B", "-_8B"), TaskStatus.getDefaultInstance()).value();
        assertThat(status.getUuid()).isEqualTo(ByteString.copyFrom(raw));
        assertThat(status.getData()).isEqualTo(ByteString.copyFrom(raw));
        Decoded<TaskStatus> bad = read(json.formatted("not base64!", "AA=="), TaskStatus.getDefaultInstance());
        assertThat(bad.value().hasUuid()).isFalse();
        assertThat(bad.problems()).containsExactly("invalid base64 for field 'uuid', skipped");
    }

    @Test
    void mapsFromObjectsWithEveryEntryChecked() {
        Decoded<QuotaConfig> decoded = read("{\"role\":\"dev\",\"guarantees\":{\"cpus\":{\"value\":1},"
                + "\"mem\":{\"value\":\"x\"},\"disk\":null},\"limits\":[1]}", QuotaConfig.getDefaultInstance());
        assertThat(decoded.ok()).isFalse(); // Value.Scalar.value is required: mem's entry is incomplete
        assertThat(decoded.failure()).isEqualTo("missing required fields: guarantees[1].value.value");
        assertThat(decoded.problems()).containsExactly(
                "field 'guarantees[mem].value' expects a number, got string, skipped",
                "null value for map entry 'guarantees[disk]', skipped",
                "field 'limits' expects a JSON object (map), got array, skipped");
    }

    @Test
    void nullMeansUnsetAndLoneValueIsOneElement() {
        Decoded<Call> decoded = read("{\"type\":null,\"start_maintenance\":{\"machines\":{\"hostname\":\"a\"}}}",
                Call.getDefaultInstance());
        assertThat(decoded.clean()).isTrue();
        assertThat(decoded.value().hasType()).isFalse();
        assertThat(decoded.value().getStartMaintenance().getMachinesList())
                .extracting(m -> m.getHostname()).containsExactly("a");
    }

    @Test
    void arrayForSingularFieldAndMismatchedTypesAreSkipped() {
        Decoded<Label> decoded = read("{\"key\":[\"k\"],\"value\":{\"x\":1}}", Label.getDefaultInstance());
        assertThat(decoded.failure()).isEqualTo("missing required fields: key");
        assertThat(decoded.problems()).containsExactly(
                "field 'key' is not repeated but got an array, skipped",
                "field 'value' expects a string, got object, skipped");
        assertThat(read("{\"value\":5}", Label.getDefaultInstance()).problems()).isNotEmpty();
    }

    @Test
    void nullElementsOfRepeatedFieldsAreSkipped() {
        Decoded<Value.Set> decoded = read("{\"item\":[\"a\",null,\"b\"]}", Value.Set.getDefaultInstance());
        assertThat(decoded.value().getItemList()).containsExactly("a", "b");
        assertThat(decoded.problems()).containsExactly("null element in repeated field 'item[1]', skipped");
    }

    @Test
    void durationStringFormIsAcceptedLenientlyAndBadOnesReported() {
        Decoded<Call.DrainAgent> negative = read("{\"agent_id\":{\"value\":\"a\"},\"max_grace_period\":\"-0.25s\"}",
                Call.DrainAgent.getDefaultInstance());
        assertThat(negative.value().getMaxGracePeriod().getSeconds()).isZero();
        assertThat(negative.value().getMaxGracePeriod().getNanos()).isEqualTo(-250_000_000);
        Decoded<Call.DrainAgent> bad = read("{\"agent_id\":{\"value\":\"a\"},\"max_grace_period\":\"10 minutes\"}",
                Call.DrainAgent.getDefaultInstance());
        assertThat(bad.value().hasMaxGracePeriod()).isFalse();
        assertThat(bad.problems()).containsExactly("invalid duration '10 minutes' for field 'max_grace_period', skipped");
    }

    @Test
    void nonObjectRootsEmptyInputAndTrailingGarbageFail() {
        assertThat(read("[1]", Event.getDefaultInstance()).failure())
                .isEqualTo("expected a JSON object for mesos.v1.master.Event, got JSON ARRAY");
        assertThat(MesosJson.fromJson(new byte[0], Event.getDefaultInstance()).failure())
                .isEqualTo("empty input for mesos.v1.master.Event");
        assertThat(MesosJson.fromJson((byte[]) null, Event.getDefaultInstance()).ok()).isFalse();
        assertThat(read("   ", Event.getDefaultInstance()).failure()).contains("got no JSON");
        assertThat(read("{\"type\":\"HEARTBEAT\"} x", Event.getDefaultInstance()).failure())
                .startsWith("malformed JSON: ");
    }

    @Test
    void problemsAreCappedForHostileInput() {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 500; i++) {
            json.append("\"k").append(i).append("\":1,");
        }
        json.append("\"type\":\"HEARTBEAT\"}");
        Decoded<Event> decoded = read(json.toString(), Event.getDefaultInstance());
        assertThat(decoded.value().getType()).isEqualTo(Event.Type.HEARTBEAT);
        assertThat(decoded.problems()).hasSize(Problems.MAX + 1).last().isEqualTo("... and 400 more problems");
    }

    @Test
    void protoNameWinsAndUnknownKeysDoNotDisturbKnownOnes() {
        Decoded<TaskStatus> decoded = read("{\"taskId\":{\"value\":\"camel\"},\"task_id\":{\"value\":\"snake\"},"
                + "\"state\":\"TASK_FAILED\",\"agentID\":{}}", TaskStatus.getDefaultInstance());
        assertThat(decoded.value().getTaskId().getValue()).isIn("camel", "snake");
        assertThat(decoded.value().getState()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(decoded.problems()).containsExactly("unknown field 'agentID'");
    }

    @Test
    void encodedSurrogatesInInvalidUtf8BecomeReplacementCharacters() {
        byte[] json = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', 'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80, 'b', '"',
            '}'};
        Decoded<Metric> decoded = MesosJson.fromJson(json, Metric.getDefaultInstance());
        assertThat(decoded.ok()).isTrue();
        assertThat(decoded.value().getName()).isEqualTo("a\uFFFDb");
    }

    @Test
    void nestingBeyondTheLimitIsCutWithAProblemNotAStackOverflow() {
        // DescriptorProto is recursive (nested_type), unlike the Mesos master types
        String json = "{\"nested_type\":".repeat(150) + "{\"name\":\"leaf\"}" + "}".repeat(150);
        Decoded<com.google.protobuf.DescriptorProtos.DescriptorProto> decoded = read(json,
                com.google.protobuf.DescriptorProtos.DescriptorProto.getDefaultInstance());
        assertThat(decoded.ok()).isTrue();
        assertThat(decoded.problems()).singleElement().asString()
                .startsWith("nesting deeper than 100 at 'nested_type.nested_type.").endsWith(", skipped");
    }

    @Test
    void hostileKeysAndNamesAreShortenedInProblems() {
        String longName = "X".repeat(10_000);
        Decoded<Event> decoded = read("{\"" + longName + "\":1,\"type\":\"" + longName + "\"}",
                Event.getDefaultInstance());
        assertThat(decoded.ok()).isTrue();
        assertThat(decoded.problems()).containsExactly("unknown field '" + "X".repeat(61) + "...'",
                "unknown enum value '" + "X".repeat(61) + "...' for field 'type'");
    }
}
