package io.kafkaconnect.mesos.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Message;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Event;
import org.apache.mesos.v1.master.Protos.Response;

/**
 * Properties of the codec: hostile input never throws and anything accepted is a valid message that re-encodes
 * cleanly; random Calls and Events round-trip through JSON and protobuf.
 */
class CodecPropertiesTest {

    private static final List<Message> TYPES = List.of(Call.getDefaultInstance(), Event.getDefaultInstance(),
            Response.getDefaultInstance());
    private static final List<String> FIELD_NAMES = TYPES.stream()
            .flatMap(t -> RandomMessages.fieldNames(t.getDescriptorForType()).stream()).distinct().sorted().toList();

    @Property(tries = 300)
    void randomCallsRoundTrip(@ForAll("calls") Call call) {
        RoundTripTest.assertRoundTrips(call);
    }

    @Property(tries = 300)
    void randomEventsRoundTrip(@ForAll("events") Event event) {
        RoundTripTest.assertRoundTrips(event);
    }

    @Property(tries = 1000)
    void randomBytesNeverThrowFromProtobuf(@ForAll byte[] bytes, @ForAll("types") Message type) {
        assertWellFormed(MesosProto.fromBytes(bytes, type));
    }

    @Property(tries = 500)
    void mutatedProtobufNeverThrows(@ForAll("events") Event event, @ForAll Random random) {
        byte[] bytes = mutate(event.toByteArray(), random);
        Decoded<Event> decoded = MesosProto.fromBytes(bytes, Event.getDefaultInstance());
        assertWellFormed(decoded);
        // What was kept, unknown fields included, survives re-encoding. Only for complete messages: protobuf-java
        // itself cannot serialize a partial message whose map entry lacks a required field (MapEntry.build throws).
        if (decoded.ok() && decoded.value().isInitialized()) {
            assertThat(MesosProto.fromBytes(decoded.value().toByteArray(), Event.getDefaultInstance()).value())
                    .isEqualTo(decoded.value());
        }
    }

    @Property(tries = 1000)
    void randomBytesNeverThrowFromJson(@ForAll byte[] bytes, @ForAll("types") Message type) {
        assertWellFormed(MesosJson.fromJson(bytes, type));
    }

    @Property(tries = 500)
    void mutatedJsonNeverThrows(@ForAll("events") Event event, @ForAll Random random) {
        byte[] bytes = mutate(MesosJson.toJsonBytes(event), random);
        assertAcceptedMeansValid(MesosJson.fromJson(bytes, Event.getDefaultInstance()), Event.getDefaultInstance());
    }

    @Property(tries = 2000)
    void randomJsonTreesNeverThrow(@ForAll("trees") JsonNode tree, @ForAll("types") Message type) {
        assertAcceptedMeansValid(MesosJson.fromJson(tree, type), type);
    }

    private static void assertAcceptedMeansValid(Decoded<? extends Message> decoded, Message type) {
        assertWellFormed(decoded);
        if (decoded.ok()) {
            assertThat(decoded.value().isInitialized()).isTrue();
            Decoded<Message> again = MesosJson.fromJson(MesosJson.toTree(decoded.value()), type);
            assertThat(again.clean()).as("re-read of %s: %s", decoded.value(), again.problems()).isTrue();
            assertThat(again.value()).isEqualTo(decoded.value());
        }
    }

    private static void assertWellFormed(Decoded<?> decoded) {
        assertThat(decoded.ok()).isEqualTo(decoded.failure() == null);
        assertThat(decoded.problems()).hasSizeLessThanOrEqualTo(Problems.MAX + 1);
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = Arrays.copyOf(original, original.length);
        switch (random.nextInt(3)) {
            case 0 -> {
                int flips = 1 + random.nextInt(4);
                for (int i = 0; i < flips && bytes.length > 0; i++) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
            }
            case 1 -> bytes = Arrays.copyOf(bytes, bytes.length == 0 ? 0 : random.nextInt(bytes.length));
            default -> {
                if (bytes.length > 1) {
                    int from = random.nextInt(bytes.length);
                    int to = random.nextInt(bytes.length);
                    byte b = bytes[from];
                    bytes[from] = bytes[to];
                    bytes[to] = b;
                }
            }
        }
        return bytes;
    }

    @Provide
    Arbitrary<Call> calls() {
        return Arbitraries.randomValue(random -> RandomMessages.message(Call.getDefaultInstance(), random));
    }

    @Provide
    Arbitrary<Event> events() {
        return Arbitraries.randomValue(random -> RandomMessages.message(Event.getDefaultInstance(), random));
    }

    @Provide
    Arbitrary<Message> types() {
        return Arbitraries.of(TYPES);
    }

    @Provide
    Arbitrary<JsonNode> trees() {
        return Arbitraries.randomValue(random -> RandomMessages.tree(FIELD_NAMES, random, 0));
    }
}
