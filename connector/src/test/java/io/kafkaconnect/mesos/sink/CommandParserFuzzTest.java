package io.kafkaconnect.mesos.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.InvalidProtocolBufferException;
import io.kafkaconnect.mesos.client.MesosVersion;
import io.kafkaconnect.mesos.codec.MesosJson;
import io.kafkaconnect.mesos.fuzz.AllocationMeter;
import io.kafkaconnect.mesos.fuzz.Corpus;
import io.kafkaconnect.mesos.fuzz.FuzzCampaign;
import io.kafkaconnect.mesos.fuzz.FuzzInput;
import io.kafkaconnect.mesos.fuzz.FuzzStats;
import io.kafkaconnect.mesos.fuzz.JsonLeaves;
import io.kafkaconnect.mesos.fuzz.Mutator;
import io.kafkaconnect.mesos.proto.CommandProtos.CommandEnvelope;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.mesos.v1.master.Protos.Call;

/**
 * Fuzz target: the sink's command parser in all its input forms (JSON as bytes and as a string, the protobuf
 * {@code CommandEnvelope}, a Connect {@code Struct} or schemaless map), followed by the validator, as the sink runs
 * them. Seeds are the sink docs' call examples and the test calls of every supported type, in envelopes of every
 * documented shape.
 *
 * <p>Properties: nothing throws and the parser's defensive catch-all is never reached; a refusal is typed (a
 * {@link RejectReason} and a message) and still names a command id; a command that passes validation carries a
 * complete call that lost nothing of the JSON it came from (or equals the call in the protobuf envelope); allocation
 * stays proportional to the input.
 */
class CommandParserFuzzTest {

    private static final long FIXED_BYTES = 256 * 1024;
    private static final long PER_INPUT_BYTE = 200;
    private static final MesosVersion MASTER = MesosVersion.parse("1.11.0");
    private static final CommandValidator VALIDATOR = new CommandValidator(CallCatalog.supported());
    private static final JsonConverter SCHEMALESS = new JsonConverter();

    static {
        SCHEMALESS.configure(Map.of("schemas.enable", "false"), false);
    }

    /** How the record value is presented to the parser. */
    enum Form { JSON_BYTES, JSON_STRING, JSON_BYTES_AUTO, PROTOBUF_BYTES, PROTOBUF_BYTES_AUTO, MAP, STRUCT }

    @Property
    @AddLifecycleHook(FuzzCampaign.class)
    void jsonCommandsAreParsedOrRefusedWithAReason(@ForAll("json") FuzzInput input, @ForAll("jsonForms") Form form,
                                                  @ForAll Random random) {
        Object value = switch (form) {
            case JSON_STRING -> new String(input.bytes(), StandardCharsets.UTF_8);
            case MAP -> schemaless(input.bytes());
            case STRUCT -> StructCommands.from(input.bytes(), random);
            default -> input.bytes();
        };
        check(input, form, value);
    }

    @Property
    @AddLifecycleHook(FuzzCampaign.class)
    void protobufCommandsAreParsedOrRefusedWithAReason(@ForAll("protobuf") FuzzInput input,
                                                      @ForAll("protobufForms") Form form) {
        check(input, form, input.bytes());
    }

    private void check(FuzzInput input, Form form, Object value) {
        CommandParser parser = new CommandParser(new MesosCallDecoder(), CommandIdSource.ENVELOPE, "command-id",
                switch (form) {
                    case JSON_BYTES -> CommandFormat.JSON;
                    case PROTOBUF_BYTES -> CommandFormat.PROTOBUF;
                    default -> CommandFormat.AUTO;
                });
        SinkRecord record = new SinkRecord("commands", 0, null, null, null, value, 42L);
        long bound = FIXED_BYTES + PER_INPUT_BYTE * input.bytes().length;
        AllocationMeter.Measured<ParseOutcome> measured =
                AllocationMeter.measure(() -> parser.parse(record), bound);
        ParseOutcome outcome = measured.value();
        long allocated = measured.bytes();

        assertThat(outcome.source()).isEqualTo(new SourcePosition("commands", 0, 42L));
        String label;
        if (outcome instanceof ParseOutcome.Unparsed refused) {
            assertThat(refused.commandId()).isNotBlank();
            assertThat(refused.error().reason()).isNotNull();
            assertThat(refused.error().detail()).isNotBlank().doesNotStartWith("unreadable record");
            label = "refused by the parser: " + refused.error().reason();
        } else {
            Command command = ((ParseOutcome.Parsed) outcome).command();
            assertThat(command.id()).isNotBlank();
            label = validate(command, form, value);
        }
        assertThat(allocated).as("bytes allocated").isLessThanOrEqualTo(bound);
        FuzzStats.record(label, input.bytes().length, allocated);
    }

    /** Validates a parsed command; one the sink would send must have lost nothing of its input. */
    private static String validate(Command command, Form form, Object value) {
        try {
            VALIDATOR.validate(command, MASTER, 0);
        } catch (CommandRejectedException e) {
            assertThat(e.reason()).isNotNull();
            assertThat(e.detail()).isNotBlank();
            return "refused by the validator: " + e.reason();
        }
        Call call = command.call();
        assertThat(call.isInitialized()).isTrue();
        assertThat(MesosJson.fromJson(MesosJson.toTree(call), Call.getDefaultInstance()).value()).isEqualTo(call);
        if (form == Form.PROTOBUF_BYTES || form == Form.PROTOBUF_BYTES_AUTO && !looksLikeJson((byte[]) value)) {
            assertThat(sentCall((byte[]) value)).isEqualTo(call);
        } else if (value instanceof byte[] || value instanceof String) {
            JsonNode given = callTree(value);
            if (given != null) {
                assertThat(JsonLeaves.firstMissing(given, MesosJson.toTree(call)))
                        .as("a value of the call dropped").isNull();
            }
        }
        return FuzzStats.ACCEPTED;
    }

    private static boolean looksLikeJson(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        return text.startsWith("{");
    }

    private static Call sentCall(byte[] envelope) {
        try {
            return Call.parser().parsePartialFrom(CommandEnvelope.parseFrom(envelope).getCall());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("accepted, but not a CommandEnvelope", e);
        }
    }

    /** The call object of a JSON envelope or bare call, or null when it was given as base64 protobuf. */
    private static JsonNode callTree(Object value) {
        try {
            byte[] bytes = value instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) value;
            JsonNode root = MesosJson.mapper().readTree(bytes);
            JsonNode call = root.has(CommandParser.CALL) ? root.get(CommandParser.CALL) : root;
            if (call.isTextual()) {
                String text = call.textValue().strip();
                return text.startsWith("{") ? MesosJson.mapper().readTree(text) : null;
            }
            return call;
        } catch (IOException e) {
            throw new AssertionError("accepted, but not JSON", e);
        }
    }

    private static Object schemaless(byte[] json) {
        try {
            return SCHEMALESS.toConnectData("commands", json).value();
        } catch (RuntimeException notJson) {
            return json; // what a worker with the JSON converter would have sent to the DLQ; the parser gets bytes
        }
    }

    @Provide
    Arbitrary<Form> jsonForms() {
        return Arbitraries.of(Form.JSON_BYTES, Form.JSON_STRING, Form.JSON_BYTES_AUTO, Form.MAP, Form.STRUCT);
    }

    @Provide
    Arbitrary<Form> protobufForms() {
        return Arbitraries.of(Form.PROTOBUF_BYTES, Form.PROTOBUF_BYTES_AUTO);
    }

    @Provide
    Arbitrary<FuzzInput> json() {
        Corpus corpus = new Corpus();
        int n = 0;
        for (String call : calls()) {
            n++;
            corpus.add("envelope " + n, ("{\"command_id\":\"c-" + n + "\",\"requested_by\":\"fuzz\",\"call\":" + call
                    + "}").getBytes(StandardCharsets.UTF_8));
            corpus.add("bare call " + n, call.getBytes(StandardCharsets.UTF_8));
            String quoted = MesosJson.mapper().getNodeFactory().textNode(call).toString();
            corpus.add("call as string " + n, ("{\"command_id\":\"s-" + n
                    + "\",\"expires_at\":\"2030-01-01T00:00:00Z\",\"call\":" + quoted + "}")
                    .getBytes(StandardCharsets.UTF_8));
            corpus.add("call as base64 " + n, ("{\"command_id\":\"b-" + n + "\",\"expires_at_ms\":1893456000000,"
                    + "\"dry_run\":true,\"call\":\"" + Base64.getEncoder().encodeToString(toCall(call).toByteArray())
                    + "\"}").getBytes(StandardCharsets.UTF_8));
        }
        corpus.generator("random bytes", CommandParserFuzzTest::randomBytes);
        return corpus.inputs(Mutator.tokens("{", "}", "[", "]", "\"", ":", ",", "null", "true", "\"call\"",
                "\"command_id\"", "\"expires_at_ms\"", "\"expires_at\"", "\"dry_run\"", "\"requested_by\"", "\"type\"",
                "\"TEARDOWN\"", "\"SUBSCRIBE\"", "\"GET_STATE\"", "\"DRAIN_AGENT\"", "\"agentId\"", "-1",
                "\"1e-999999999\"", "9223372036854775808", "\"2030-13-01T00:00:00Z\"",
                "\"+1000000000-01-01T00:00:00Z\"",
                "\"CAg=\"", "\" {\"", "{\"value\":\"x\"}", "\u00e9", "\"\\ud800\""));
    }

    @Provide
    Arbitrary<FuzzInput> protobuf() {
        Corpus corpus = new Corpus();
        int n = 0;
        for (String call : calls()) {
            n++;
            corpus.add("envelope " + n, CommandEnvelope.newBuilder().setCommandId("p-" + n).setRequestedBy("fuzz")
                    .setExpiresAtMs(n % 2 == 0 ? 0 : 1_893_456_000_000L).setDryRun(n % 3 == 0)
                    .setCall(toCall(call).toByteString()).build().toByteArray());
        }
        corpus.generator("random bytes", CommandParserFuzzTest::randomBytes);
        return corpus.inputs(List.of(new byte[] {0x0a, 0x00}, new byte[] {0x12, 0x7f}, new byte[] {0x18, -1, -1, -1,
            -1, -1, -1, -1, -1, -1, 0x01}, new byte[] {0x20, 0x02}, new byte[] {0x30, 0x01}, new byte[] {(byte) 0x80},
            new byte[] {0x08, 0x0f}, new byte[] {0x7b}));
    }

    /** The sink docs' call examples and the test calls of every supported type, as Mesos JSON. */
    private static List<String> calls() {
        try {
            List<String> calls = new ArrayList<>(Files.readAllLines(Path.of("..", "docs", "sink.md"))
                    .stream().filter(l -> l.startsWith("{\"type\":")).toList());
            TestCalls.all().values().forEach(c -> calls.add(MesosJson.toJson(c)));
            return calls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Call toCall(String json) {
        return MesosJson.fromJson(json.getBytes(StandardCharsets.UTF_8), Call.getDefaultInstance()).value();
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        return bytes;
    }
}
