package io.kafkaconnect.mesos.client.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.mesos.v1.master.Protos.Event;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;

import io.kafkaconnect.mesos.client.snapshot.SnapshotReadersTest.Streamed;
import io.kafkaconnect.mesos.codec.Encoding;
import io.kafkaconnect.mesos.codec.MesosJson;
import io.kafkaconnect.mesos.fuzz.AllocationMeter;
import io.kafkaconnect.mesos.fuzz.Corpus;
import io.kafkaconnect.mesos.fuzz.FuzzCampaign;
import io.kafkaconnect.mesos.fuzz.FuzzInput;
import io.kafkaconnect.mesos.fuzz.FuzzStats;
import io.kafkaconnect.mesos.fuzz.Mutator;
import io.kafkaconnect.mesos.fuzz.SimulatorCapture;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Fuzz target: the streaming SUBSCRIBED readers, on real snapshots of the simulated master and a hand-made one that
 * lists every section, mutated. Properties: a reader either reads the record to its end or throws
 * {@link SnapshotFormatException} (never another exception); what it reads equals a whole decode of the same bytes
 * whenever that decode succeeds; allocation stays proportional to the input.
 */
class SnapshotReaderFuzzTest {

    /**
     * A parser's buffers plus, for a refused record, a typed error with its parser's cause: four times the codec's (the
     * million-input run saw up to 670 kB for a 184-byte refused JSON record).
     */
    private static final long FIXED_BYTES = 1024 * 1024;
    private static final long PER_INPUT_BYTE = 200;
    /** Protobuf is about three times denser than the JSON trees its entities become. */
    private static final long PER_PROTOBUF_BYTE = 3 * PER_INPUT_BYTE;
    /** The whole-document reference: strict, so that a duplicate key cannot hide entities from the comparison. */
    private static final ObjectReader STRICT = MesosJson.mapper().reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private record Outcome(Streamed streamed, SnapshotFormatException error) {
    }

    private static Outcome read(byte[] bytes, Encoding encoding) {
        try {
            return new Outcome(SnapshotReadersTest.stream(bytes, encoding), null);
        } catch (SnapshotFormatException e) {
            return new Outcome(null, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property
    @AddLifecycleHook(FuzzCampaign.class)
    void jsonSnapshotsAreReadAsAWholeDecodeReadsThemOrRefusedWithATypedError(@ForAll("json") FuzzInput input) {
        byte[] bytes = input.bytes();
        long bound = FIXED_BYTES + PER_INPUT_BYTE * bytes.length;
        AllocationMeter.Measured<Outcome> measured = AllocationMeter.measure(() -> read(bytes, Encoding.JSON), bound);
        Outcome outcome = measured.value();

        if (outcome.error() != null) {
            assertThat(outcome.error().getMessage()).contains("SUBSCRIBED");
        } else {
            assertThat(tree(MesosJson.mapper().reader(), bytes)).as("a record the reader accepted is a JSON object")
                    .isNotNull();
            JsonNode whole = tree(STRICT, bytes); // null with a duplicate key, which a whole decode resolves its way
            if (whole != null) {
                assertThat(SnapshotReadersTest.bySection(outcome.streamed().entities())).isEqualTo(
                        SnapshotReadersTest.bySection(SnapshotReaders.entitiesOf(getState(whole))));
                assertThat(outcome.streamed().envelope()).isEqualTo(withoutState(whole));
            }
        }
        assertThat(measured.bytes()).as("bytes allocated").isLessThanOrEqualTo(bound);
        FuzzStats.record(outcome.error() == null ? FuzzStats.ACCEPTED : "refused", bytes.length, measured.bytes());
    }

    @Property
    @AddLifecycleHook(FuzzCampaign.class)
    void protobufSnapshotsAreReadAsAWholeDecodeReadsThemOrRefusedWithATypedError(
            @ForAll("protobuf") FuzzInput input) {
        byte[] bytes = input.bytes();
        long bound = FIXED_BYTES + PER_PROTOBUF_BYTE * bytes.length;
        AllocationMeter.Measured<Outcome> measured =
                AllocationMeter.measure(() -> read(bytes, Encoding.PROTOBUF), bound);
        Outcome outcome = measured.value();

        if (outcome.error() != null) {
            assertThat(outcome.error().getMessage()).contains("SUBSCRIBED");
        } else {
            Event whole;
            try {
                whole = Event.parser().parsePartialFrom(bytes);
            } catch (InvalidProtocolBufferException e) {
                whole = null; // the reader skips what it does not read (pending tasks...); a whole decode does not
            }
            if (whole != null) {
                JsonNode tree = MesosJson.toTree(whole);
                assertThat(SnapshotReadersTest.bySection(outcome.streamed().entities())).isEqualTo(
                        SnapshotReadersTest.bySection(SnapshotReaders.entitiesOf(getState(tree))));
                assertThat(outcome.streamed().envelope().path("type")).isEqualTo(tree.path("type"));
            }
        }
        assertThat(measured.bytes()).as("bytes allocated").isLessThanOrEqualTo(bound);
        FuzzStats.record(outcome.error() == null ? FuzzStats.ACCEPTED : "refused", bytes.length, measured.bytes());
    }

    private static JsonNode tree(ObjectReader reader, byte[] bytes) {
        try {
            JsonNode tree = reader.readTree(bytes);
            return tree != null && tree.isObject() ? tree : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static JsonNode getState(JsonNode event) {
        return event.path("subscribed").path("get_state");
    }

    /** The envelope a reader should give: the event, less {@code subscribed.get_state} where it could descend. */
    private static JsonNode withoutState(JsonNode event) {
        ObjectNode copy = event.deepCopy();
        if (copy.get("subscribed") instanceof ObjectNode subscribed && subscribed.path("get_state").isObject()) {
            subscribed.remove("get_state");
        }
        return copy;
    }

    @Provide
    Arbitrary<FuzzInput> json() {
        List<byte[]> tokens = Mutator.tokens("{", "}", "[", "]", "\"", ":", ",", "null", "{}", "[]", "1",
                "\"subscribed\":", "\"get_state\":", "\"get_tasks\":", "\"tasks\":", "\"completed_tasks\":",
                "\"get_agents\":", "\"agents\":", "\"recovered_agents\":", "\"get_executors\":", "\"executors\":",
                "[[[[[[[[[[", "\\", "\ud83d\ude00");
        return corpus(Encoding.JSON).inputs(tokens);
    }

    @Provide
    Arbitrary<FuzzInput> protobuf() {
        List<byte[]> tokens = List.of(new byte[] {(byte) 0x80}, new byte[] {0x12, 0x00}, new byte[] {0x0a, 0x00},
                new byte[] {0x12, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07}, new byte[] {0x0b},
                new byte[] {0x0c}, new byte[] {0x08, 0x01}, new byte[] {0x22, 0x02, 0x0a, 0x00});
        return corpus(Encoding.PROTOBUF).inputs(tokens);
    }

    private static Corpus corpus(Encoding encoding) {
        byte[] handMade = SnapshotReadersTest.SUBSCRIBED.getBytes(StandardCharsets.UTF_8);
        if (encoding == Encoding.PROTOBUF) {
            handMade = MesosJson.fromJson(handMade, Event.getDefaultInstance()).value().toByteArray();
        }
        return new Corpus().add("every section", handMade)
                .add("simulated master", SimulatorCapture.of(encoding).events().get(0))
                .add("heartbeat", SimulatorCapture.of(encoding).events().get(1));
    }
}
