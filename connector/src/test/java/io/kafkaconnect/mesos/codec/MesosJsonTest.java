package io.kafkaconnect.mesos.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.Protos.Value.Range;
import org.apache.mesos.v1.Protos.Value.Ranges;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Event;
import org.apache.mesos.v1.master.Protos.Response;
import org.apache.mesos.v1.quota.Protos.QuotaConfig;
import org.junit.jupiter.api.Test;

class MesosJsonTest {

    private static Value.Scalar scalar(double value) {
        return Value.Scalar.newBuilder().setValue(value).build();
    }

    @Test
    void writesEmptySetSubMessageAsEmptyObject() {
        Call call = Call.newBuilder().setType(Call.Type.GET_METRICS).setGetMetrics(Call.GetMetrics.getDefaultInstance())
                .build();
        assertThat(MesosJson.toJson(call)).isEqualTo("{\"type\":\"GET_METRICS\",\"get_metrics\":{}}");
    }

    @Test
    void writesUpdateQuotaExactlyAsMesosAccepts() {
        Call call = Call.newBuilder().setType(Call.Type.UPDATE_QUOTA)
                .setUpdateQuota(Call.UpdateQuota.newBuilder().setForce(false)
                        .addQuotaConfigs(QuotaConfig.newBuilder().setRole("dev")
                                .putGuarantees("cpus", scalar(2.0))
                                .putLimits("mem", scalar(4096.0))))
                .build();
        assertThat(MesosJson.toJson(call)).isEqualTo("{\"type\":\"UPDATE_QUOTA\",\"update_quota\":{\"force\":false,"
                + "\"quota_configs\":[{\"role\":\"dev\",\"guarantees\":{\"cpus\":{\"value\":2.0}},"
                + "\"limits\":{\"mem\":{\"value\":4096.0}}}]}}");
    }

    @Test
    void writesDrainGracePeriodAsPlainDurationMessage() {
        Call call = Call.newBuilder().setType(Call.Type.DRAIN_AGENT)
                .setDrainAgent(Call.DrainAgent.newBuilder()
                        .setAgentId(AgentID.newBuilder().setValue("a1"))
                        .setMaxGracePeriod(Duration.newBuilder().setSeconds(600)))
                .build();
        assertThat(MesosJson.toJson(call)).isEqualTo("{\"type\":\"DRAIN_AGENT\",\"drain_agent\":"
                + "{\"agent_id\":{\"value\":\"a1\"},\"max_grace_period\":{\"seconds\":600}}}");
    }

    @Test
    void writesInt64BeyondDoublePrecisionAsExactNumber() {
        long big = (1L << 53) + 1;
        Call call = Call.newBuilder().setType(Call.Type.GET_METRICS)
                .setGetMetrics(Call.GetMetrics.newBuilder().setTimeout(DurationInfo.newBuilder().setNanoseconds(big)))
                .build();
        String json = MesosJson.toJson(call);
        assertThat(json).isEqualTo(
                "{\"type\":\"GET_METRICS\",\"get_metrics\":{\"timeout\":{\"nanoseconds\":9007199254740993}}}");
        assertThat(MesosJson.fromJson(json.getBytes(), Call.getDefaultInstance()).value()).isEqualTo(call);
    }

    @Test
    void writesUint64AboveLongMaxAsUnsignedNumber() {
        Ranges ranges = Ranges.newBuilder().addRange(Range.newBuilder().setBegin(-1L).setEnd(31000)).build();
        assertThat(MesosJson.toJson(ranges))
                .isEqualTo("{\"range\":[{\"begin\":18446744073709551615,\"end\":31000}]}");
        assertThat(MesosJson.fromJson(MesosJson.toJsonBytes(ranges), Ranges.getDefaultInstance()).value())
                .isEqualTo(ranges);
    }

    @Test
    void writesNonFiniteDoublesAsStringsAndBytesAsPaddedBase64() {
        TaskStatus status = TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("t"))
                .setState(TaskState.TASK_RUNNING).setTimestamp(Double.POSITIVE_INFINITY)
                .setUuid(ByteString.copyFrom(new byte[] {(byte) 0x85, 0x36, (byte) 0x8b, 0x43})).build();
        assertThat(MesosJson.toJson(status)).isEqualTo(
                "{\"task_id\":{\"value\":\"t\"},\"state\":\"TASK_RUNNING\",\"timestamp\":\"Infinity\",\"uuid\":\"hTaLQw==\"}");
        assertThat(MesosJson.fromJson(MesosJson.toTree(status), TaskStatus.getDefaultInstance()).value())
                .isEqualTo(status);
    }

    @Test
    void readsLenientScalarForms() {
        String json = "{\"type\":\"GET_METRICS\",\"get_metrics\":{\"timeout\":{\"nanoseconds\":\"5000000000\"}}}";
        Decoded<Call> decoded = MesosJson.fromJson(json.getBytes(), Call.getDefaultInstance());
        assertThat(decoded.clean()).isTrue();
        assertThat(decoded.value().getGetMetrics().getTimeout().getNanoseconds()).isEqualTo(5_000_000_000L);
    }

    @Test
    void reportsUnknownFieldsWithPathAndKeepsTheRest() {
        String json = "{\"type\":\"TASK_UPDATED\",\"brand_new\":1,\"task_updated\":{\"framework_id\":{\"value\":\"f\"},"
                + "\"status\":{\"task_id\":{\"value\":\"t\"},\"state\":\"TASK_RUNNING\",\"extra\":true},"
                + "\"state\":\"TASK_RUNNING\"}}";
        Decoded<Event> decoded = MesosJson.fromJson(json.getBytes(), Event.getDefaultInstance());
        assertThat(decoded.ok()).isTrue();
        assertThat(decoded.problems())
                .containsExactly("unknown field 'brand_new'", "unknown field 'task_updated.status.extra'");
        assertThat(decoded.value().getTaskUpdated().getStatus().getTaskId().getValue()).isEqualTo("t");
    }

    @Test
    void unknownEnumOnOptionalFieldIsDroppedAndOnRequiredFieldFails() {
        Decoded<Event> optional = MesosJson.fromJson("{\"type\":\"SOMETHING_NEW\"}".getBytes(),
                Event.getDefaultInstance());
        assertThat(optional.ok()).isTrue();
        assertThat(optional.value().hasType()).isFalse();
        assertThat(optional.problems()).containsExactly("unknown enum value 'SOMETHING_NEW' for field 'type'");

        Decoded<TaskStatus> required = MesosJson.fromJson(
                "{\"task_id\":{\"value\":\"t\"},\"state\":\"TASK_BOGUS\"}".getBytes(), TaskStatus.getDefaultInstance());
        assertThat(required.ok()).isFalse();
        assertThat(required.failure()).isEqualTo("missing required fields: state");
        assertThat(required.problems()).containsExactly("unknown enum value 'TASK_BOGUS' for field 'state'");
    }

    @Test
    void missingRequiredFieldsAnywhereFailWithTheirPaths() {
        String json = "{\"type\":\"GET_AGENTS\",\"get_agents\":{\"agents\":[{\"active\":true,\"version\":\"1.11.0\"}]}}";
        Decoded<Response> decoded = MesosJson.fromJson(json.getBytes(), Response.getDefaultInstance());
        assertThat(decoded.ok()).isFalse();
        assertThat(decoded.value()).isNull();
        assertThat(decoded.failure()).isEqualTo("missing required fields: get_agents.agents[0].agent_info");
    }

    @Test
    void malformedJsonFailsWithJacksonsReason() {
        Decoded<Event> decoded = MesosJson.fromJson("{\"type\": \"HEARTBEAT\",}".getBytes(), Event.getDefaultInstance());
        assertThat(decoded.ok()).isFalse();
        assertThat(decoded.failure()).startsWith("malformed JSON: ").contains("line 1");
    }

    @Test
    void readsDurationInBothForms() {
        Call.DrainAgent plain = MesosJson.fromJson(
                "{\"agent_id\":{\"value\":\"a\"},\"max_grace_period\":{\"seconds\":10,\"nanos\":5}}".getBytes(),
                Call.DrainAgent.getDefaultInstance()).value();
        assertThat(plain.getMaxGracePeriod()).isEqualTo(Duration.newBuilder().setSeconds(10).setNanos(5).build());
        Call.DrainAgent text = MesosJson.fromJson(
                "{\"agent_id\":{\"value\":\"a\"},\"max_grace_period\":\"1.5s\"}".getBytes(),
                Call.DrainAgent.getDefaultInstance()).value();
        assertThat(text.getMaxGracePeriod()).isEqualTo(Duration.newBuilder().setSeconds(1).setNanos(500_000_000).build());
    }

    @Test
    void acceptsCamelCaseKeysAndLoneValuesForRepeatedFields() {
        String json = "{\"agentId\":{\"value\":\"a\"},\"resources\":{\"name\":\"cpus\",\"type\":\"SCALAR\","
                + "\"scalar\":{\"value\":1}}}";
        Decoded<Call.UnreserveResources> decoded = MesosJson.fromJson(json.getBytes(),
                Call.UnreserveResources.getDefaultInstance());
        assertThat(decoded.clean()).isTrue();
        assertThat(decoded.value().getResourcesList()).containsExactly(Resource.newBuilder().setName("cpus")
                .setType(Value.Type.SCALAR).setScalar(scalar(1.0)).build());
    }

    @Test
    void writesSupplementaryCharactersAsUtf8AndUnpairedSurrogatesAsReplacement() {
        Call call = Call.newBuilder().setType(Call.Type.REMOVE_QUOTA)
                .setRemoveQuota(Call.RemoveQuota.newBuilder().setRole("\uD83D\uDE00|\uD800b|\uDC00")).build();
        byte[] json = MesosJson.toJsonBytes(call);
        assertThat(new String(json, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"REMOVE_QUOTA\",\"remove_quota\":{\"role\":\"\uD83D\uDE00|\uFFFDb|\uFFFD\"}}");
        assertThat(json).containsSequence((byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80);
    }
}
