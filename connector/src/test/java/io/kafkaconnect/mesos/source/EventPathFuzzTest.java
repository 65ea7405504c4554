package io.kafkaconnect.mesos.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.InvalidProtocolBufferException;
import io.kafkaconnect.mesos.client.MesosEvent;
import io.kafkaconnect.mesos.codec.Encoding;
import io.kafkaconnect.mesos.codec.MesosJson;
import io.kafkaconnect.mesos.fuzz.AllocationMeter;
import io.kafkaconnect.mesos.fuzz.Corpus;
import io.kafkaconnect.mesos.fuzz.FuzzCampaign;
import io.kafkaconnect.mesos.fuzz.FuzzInput;
import io.kafkaconnect.mesos.fuzz.FuzzStats;
import io.kafkaconnect.mesos.fuzz.Mutator;
import io.kafkaconnect.mesos.fuzz.SimulatorCapture;
import io.kafkaconnect.mesos.source.state.EntityModel;
import io.kafkaconnect.mesos.source.state.PublishedState;
import io.kafkaconnect.mesos.source.state.RecoveryHolds;
import io.kafkaconnect.mesos.source.state.SnapshotMode;
import io.kafkaconnect.mesos.source.stream.StreamEvent;
import io.kafkaconnect.mesos.source.stream.StreamItem;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterProperty;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.mesos.v1.master.Protos.Event;

/**
 * Fuzz target: the source's event path, from one SUBSCRIBE record's bytes to Connect records: {@link MesosEvent#of}
 * (the JSON or protobuf decode), then the stream task's {@link StreamProcessor} (event archive row by the
 * EventMapper, entity model, entity rows). Seeds are the simulated master's real events in both encodings; one
 * long-lived processor takes every input in turn, as a task would on a stream carrying garbage.
 *
 * <p>Properties: nothing throws; every record is archived on the events topic, exactly as received (protobuf bytes,
 * JSON text); an unreadable record carries its reason (and its type is {@value MesosEvent#UNKNOWN_TYPE}), exactly
 * when an independent parse fails; every record produced validates against its schema and serializes with the JSON
 * converter; allocation stays proportional to the input and the records it gives.
 */
class EventPathFuzzTest {

    private static final long FIXED_BYTES = 512 * 1024;
    private static final long PER_INPUT_BYTE = 400;
    private static final long PER_RECORD = 32 * 1024;
    private static final String INVALID_UTF8_KEPT = "accepted, invalid UTF-8 replaced";

    private final SourceTaskMetrics metrics = new SourceTaskMetrics("event-path-fuzz", 0);
    private final JsonConverter converter = new JsonConverter();
    private final StreamProcessor processor = new StreamProcessor(new EntityModel(new PublishedState(),
            new RecoveryHolds(Duration.ofMinutes(10))), new RecordFactory("mesos"), SnapshotMode.INITIAL, false, true,
            1_000_000, true, metrics);
    private long sequence;

    EventPathFuzzTest() {
        converter.configure(Map.of("schemas.enable", "true"), false);
        processor.handle(new StreamItem.Opened(1, "stream-1", "http://m1:5050", "master-1"));
        // the real streams first: the model holds a cluster, and one-off class loading is not charged to an input
        for (Encoding encoding : Encoding.values()) {
            SimulatorCapture.of(encoding).events().forEach(raw -> handle(MesosEvent.of(raw, encoding, 0)));
        }
    }

    private List<SourceRecord> handle(MesosEvent event) {
        StreamEvent item = new StreamEvent(event.type(), event.json(), event.raw(),
                event.encoding() == Encoding.JSON, event.sizeBytes(), event.receivedAtMillis());
        List<SourceRecord> records = Processed.all(processor, new StreamItem.Received(1, "stream-1", sequence + 1, sequence,
                item));
        sequence++;
        return records;
    }

    @AfterProperty
    void closeMetrics() {
        metrics.close();
    }

    @Property
    @AddLifecycleHook(FuzzCampaign.class)
    void everyRecordIsArchivedAsReceivedAndMapsToValidRows(@ForAll("records") Tuple2<Encoding, FuzzInput> input) {
        Encoding encoding = input.get1();
        byte[] raw = input.get2().bytes();
        long before = AllocationMeter.now();
        MesosEvent event = MesosEvent.of(raw, encoding, 1_700_000_000_000L);
        List<SourceRecord> records = handle(event);
        long allocated = AllocationMeter.since(before);
        long bound = allocationBound(raw, records);
        if (allocated > bound) {
            // Steady state: the first run may pay one-off class loading. The same event again is a duplicate on
            // the stream, which the processor takes like any other.
            before = AllocationMeter.now();
            List<SourceRecord> again = handle(MesosEvent.of(raw, encoding, 1_700_000_000_000L));
            allocated = AllocationMeter.since(before);
            bound = allocationBound(raw, again);
        }

        boolean readable = independentlyReadable(raw, encoding);
        assertThat(event.wellFormed()).as("well-formed, failure: %s", event.failure()).isEqualTo(readable);
        if (!readable) {
            assertThat(event.failure()).isNotBlank();
            assertThat(event.type()).isEqualTo(MesosEvent.UNKNOWN_TYPE);
        }
        List<SourceRecord> archived = records.stream().filter(r -> r.topic().equals("mesos.events")).toList();
        assertThat(archived).as("archive records").hasSize(1);
        Struct row = (Struct) archived.get(0).value();
        assertThat(row.getString("type")).isEqualTo(event.type());
        if (encoding == Encoding.PROTOBUF) {
            assertThat(row.getBytes("payload_bytes")).isEqualTo(raw);
        } else {
            assertThat(row.getString("payload_json")).isEqualTo(new String(raw, StandardCharsets.UTF_8));
        }
        for (SourceRecord record : records) {
            if (record.value() != null) {
                ((Struct) record.value()).validate();
                converter.fromConnectData(record.topic(), record.valueSchema(), record.value());
            }
        }
        assertThat(allocated).as("bytes allocated").isLessThanOrEqualTo(bound);
        String outcome = !event.wellFormed() ? "unreadable, reason carried, archived raw"
                : encoding == Encoding.JSON && !validUtf8(raw) ? INVALID_UTF8_KEPT : FuzzStats.ACCEPTED;
        FuzzStats.record(outcome, raw.length, allocated);
    }

    /** A small event can rightly produce many records (AGENT_REMOVED deletes the agent's tasks and executors). */
    private static long allocationBound(byte[] raw, List<SourceRecord> records) {
        return FIXED_BYTES + PER_INPUT_BYTE * raw.length + PER_RECORD * records.size();
    }

    /** Whether a plain parse, apart from the code under test, reads the record. */
    private static boolean independentlyReadable(byte[] raw, Encoding encoding) {
        if (encoding == Encoding.PROTOBUF) {
            try {
                Event.parser().parsePartialFrom(raw);
                return true;
            } catch (InvalidProtocolBufferException e) {
                return false;
            }
        }
        try {
            JsonNode tree = MesosJson.mapper().readTree(raw);
            return tree != null && tree.isObject();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean validUtf8(byte[] raw) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Provide
    Arbitrary<Tuple2<Encoding, FuzzInput>> records() {
        Corpus json = corpus(Encoding.JSON);
        json.generator("random text", random -> randomBytes(random, 300));
        Corpus protobuf = corpus(Encoding.PROTOBUF);
        protobuf.generator("random bytes", random -> randomBytes(random, 300));
        return Arbitraries.oneOf(
                json.inputs(Mutator.tokens("{", "}", "[", "]", "\"", ":", ",", "null", "\"type\"", "\"TASK_UPDATED\"",
                        "\"SUBSCRIBED\"", "\"HEARTBEAT\"", "\"UNKNOWN_NEW_TYPE\"", "{\"value\":\"x\"}", "{}", "[]",
                        "1e400", "\"1e-999999999\"", "\"\\ud800\"", "\u00e9", "\ud83d\ude00"))
                        .map(i -> Tuple.of(Encoding.JSON, i)),
                protobuf.inputs(List.of(new byte[] {0x08, 0x01}, new byte[] {0x08, 0x7f}, new byte[] {(byte) 0x80},
                        new byte[] {0x12, 0x00}, new byte[] {0x1a, 0x7f})).map(i -> Tuple.of(Encoding.PROTOBUF, i)));
    }

    private static Corpus corpus(Encoding encoding) {
        Corpus corpus = new Corpus();
        List<byte[]> events = SimulatorCapture.of(encoding).events();
        for (int i = 0; i < events.size(); i++) {
            corpus.add(encoding + " simulator event #" + i, events.get(i));
        }
        return corpus;
    }

    private static byte[] randomBytes(Random random, int maxLength) {
        byte[] bytes = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(bytes);
        return bytes;
    }
}
