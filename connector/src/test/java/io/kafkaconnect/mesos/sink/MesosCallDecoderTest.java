package io.kafkaconnect.mesos.sink;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkaconnect.mesos.codec.MesosJson;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.mesos.v1.master.Protos.Call;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JSON form of every supported call, as documented in docs/sink.md, through the real codec. */
class MesosCallDecoderTest {

    private final MesosCallDecoder decoder = new MesosCallDecoder();

    private static JsonNode json(String text) throws Exception {
        return MesosJson.mapper().readTree(text);
    }

    @Test
    void everySupportedCallRoundTripsThroughMesosJson() throws Exception {
        for (Map.Entry<Call.Type, Call> e : TestCalls.all().entrySet()) {
            JsonNode written = MesosJson.toTree(e.getValue());
            assertThat(decoder.fromJson(written)).as(e.getKey().name()).isEqualTo(e.getValue());
        }
    }

    @Test
    void readsTheDocumentedForms() throws Exception {
        Call drain = decoder.fromJson(json("""
                {"type":"DRAIN_AGENT","drain_agent":{"agent_id":{"value":"a1"},
                 "max_grace_period":{"seconds":600},"mark_gone":false}}"""));
        assertThat(drain.getDrainAgent().getMaxGracePeriod().getSeconds()).isEqualTo(600);
        Call quota = decoder.fromJson(json("""
                {"type":"UPDATE_QUOTA","update_quota":{"force":false,"quota_configs":[{"role":"dev",
                 "guarantees":{"cpus":{"value":2.0}},"limits":{"mem":{"value":4096.0}}}]}}"""));
        assertThat(quota.getUpdateQuota().getQuotaConfigs(0).getLimitsMap().get("mem").getValue()).isEqualTo(4096.0);
        Call logging = decoder.fromJson(json("""
                {"type":"SET_LOGGING_LEVEL","set_logging_level":{"level":1,"duration":{"nanoseconds":"60000000000"}}}"""));
        assertThat(logging.getSetLoggingLevel().getDuration().getNanoseconds()).isEqualTo(60_000_000_000L);
    }

    @Test
    void camelCaseKeysAreReadAsTheirFieldsBecauseTheSinkReEncodesTheCall() throws Exception {
        // A master would ignore these keys; the sink sends what they mean, in Mesos's own field names.
        Call call = decoder.fromJson(json(
                "{\"type\":\"DEACTIVATE_AGENT\",\"deactivateAgent\":{\"agentId\":{\"value\":\"agent-1\"}}}"));
        assertThat(call).isEqualTo(TestCalls.all().get(Call.Type.DEACTIVATE_AGENT));
        assertThat(MesosJson.toJson(call)).contains("\"deactivate_agent\"").doesNotContain("deactivateAgent");
    }

    @Test
    void unknownFieldsAndEnumValuesAreRefused() {
        assertThatThrownBy(() -> decoder.fromJson(json(
                "{\"type\":\"DEACTIVATE_AGENT\",\"deactivate_agent\":{\"agent_id\":{\"value\":\"a1\"},"
                        + "\"forse\":true}}")))
                .isInstanceOf(CommandRejectedException.class)
                .satisfies(e -> assertThat(((CommandRejectedException) e).reason()).isEqualTo(RejectReason.INVALID))
                .hasMessageContaining("forse");
        assertThatThrownBy(() -> decoder.fromJson(json("""
                {"type":"RESERVE_RESOURCES","reserve_resources":{"agent_id":{"value":"a"},
                 "resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":1},
                 "reservations":[{"type":"DYNAMC","role":"dev"}]}]}}""")))
                .hasMessageContaining("DYNAMC");
    }

    @Test
    void unknownTypeIsUnsupported() {
        assertThatThrownBy(() -> decoder.fromJson(json("{\"type\":\"FORMAT_DISKS\"}")))
                .satisfies(e -> assertThat(((CommandRejectedException) e).reason())
                        .isEqualTo(RejectReason.UNSUPPORTED_TYPE));
    }

    @Test
    void missingRequiredFieldsAreInvalidWithTheirPath() {
        assertThatThrownBy(() -> decoder.fromJson(json(
                "{\"type\":\"RESERVE_RESOURCES\",\"reserve_resources\":{\"resources\":[]}}")))
                .hasMessageContaining("reserve_resources.agent_id");
    }

    @Test
    void theParserWithTheRealDecoderReadsAJsonCommand() {
        CommandParser parser = new CommandParser(decoder, CommandIdSource.ENVELOPE, "command-id", CommandFormat.AUTO);
        ParseOutcome o = parser.parse(new SinkRecord("commands", 0, null, null, null, """
                {"command_id":"r-1","call":{"type":"RESERVE_RESOURCES","reserve_resources":{
                  "agent_id":{"value":"agent-1"},
                  "resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":1.0},
                    "reservations":[{"type":"DYNAMIC","role":"dev","principal":"ops"}]}]}}}""", 0L));
        assertThat(o).isInstanceOf(ParseOutcome.Parsed.class);
        assertThat(((ParseOutcome.Parsed) o).command().call()).isEqualTo(TestCalls.reserve("dev", 1));
    }
}
