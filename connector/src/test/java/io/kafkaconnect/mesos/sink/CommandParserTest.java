package io.kafkaconnect.mesos.sink;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.kafkaconnect.mesos.proto.CommandProtos.CommandEnvelope;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.mesos.v1.master.Protos.Call;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Envelope handling. The Mesos JSON of the call itself is decoded by the codec (see {@code MesosCallDecoderTest});
 * here a decoder that reads only {@code type} stands in, and records what it was given.
 */
class CommandParserTest {

    private final List<JsonNode> decoded = new ArrayList<>();
    private final CallDecoder typeOnly = json -> {
        decoded.add(json);
        try {
            return Call.newBuilder().setType(Call.Type.valueOf(json.path("type").asText())).buildPartial();
        } catch (IllegalArgumentException e) {
            throw new CommandRejectedException(RejectReason.INVALID, "unknown type " + json.path("type"));
        }
    };

    private CommandParser parser(CommandIdSource source) {
        return new CommandParser(typeOnly, source, "command-id", CommandFormat.AUTO);
    }

    private static SinkRecord record(Object key, Object value) {
        return new SinkRecord("commands", 3, null, key, null, value, 42L);
    }

    private static Command parsed(ParseOutcome o) {
        assertThat(o).isInstanceOf(ParseOutcome.Parsed.class);
        return ((ParseOutcome.Parsed) o).command();
    }

    private static ParseOutcome.Unparsed unparsed(ParseOutcome o) {
        assertThat(o).isInstanceOf(ParseOutcome.Unparsed.class);
        return (ParseOutcome.Unparsed) o;
    }

    @Test
    void jsonStringEnvelope() {
        Command c = parsed(parser(CommandIdSource.ENVELOPE).parse(record(null, """
                {"command_id":"c-1","expires_at":"2030-01-01T00:00:00Z","dry_run":true,"requested_by":"team-a",
                 "call":{"type":"DRAIN_AGENT","drain_agent":{"agent_id":{"value":"a1"}}}}""")));
        assertThat(c.id()).isEqualTo("c-1");
        assertThat(c.idOrigin()).isEqualTo(Command.IdOrigin.ENVELOPE);
        assertThat(c.type()).isEqualTo(Call.Type.DRAIN_AGENT);
        assertThat(c.expiresAtMs()).isEqualTo(1893456000000L);
        assertThat(c.dryRun()).isTrue();
        assertThat(c.requestedBy()).isEqualTo("team-a");
        assertThat(decoded.get(0).path("drain_agent").path("agent_id").path("value").asText()).isEqualTo("a1");
    }

    @Test
    void jsonBytesWithLeadingWhitespaceAndExpiresAtMs() {
        byte[] bytes = "\n  {\"call\":{\"type\":\"UPDATE_WEIGHTS\"},\"expires_at_ms\":\"1700000000000\"}"
                .getBytes(StandardCharsets.UTF_8);
        Command c = parsed(parser(CommandIdSource.ENVELOPE).parse(record(null, bytes)));
        assertThat(c.expiresAtMs()).isEqualTo(1700000000000L);
        assertThat(c.id()).isEqualTo("commands-3-42");
        assertThat(c.idOrigin()).isEqualTo(Command.IdOrigin.POSITION);
    }

    @Test
    void bareCallWithoutEnvelope() {
        Command c = parsed(parser(CommandIdSource.ENVELOPE).parse(record(null, "{\"type\":\"TEARDOWN\"}")));
        assertThat(c.type()).isEqualTo(Call.Type.TEARDOWN);
        assertThat(c.id()).isEqualTo("commands-3-42");
    }

    @Test
    void callAsJsonStringInsideTheEnvelope() {
        Command c = parsed(parser(CommandIdSource.ENVELOPE).parse(record(null,
                "{\"command_id\":\"x\",\"call\":\"{\\\"type\\\":\\\"SET_QUOTA\\\"}\"}")));
        assertThat(c.type()).isEqualTo(Call.Type.SET_QUOTA);
    }

    @Test
    void idFromHeaderOrKey() {
        SinkRecord r = record("key-7", "{\"command_id\":\"env\",\"call\":{\"type\":\"TEARDOWN\"}}");
        r.headers().addString("command-id", "hdr-9");
        assertThat(parsed(parser(CommandIdSource.HEADER).parse(r)).id()).isEqualTo("hdr-9");
        assertThat(parsed(parser(CommandIdSource.KEY).parse(r)).id()).isEqualTo("key-7");
        assertThat(parsed(parser(CommandIdSource.ENVELOPE).parse(r)).id()).isEqualTo("env");
        SinkRecord noKey = record(null, "{\"call\":{\"type\":\"TEARDOWN\"}}");
        assertThat(parsed(parser(CommandIdSource.KEY).parse(noKey)).id()).isEqualTo("commands-3-42");
        assertThat(parsed(parser(CommandIdSource.HEADER).parse(noKey)).id()).isEqualTo("commands-3-42");
    }

    @Test
    void protobufEnvelope() {
        Call call = TestCalls.all().get(Call.Type.DEACTIVATE_AGENT);
        byte[] bytes = CommandEnvelope.newBuilder().setCommandId("p-1").setCall(call.toByteString())
                .setExpiresAtMs(5).setDryRun(true).setRequestedBy("bot").build().toByteArray();
        Command c = parsed(parser(CommandIdSource.ENVELOPE).parse(record(null, bytes)));
        assertThat(c.call()).isEqualTo(call);
        assertThat(c.id()).isEqualTo("p-1");
        assertThat(c.expiresAtMs()).isEqualTo(5);
        assertThat(c.dryRun()).isTrue();
        assertThat(c.requestedBy()).isEqualTo("bot");
    }

    @Test
    void protobufCallAsBase64InJson() {
        Call call = TestCalls.all().get(Call.Type.REACTIVATE_AGENT);
        String json = "{\"call\":\"" + Base64.getEncoder().encodeToString(call.toByteArray()) + "\"}";
        assertThat(parsed(parser(CommandIdSource.ENVELOPE).parse(record(null, json))).call()).isEqualTo(call);
    }

    @Test
    void structEnvelope() {
        Schema callSchema = SchemaBuilder.struct().name("Call")
                .field("type", Schema.STRING_SCHEMA)
                .field("remove_quota", SchemaBuilder.struct().field("role", Schema.STRING_SCHEMA).optional().build())
                .build();
        Schema envelope = SchemaBuilder.struct().name("Command")
                .field("command_id", Schema.STRING_SCHEMA)
                .field("expires_at", Timestamp.builder().optional().build())
                .field("dry_run", Schema.OPTIONAL_BOOLEAN_SCHEMA)
                .field("call", callSchema)
                .build();
        Struct value = new Struct(envelope).put("command_id", "s-1").put("expires_at", new java.util.Date(99))
                .put("call", new Struct(callSchema).put("type", "REMOVE_QUOTA")
                        .put("remove_quota", new Struct(callSchema.field("remove_quota").schema()).put("role", "dev")));
        Command c = parsed(parser(CommandIdSource.ENVELOPE).parse(new SinkRecord("commands", 0, null, null,
                envelope, value, 1L)));
        assertThat(c.id()).isEqualTo("s-1");
        assertThat(c.expiresAtMs()).isEqualTo(99);
        assertThat(c.dryRun()).isFalse();
        assertThat(decoded.get(0).path("remove_quota").path("role").asText()).isEqualTo("dev");
    }

    @Test
    void schemalessMapEnvelope() {
        Map<String, Object> value = Map.of("command_id", "m-1", "call", Map.of("type", "UPDATE_QUOTA"));
        assertThat(parsed(parser(CommandIdSource.ENVELOPE).parse(record(null, value))).id()).isEqualTo("m-1");
    }

    @Test
    void malformedRecordsAreTypedRefusalsThatKeepTheId() {
        CommandParser p = parser(CommandIdSource.ENVELOPE);
        assertThat(unparsed(p.parse(record(null, "{not json"))).error().reason()).isEqualTo(RejectReason.MALFORMED);
        assertThat(unparsed(p.parse(record(null, null))).error().reason()).isEqualTo(RejectReason.MALFORMED);
        assertThat(unparsed(p.parse(record(null, "[1,2]"))).commandId()).isEqualTo("commands-3-42");
        assertThat(unparsed(p.parse(record(null, "{\"command_id\":\"u\",\"call\":{}, \"colour\":1}")))
                .error().detail()).contains("unknown envelope field 'colour'");
        assertThat(unparsed(p.parse(record(null, "{\"command_id\":\"u\",\"call\":{},\"dry_run\":\"maybe\"}")))
                .error().reason()).isEqualTo(RejectReason.MALFORMED);
        assertThat(unparsed(p.parse(record(null, "{\"call\":{},\"expires_at\":\"tomorrow\"}"))).error().detail())
                .contains("expires_at");
        assertThat(unparsed(p.parse(record(null, "{\"a\":1}\n{\"b\":2}"))).error().reason())
                .isEqualTo(RejectReason.MALFORMED);
        assertThat(unparsed(p.parse(record(null, 12345))).error().reason()).isEqualTo(RejectReason.MALFORMED);
    }

    @Test
    void anUnreadableCallStillReportsTheEnvelopeIdTypeAndRequester() {
        ParseOutcome.Unparsed u = unparsed(parser(CommandIdSource.ENVELOPE).parse(record(null,
                "{\"command_id\":\"bad-1\",\"requested_by\":\"ci\",\"call\":{\"type\":\"BOGUS\"}}")));
        assertThat(u.commandId()).isEqualTo("bad-1");
        assertThat(u.requestedBy()).isEqualTo("ci");
        assertThat(u.callType()).isEqualTo("BOGUS");
        assertThat(u.error().reason()).isEqualTo(RejectReason.INVALID);
    }

    @Test
    void protobufGarbageIsMalformed() {
        byte[] envelopeWithBadCall = CommandEnvelope.newBuilder().setCommandId("g")
                .setCall(ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xff, 0x01})).build().toByteArray();
        ParseOutcome.Unparsed u = unparsed(parser(CommandIdSource.ENVELOPE).parse(record(null, envelopeWithBadCall)));
        assertThat(u.commandId()).isEqualTo("g");
        assertThat(u.error().reason()).isEqualTo(RejectReason.MALFORMED);
        assertThat(unparsed(parser(CommandIdSource.ENVELOPE).parse(record(null, new byte[] {0x07, 0x01})))
                .error().reason()).isEqualTo(RejectReason.MALFORMED);
    }

    @Test
    void headerIdWithBytesValue() {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addBytes("command-id", "b-1".getBytes(StandardCharsets.UTF_8));
        SinkRecord r = new SinkRecord("commands", 0, null, null, null, "{\"type\":\"TEARDOWN\"}", 5L, null, null,
                headers);
        assertThat(parsed(parser(CommandIdSource.HEADER).parse(r)).id()).isEqualTo("b-1");
    }
}
