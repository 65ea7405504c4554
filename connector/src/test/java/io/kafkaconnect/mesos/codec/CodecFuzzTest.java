package io.kafkaconnect.mesos.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.kafkaconnect.mesos.fuzz.AllocationMeter;
import io.kafkaconnect.mesos.fuzz.Corpus;
import io.kafkaconnect.mesos.fuzz.FuzzCampaign;
import io.kafkaconnect.mesos.fuzz.FuzzInput;
import io.kafkaconnect.mesos.fuzz.FuzzStats;
import io.kafkaconnect.mesos.fuzz.JsonLeaves;
import io.kafkaconnect.mesos.fuzz.Mutator;
import io.kafkaconnect.mesos.fuzz.SimulatorCapture;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Event;
import org.apache.mesos.v1.master.Protos.Response;

/**
 * Fuzz targets: the lenient JSON and protobuf decoders ({@link MesosJson#fromJson(byte[], Message)},
 * {@link MesosProto#fromBytes}) for Event, Call and Response. Seeds are real inputs (the simulated master's events and
 * read answers, the Mesos docs' examples when the reference copy is present, the sink docs' calls, hand-built
 * messages); generated inputs are random messages, random JSON trees of Mesos field names, and random bytes.
 *
 * <p>Properties: a {@link Decoded} always comes back (never an exception, never the decoder's internal-error path); a
 * failure names its reason; an accepted value is complete and re-encodes to itself; a value accepted without a
 * reported problem lost nothing of its input; allocation stays proportional to the input.
 */
class CodecFuzzTest {

    private static final long FIXED_BYTES = 256 * 1024;
    private static final long PER_INPUT_BYTE = 200;
    private static final List<Message> TYPES = List.of(Event.getDefaultInstance(), Call.getDefaultInstance(),
            Response.getDefaultInstance());
    private static final List<String> FIELD_NAMES = TYPES.stream()
            .flatMap(t -> RandomMessages.fieldNames(t.getDescriptorForType()).stream()).distinct().sorted().toList();

    @Property
    @AddLifecycleHook(FuzzCampaign.class)
    void jsonDecodingReportsEveryFaultAndLosesNothingItAccepts(@ForAll("json") Tuple2<Message, FuzzInput> input) {
        Message type = input.get1();
        byte[] bytes = input.get2().bytes();
        long bound = FIXED_BYTES + PER_INPUT_BYTE * bytes.length;
        AllocationMeter.Measured<Decoded<Message>> measured =
                AllocationMeter.measure(() -> MesosJson.fromJson(bytes, type), bound);
        Decoded<Message> decoded = measured.value();
        long allocated = measured.bytes();

        assertWellFormed(decoded);
        if (decoded.ok()) {
            assertThat(decoded.value().isInitialized()).isTrue();
            JsonNode again = MesosJson.toTree(decoded.value());
            Decoded<Message> reread = MesosJson.fromJson(again, type);
            assertThat(reread.clean()).as("re-read: %s", reread.problems()).isTrue();
            assertThat(reread.value()).isEqualTo(decoded.value());
            if (decoded.clean()) {
                JsonNode tree = parse(bytes);
                assertThat(JsonLeaves.firstMissing(tree, again)).as("a value dropped without a problem").isNull();
            }
        } else {
            assertThat(decoded.failure()).doesNotStartWith("internal decoder error");
        }
        assertThat(allocated).as("bytes allocated").isLessThanOrEqualTo(bound);
        FuzzStats.record(outcome(decoded), bytes.length, allocated);
    }

    @Property
    @AddLifecycleHook(FuzzCampaign.class)
    void protobufDecodingReportsEveryFaultAndKeepsWhatItAccepts(
            @ForAll("protobuf") Tuple2<Message, FuzzInput> input) {
        Message type = input.get1();
        byte[] bytes = input.get2().bytes();
        long bound = FIXED_BYTES + PER_INPUT_BYTE * bytes.length;
        AllocationMeter.Measured<Decoded<Message>> measured =
                AllocationMeter.measure(() -> MesosProto.fromBytes(bytes, type), bound);
        Decoded<Message> decoded = measured.value();
        long allocated = measured.bytes();

        assertWellFormed(decoded);
        Message reference;
        try {
            reference = type.getParserForType().parsePartialFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            reference = null;
        }
        if (reference == null) {
            assertThat(decoded.failure()).startsWith("malformed protobuf: ");
        } else {
            assertThat(decoded.value()).isEqualTo(reference);
            boolean faulty = !reference.isInitialized() || hasUnknownFields(reference);
            assertThat(decoded.clean()).as("problems %s", decoded.problems()).isEqualTo(!faulty);
            if (decoded.clean()) {
                assertThat(MesosProto.fromBytes(decoded.value().toByteArray(), type).value())
                        .isEqualTo(decoded.value());
            }
        }
        assertThat(allocated).as("bytes allocated").isLessThanOrEqualTo(bound);
        FuzzStats.record(outcome(decoded), bytes.length, allocated);
    }

    private static void assertWellFormed(Decoded<?> decoded) {
        assertThat(decoded.ok()).isEqualTo(decoded.failure() == null);
        if (!decoded.ok()) {
            assertThat(decoded.failure()).isNotBlank();
        }
        assertThat(decoded.problems()).hasSizeLessThanOrEqualTo(Problems.MAX + 1).allSatisfy(p ->
                assertThat(p).isNotBlank());
    }

    /** The outcome's kind for the campaign figures: accepted, accepted with problems, or the failure's kind. */
    static String outcome(Decoded<?> decoded) {
        if (decoded.clean()) {
            return FuzzStats.ACCEPTED;
        }
        if (decoded.ok()) {
            return "accepted, problems reported";
        }
        String failure = decoded.failure();
        int end = failure.length();
        for (String stop : List.of(":", " for ")) {
            int at = failure.indexOf(stop);
            end = at < 0 ? end : Math.min(end, at);
        }
        return "failed: " + failure.substring(0, end);
    }

    private static boolean hasUnknownFields(Message message) {
        if (!message.getUnknownFields().asMap().isEmpty()) {
            return true;
        }
        for (Map.Entry<FieldDescriptor, Object> field
                : message.getAllFields().entrySet()) {
            if (field.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            List<?> values = field.getKey().isRepeated() ? (List<?>) field.getValue() : List.of(field.getValue());
            for (Object value : values) {
                if (hasUnknownFields((Message) value)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return MesosJson.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new AssertionError("accepted, but not JSON", e);
        }
    }

    @Provide
    Arbitrary<Tuple2<Message, FuzzInput>> json() {
        List<byte[]> tokens = Mutator.tokens("{", "}", "[", "]", "\"", ":", ",", "null", "true", "\"type\"",
                "{\"value\":\"x\"}", "[]", "{}", "\"1e-999999999\"", "1e-999999999", "\"1e999999999\"", "1e400",
                "-0", "18446744073709551616", "-9223372036854775809", "\"NaN\"", "\"-Infinity\"", "\"10s\"",
                "\"-1.5s\"", "\"\\ud800\"", "\"\\u0000\"", "\"AAAA\"", "\"_-8=\"", "{\"seconds\":1,\"nanos\":-1}",
                "\"TASK_RUNNING\"", "\"UNKNOWN\"", "999999999999999999999999999999", "[[[[[[[[[[[[[[[[", "\\",
                "\u00e9", "\ud83d\ude00");
        return Arbitraries.oneOf(TYPES.stream().map(type -> jsonCorpus(type).inputs(tokens)
                .map(i -> Tuple.of(type, i))).toList());
    }

    @Provide
    Arbitrary<Tuple2<Message, FuzzInput>> protobuf() {
        List<byte[]> tokens = List.of(new byte[] {(byte) 0x80}, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff,
            (byte) 0xff, 0x0f}, new byte[] {0x08, 0x00}, new byte[] {0x0a, 0x7f}, new byte[] {(byte) 0x82, 0x01, 0x00},
            new byte[] {0x0b}, new byte[] {0x0c}, new byte[] {(byte) 0xf8, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f,
            0x01}, new byte[] {0x12, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07});
        return Arbitraries.oneOf(TYPES.stream().map(type -> protobufCorpus(type).inputs(tokens)
                .map(i -> Tuple.of(type, i))).toList());
    }

    private static Corpus jsonCorpus(Message type) {
        Corpus corpus = new Corpus();
        for (Message m : handBuilt(type)) {
            corpus.add("built " + name(m), MesosJson.toJsonBytes(m));
        }
        capturedOfType(type, Encoding.JSON).forEach(corpus::add);
        for (DocsExamples.Example example : docsExamples()) {
            if (example.defaultInstance().getDescriptorForType().equals(type.getDescriptorForType())) {
                corpus.add("docs " + example.name(), example.json().getBytes(StandardCharsets.UTF_8));
            }
        }
        if (type instanceof Call) {
            sinkDocsCalls().forEach(line -> corpus.add("sink docs " + line.substring(0, Math.min(40, line.length())),
                    line.getBytes(StandardCharsets.UTF_8)));
        }
        corpus.generator("random " + name(type), random -> MesosJson.toJsonBytes(RandomMessages.message(type, random)));
        corpus.generator("random tree", random -> RandomMessages.tree(FIELD_NAMES, random, 0).toString()
                .getBytes(StandardCharsets.UTF_8));
        corpus.generator("random bytes", CodecFuzzTest::randomBytes);
        return corpus;
    }

    private static Corpus protobufCorpus(Message type) {
        Corpus corpus = new Corpus();
        for (Message m : handBuilt(type)) {
            corpus.add("built " + name(m), m.toByteArray());
        }
        capturedOfType(type, Encoding.PROTOBUF).forEach(corpus::add);
        corpus.generator("random " + name(type), random -> RandomMessages.message(type, random).toByteArray());
        corpus.generator("random bytes", CodecFuzzTest::randomBytes);
        return corpus;
    }

    private static List<? extends Message> handBuilt(Message type) {
        if (type instanceof Event) {
            return MesosMessages.events();
        }
        return type instanceof Call ? MesosMessages.writeCalls() : MesosMessages.responses();
    }

    /** The simulated master's events (for Event) or read answers (for Response), by name. */
    private static Map<String, byte[]> capturedOfType(Message type, Encoding encoding) {
        SimulatorCapture.Capture capture = SimulatorCapture.of(encoding);
        Map<String, byte[]> named = new LinkedHashMap<>();
        if (type instanceof Event) {
            for (int i = 0; i < capture.events().size(); i++) {
                named.put("simulator event #" + i, capture.events().get(i));
            }
        } else if (type instanceof Response) {
            capture.responses().forEach((call, body) -> named.put("simulator " + call + " answer", body));
        }
        return named;
    }

    private static List<DocsExamples.Example> docsExamples() {
        if (!Files.isReadable(DocsExamples.FILE)) {
            return List.of(); // the Mesos docs copy is not part of the repository; the other seeds still run
        }
        try {
            return DocsExamples.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> sinkDocsCalls() {
        try {
            return Files.readAllLines(Path.of("..", "docs", "sink.md")).stream()
                    .filter(l -> l.startsWith("{\"type\":")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String name(Message m) {
        if (m instanceof Event e) {
            return "Event " + e.getType();
        }
        if (m instanceof Call c) {
            return "Call " + c.getType();
        }
        return m instanceof Response r ? "Response " + r.getType() : m.getDescriptorForType().getName();
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        return bytes;
    }
}
