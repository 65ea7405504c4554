package io.kafkaconnect.mesos.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kafkaconnect.mesos.client.snapshot.SnapshotEntity;
import io.kafkaconnect.mesos.client.snapshot.SnapshotReader;
import io.kafkaconnect.mesos.client.snapshot.SnapshotReaders;
import io.kafkaconnect.mesos.codec.Encoding;
import io.kafkaconnect.mesos.source.state.EntityModel;
import io.kafkaconnect.mesos.source.state.PublishedState;
import io.kafkaconnect.mesos.source.state.RecoveryHolds;
import io.kafkaconnect.mesos.source.state.SnapshotMode;
import io.kafkaconnect.mesos.source.stream.StreamEvent;
import io.kafkaconnect.mesos.source.stream.StreamItem;

/** Stream items in, records out: topics, keys, ops, tombstones, offsets and the events archive. */
class StreamProcessorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LEADER = "http://m1:5050";

    private final SourceTaskMetrics metrics = new SourceTaskMetrics("stream-processor-test", 0);
    private StreamProcessor processor(SnapshotMode mode, boolean snapshotComplete, int archiveMaxBytes) {
        return new StreamProcessor(new EntityModel(new PublishedState(), new RecoveryHolds(Duration.ofMinutes(10))),
                new RecordFactory("mesos"), mode, snapshotComplete, true, archiveMaxBytes, true, metrics);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static final String SUBSCRIBED = """
            {"type":"SUBSCRIBED","subscribed":{"heartbeat_interval_seconds":15.0,"get_state":{
             "get_agents":{"agents":[{"agent_info":{"hostname":"h1","port":5051,"id":{"value":"a1"}},
               "active":true,"version":"1.11.0"}],"recovered_agents":[]},
             "get_frameworks":{"frameworks":[{"framework_info":{"user":"root","name":"fw","id":{"value":"f1"}},
               "active":true,"connected":true,"recovered":false}],"completed_frameworks":[]},
             "get_tasks":{"tasks":[{"name":"t","task_id":{"value":"t1"},"framework_id":{"value":"f1"},
               "agent_id":{"value":"a1"},"state":"TASK_RUNNING"}],"unreachable_tasks":[],"completed_tasks":[]},
             "get_executors":{"executors":[]}}}}""";

    private static StreamItem.Received received(long seq, String json) {
        byte[] raw = json.getBytes(StandardCharsets.UTF_8);
        JsonNode tree = StreamProcessorTest.json(json);
        return new StreamItem.Received(1, "s1", seq + 1, seq,
                new StreamEvent(tree.path("type").asText(), tree, raw, true, raw.length, 1_700_000_000_000L + seq));
    }

    private static List<SourceRecord> onTopic(List<SourceRecord> records, String suffix) {
        return records.stream().filter(r -> r.topic().equals("mesos." + suffix)).toList();
    }

    @Test
    void aFirstSnapshotPublishesEveryEntityAsReadAndArchivesTheEventLast() {
        StreamProcessor processor = processor(SnapshotMode.INITIAL, false, 1_000_000);
        Processed.all(processor, new StreamItem.Opened(1, "s1", LEADER, "master-1"));
        List<SourceRecord> records = Processed.all(processor, received(0, SUBSCRIBED));

        assertThat(onTopic(records, "tasks")).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("f1/t1");
            Struct value = (Struct) r.value();
            assertThat(value.getString("op")).isEqualTo("READ");
            assertThat(value.getStruct("source").getBoolean("snapshot")).isTrue();
            assertThat(value.getStruct("source").getString("master_id")).isEqualTo("master-1");
            assertThat(r.timestamp()).isEqualTo(1_700_000_000_000L);
            assertThat(r.headers().lastWithName("mesos.digest")).isNotNull();
            assertThat(new java.util.HashMap<String, Object>(r.sourceOffset())).containsEntry("snapshot_complete", false);
        });
        assertThat(onTopic(records, "agents")).hasSize(1);
        assertThat(onTopic(records, "frameworks")).hasSize(1);
        SourceRecord last = records.get(records.size() - 1);
        assertThat(last.topic()).isEqualTo("mesos.events");
        assertThat(new java.util.HashMap<String, Object>(last.sourceOffset())).containsEntry("snapshot_complete", true).containsEntry("sequence", 0L)
                .containsEntry("stream_id", "s1").containsEntry("master_id", "master-1");
        assertThat(((Struct) last.value()).getString("payload_json")).contains("get_state");
    }

    @Test
    void aResumedSnapshotThatChangedNothingEmitsOnlyTheArchiveRecord() {
        StreamProcessor processor = processor(SnapshotMode.INITIAL, false, 1_000_000);
        Processed.all(processor, new StreamItem.Opened(1, "s1", LEADER, "m"));
        Processed.all(processor, received(0, SUBSCRIBED));
        Processed.all(processor, new StreamItem.Opened(2, "s2", LEADER, "m"));
        List<SourceRecord> again = Processed.all(processor, new StreamItem.Received(2, "s2", 10, 0,
                received(0, SUBSCRIBED).event()));
        assertThat(again).extracting(SourceRecord::topic).containsExactly("mesos.events");
    }

    @Test
    void aDeleteIsFollowedByATombstoneAndEventsAreKeyedByEntity() {
        StreamProcessor processor = processor(SnapshotMode.INITIAL, false, 1_000_000);
        Processed.all(processor, new StreamItem.Opened(1, "s1", LEADER, "m"));
        Processed.all(processor, received(0, SUBSCRIBED));
        List<SourceRecord> records = Processed.all(processor, received(1,
                "{\"type\":\"AGENT_REMOVED\",\"agent_removed\":{\"agent_id\":{\"value\":\"a1\"}}}"));

        assertThat(records.get(0).topic()).isEqualTo("mesos.events");
        assertThat(records.get(0).key()).isEqualTo("a1");
        List<SourceRecord> tasks = onTopic(records, "tasks");
        assertThat(tasks).hasSize(2);
        assertThat(((Struct) tasks.get(0).value()).getString("op")).isEqualTo("DELETE");
        assertThat(((Struct) tasks.get(0).value()).getString("task_id")).as("last known value").isEqualTo("t1");
        assertThat(tasks.get(1).value()).isNull();
        assertThat(tasks.get(1).valueSchema()).isNull();
        assertThat(tasks.get(1).key()).isEqualTo("f1/t1");
        assertThat(onTopic(records, "agents")).hasSize(2);
    }

    @Test
    void heartbeatsAndUnknownEventTypesAreArchivedAndAdvanceTheOffset() {
        StreamProcessor processor = processor(SnapshotMode.INITIAL, false, 1_000_000);
        Processed.all(processor, new StreamItem.Opened(1, "s1", LEADER, "m"));
        Processed.all(processor, received(0, SUBSCRIBED));
        List<SourceRecord> heartbeat = Processed.all(processor, received(1, "{\"type\":\"HEARTBEAT\"}"));
        assertThat(heartbeat).extracting(SourceRecord::topic).containsExactly("mesos.events", "mesos.heartbeats");
        assertThat(new java.util.HashMap<String, Object>(heartbeat.get(0).sourceOffset())).containsEntry("sequence", 1L);

        List<SourceRecord> unknown = Processed.all(processor, received(2,
                "{\"type\":\"OPERATION_UPDATED\",\"operation_updated\":{\"x\":1}}"));
        assertThat(unknown).singleElement().satisfies(r -> {
            assertThat(((Struct) r.value()).getString("type")).isEqualTo("OPERATION_UPDATED");
            assertThat(((Struct) r.value()).getString("payload_json")).contains("\"x\":1");
        });
    }

    @Test
    void aSnapshotLargerThanTheArchiveLimitIsArchivedWithoutItsState() {
        StreamProcessor processor = processor(SnapshotMode.INITIAL, false, 100);
        Processed.all(processor, new StreamItem.Opened(1, "s1", LEADER, "m"));
        List<SourceRecord> records = Processed.all(processor, received(0, SUBSCRIBED));
        Struct archived = (Struct) records.get(records.size() - 1).value();
        assertThat(archived.getString("payload_json")).doesNotContain("get_state").contains("heartbeat_interval");
        assertThat(onTopic(records, "tasks")).hasSize(1);
    }

    @Test
    void neverModePublishesNoSnapshotRowsButLaterChanges() {
        StreamProcessor processor = processor(SnapshotMode.NEVER, false, 1_000_000);
        Processed.all(processor, new StreamItem.Opened(1, "s1", LEADER, "m"));
        assertThat(Processed.all(processor, received(0, SUBSCRIBED))).extracting(SourceRecord::topic)
                .containsExactly("mesos.events");
        List<SourceRecord> update = Processed.all(processor, received(1, """
                {"type":"TASK_UPDATED","task_updated":{"framework_id":{"value":"f1"},
                 "status":{"task_id":{"value":"t1"},"agent_id":{"value":"a1"},"state":"TASK_FINISHED"},
                 "state":"TASK_FINISHED"}}"""));
        assertThat(onTopic(update, "tasks")).singleElement()
                .satisfies(r -> assertThat(((Struct) r.value()).getString("state")).isEqualTo("TASK_FINISHED"));
    }

    @Test
    void pollsFromAnotherMasterOrAnOlderStreamAreDropped() {
        StreamProcessor processor = processor(SnapshotMode.INITIAL, false, 1_000_000);
        Processed.all(processor, new StreamItem.Opened(1, "s1", LEADER, "m"));
        Processed.all(processor, received(0, SUBSCRIBED));
        ObjectNode emptyState = (ObjectNode) json("{\"get_state\":" + json(SUBSCRIBED).path("subscribed")
                .path("get_state").toString().replace("\"TASK_RUNNING\"", "\"TASK_FAILED\"") + "}");

        assertThat(Processed.all(processor, new StreamItem.Polled(1, 5, "GET_STATE", emptyState, 1L,
                "http://m2:5050/master/api/v1", "m2"))).as("another master").isEmpty();
        assertThat(Processed.all(processor, new StreamItem.Polled(0, 5, "GET_STATE", emptyState, 1L,
                LEADER + "/api/v1", "m"))).as("an older stream").isEmpty();
        List<SourceRecord> reconciled = Processed.all(processor, new StreamItem.Polled(1, 5, "GET_STATE", emptyState, 1L,
                LEADER + "/api/v1", "m"));
        assertThat(reconciled).singleElement().satisfies(r -> {
            Struct value = (Struct) r.value();
            assertThat(value.getString("state")).isEqualTo("TASK_FAILED");
            assertThat(value.getString("op")).isEqualTo("UPDATE");
            assertThat(value.getStruct("source").getBoolean("reconciled")).isTrue();
            assertThat(value.getStruct("source").getString("call")).isEqualTo("GET_STATE");
            assertThat(r.sourcePartition()).isEqualTo(Map.of("source", "poll", "group", "state"));
        });
    }

    /** The pieces and the event the stream reader hands over for a SUBSCRIBED read entity by entity. */
    private static List<StreamItem> streamed(long generation, String streamId, String subscribed) throws Exception {
        SnapshotReader reader = SnapshotReaders.streaming(
                new java.io.ByteArrayInputStream(subscribed.getBytes(StandardCharsets.UTF_8)), Encoding.JSON);
        List<StreamItem> items = new ArrayList<>();
        for (SnapshotEntity entity = reader.next(); entity != null; entity = reader.next()) {
            items.add(new StreamItem.SnapshotChunk(generation, List.of(entity), () -> { }));
        }
        items.add(new StreamItem.Received(generation, streamId, 1, 0, new StreamEvent("SUBSCRIBED",
                reader.envelope(), null, true, subscribed.length(), 1_700_000_000_000L)));
        return items;
    }

    private static List<SourceRecord> allOf(StreamProcessor processor, List<StreamItem> items) {
        List<SourceRecord> records = new ArrayList<>();
        items.forEach(item -> records.addAll(Processed.all(processor, item)));
        return records;
    }

    private static List<String> entityRows(List<SourceRecord> records) {
        return records.stream().filter(r -> !r.topic().equals("mesos.events"))
                .map(r -> r.topic() + " " + r.key() + " " + (r.value() == null ? "tombstone"
                        : ((Struct) r.value()).getString("op"))).sorted().toList();
    }

    @Test
    void aStreamedSnapshotPublishesWhatAWholeOneDoesAndArchivesItsEventWithoutTheState() throws Exception {
        StreamProcessor whole = processor(SnapshotMode.INITIAL, false, 1_000_000);
        whole.handle(new StreamItem.Opened(1, "s1", LEADER, "m"));
        List<SourceRecord> expected = Processed.all(whole, received(0, SUBSCRIBED));

        StreamProcessor processor = processor(SnapshotMode.INITIAL, false, 1_000_000);
        processor.handle(new StreamItem.Opened(1, "s1", LEADER, "m"));
        List<SourceRecord> records = allOf(processor, streamed(1, "s1", SUBSCRIBED));

        assertThat(entityRows(records)).isEqualTo(entityRows(expected)).hasSize(3);
        SourceRecord last = records.get(records.size() - 1);
        assertThat(last.topic()).isEqualTo("mesos.events");
        assertThat(((Struct) last.value()).getString("payload_json")).doesNotContain("get_state")
                .contains("heartbeat_interval_seconds");
        assertThat(((Struct) last.value()).getFloat64("heartbeat_interval_seconds")).isEqualTo(15.0);
        assertThat(new java.util.HashMap<String, Object>(last.sourceOffset())).containsEntry("snapshot_complete", true);
    }

    @Test
    void aSnapshotCutByANewStreamRemovesNothingAndTheNextOneReconcilesAfresh() throws Exception {
        StreamProcessor processor = processor(SnapshotMode.INITIAL, false, 1_000_000);
        processor.handle(new StreamItem.Opened(1, "s1", LEADER, "m"));
        Processed.all(processor, received(0, SUBSCRIBED));
        ObjectNode state = (ObjectNode) json(SUBSCRIBED);
        ((ObjectNode) state.path("subscribed").path("get_state").path("get_tasks")).putArray("tasks");
        String withoutTask = state.toString();
        assertThat(withoutTask).doesNotContain("\"t1\"");

        processor.handle(new StreamItem.Opened(2, "s2", LEADER, "m"));
        List<StreamItem> cut = streamed(2, "s2", withoutTask);
        List<SourceRecord> partial = allOf(processor, cut.subList(0, 1));
        processor.handle(new StreamItem.Opened(3, "s3", LEADER, "m"));
        assertThat(entityRows(partial)).as("nothing removed by a snapshot that did not finish").isEmpty();

        List<SourceRecord> next = allOf(processor, streamed(3, "s3", withoutTask));
        assertThat(entityRows(next)).containsExactly("mesos.tasks f1/t1 DELETE", "mesos.tasks f1/t1 tombstone");
    }

    @Test
    void pollsAnsweredWhileASnapshotIsReadAreDroppedAndRemovalsComeOutABatchAtATime() throws Exception {
        StreamProcessor processor = processor(SnapshotMode.INITIAL, false, 1_000_000);
        processor.handle(new StreamItem.Opened(1, "s1", LEADER, "m"));
        Processed.all(processor, received(0, SUBSCRIBED));
        String empty = "{\"type\":\"SUBSCRIBED\",\"subscribed\":{\"get_state\":{}}}";

        processor.handle(new StreamItem.Opened(2, "s2", LEADER, "m"));
        List<StreamItem> items = streamed(2, "s2", SUBSCRIBED.replace("TASK_RUNNING", "TASK_FAILED"));
        processor.handle(items.get(0));
        ObjectNode state = (ObjectNode) json("{\"get_state\":" + json(empty).path("subscribed").path("get_state")
                + "}");
        assertThat(processor.handle(new StreamItem.Polled(2, 5, "GET_STATE", state, 1L, LEADER + "/api/v1", "m")))
                .as("a poll during the snapshot").isEmpty();

        processor.handle(new StreamItem.Opened(3, "s3", LEADER, "m"));
        assertThat(processor.handle(new StreamItem.Received(3, "s3", 1, 0, received(0, empty).event()))).isEmpty();
        assertThat(processor.hasBacklog()).isTrue();
        assertThatThrownBy(() -> processor.handle(received(1, "{\"type\":\"HEARTBEAT\"}")))
                .isInstanceOf(IllegalStateException.class);
        List<Integer> batches = new ArrayList<>();
        List<SourceRecord> removals = new ArrayList<>();
        while (processor.hasBacklog()) {
            List<SourceRecord> batch = processor.backlog(1);
            batches.add(batch.size());
            removals.addAll(batch);
        }
        assertThat(entityRows(removals)).hasSize(6).allMatch(row -> row.endsWith("DELETE") || row.endsWith("tombstone"));
        assertThat(batches).as("one removal (record and tombstone) per call, then the archive").containsExactly(2, 2, 3);
    }
}
