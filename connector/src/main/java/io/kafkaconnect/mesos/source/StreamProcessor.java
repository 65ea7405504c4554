package io.kafkaconnect.mesos.source;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kafkaconnect.mesos.client.snapshot.SnapshotEntity;
import io.kafkaconnect.mesos.client.snapshot.SnapshotReaders;
import io.kafkaconnect.mesos.source.poll.PollGroup;
import io.kafkaconnect.mesos.source.poll.PolledCall;
import io.kafkaconnect.mesos.source.schema.SourceInfo;
import io.kafkaconnect.mesos.source.state.EntityChange;
import io.kafkaconnect.mesos.source.state.EntityIds;
import io.kafkaconnect.mesos.source.state.EntityKind;
import io.kafkaconnect.mesos.source.state.EntityModel;
import io.kafkaconnect.mesos.source.state.SnapshotReconciliation;
import io.kafkaconnect.mesos.source.state.SnapshotMode;
import io.kafkaconnect.mesos.source.state.SnapshotPolicy;
import io.kafkaconnect.mesos.source.stream.StreamEvent;
import io.kafkaconnect.mesos.source.stream.StreamItem;

/**
 * The stream task's coordinator: turns stream items (and the STATE-group polls, in stream order) into records. The
 * SUBSCRIBED snapshot is reconciled against what was published, per {@code snapshot.mode}, entity by entity as its
 * pieces arrive; its removals are then handed out a batch at a time through {@link #backlog(int)}. Live events are
 * archived on the events topic and applied to the entity model; polled GET_STATE-family responses are reconciled,
 * skipping what the stream touched since the call was sent. Runs on the task thread only.
 */
final class StreamProcessor {

    private static final Logger log = LoggerFactory.getLogger(StreamProcessor.class);

    private final EntityModel model;
    private final RecordFactory records;
    private final SnapshotMode mode;
    private final boolean heartbeatTopic;
    private final int snapshotArchiveMaxBytes;
    private final boolean streamEnabled;
    private final SourceTaskMetrics metrics;

    private boolean snapshotComplete;
    private long generation;
    private String streamId;
    private String leader;
    private String masterId;
    private boolean subscribedSeen;

    /** The snapshot of the current stream being reconciled, or null. */
    private SnapshotReconciliation snapshot;
    private Instant snapshotIngest;
    private long snapshotStartNanos;
    private long snapshotChanges;
    /** Its SUBSCRIBED event, once read: the snapshot is then being finished. */
    private StreamItem.Received snapshotEvent;

    StreamProcessor(EntityModel model, RecordFactory records, SnapshotMode mode, boolean snapshotComplete,
                    boolean heartbeatTopic, int snapshotArchiveMaxBytes, boolean streamEnabled,
                    SourceTaskMetrics metrics) {
        this.model = model;
        this.records = records;
        this.mode = mode;
        this.snapshotComplete = snapshotComplete;
        this.heartbeatTopic = heartbeatTopic;
        this.snapshotArchiveMaxBytes = snapshotArchiveMaxBytes;
        this.streamEnabled = streamEnabled;
        this.metrics = metrics;
    }

    List<SourceRecord> handle(StreamItem item) {
        if (hasBacklog()) {
            throw new IllegalStateException("the snapshot being finished must be drained with backlog() first");
        }
        if (item instanceof StreamItem.Opened opened) {
            abandonSnapshot(opened.streamId());
            generation = opened.generation();
            streamId = opened.streamId();
            leader = opened.master();
            masterId = opened.masterId();
            return List.of();
        }
        if (item instanceof StreamItem.Received received) {
            return received.generation() == generation ? event(received) : List.of();
        }
        if (item instanceof StreamItem.SnapshotChunk chunk) {
            try {
                return chunk.generation() == generation ? snapshotPiece(chunk.entities()) : List.of();
            } finally {
                chunk.release();
            }
        }
        return polled((StreamItem.Polled) item);
    }

    /** True while a snapshot's last records (its removals) are still to be taken with {@link #backlog(int)}. */
    boolean hasBacklog() {
        return snapshotEvent != null;
    }

    /** The next records of the snapshot being finished, about {@code max} of them; the last call ends the snapshot. */
    List<SourceRecord> backlog(int max) {
        List<EntityChange> changes = new ArrayList<>();
        boolean done = snapshot.finish(max, changes);
        List<SourceRecord> out = snapshotRecords(changes);
        if (done) {
            out.add(completeSnapshot());
        }
        return out;
    }

    /** Recovering agents whose re-register deadline passed: their entities go out as removed. */
    List<SourceRecord> tick(Instant now) {
        if (snapshot != null) {
            return List.of();
        }
        List<EntityChange> changes = model.expireHolds(now);
        if (changes.isEmpty()) {
            return List.of();
        }
        SourceInfo src = new SourceInfo(masterId, leader, streamId, 0, false, true, null);
        return entityRecords(changes, i -> src, position(0, false), now);
    }

    private List<SourceRecord> event(StreamItem.Received item) {
        StreamEvent event = item.event();
        Instant ingest = Instant.ofEpochMilli(event.receivedAtMillis());
        String type = event.type();
        if ("SUBSCRIBED".equals(type)) {
            return subscribed(item, ingest);
        }
        List<EntityChange> changes = model.applyEvent(type, event.json(), item.index());
        SourceInfo src = new SourceInfo(masterId, leader, streamId, item.sequence(), false, false, null);
        Map<String, Object> offset = position(item.sequence(), false);
        List<SourceRecord> out = new ArrayList<>(changes.size() * 2 + 2);
        out.add(records.event(type, event.json(), event.raw(), event.rawIsJson(), eventKey(type, event.json()), src,
                SourceOffsets.streamPartition(), offset, ingest));
        if (heartbeatTopic && "HEARTBEAT".equals(type)) {
            out.add(records.heartbeat(masterId, src, SourceOffsets.streamPartition(), offset, ingest));
        }
        out.addAll(entityRecords(changes, change -> src, offset, ingest));
        return out;
    }

    /**
     * The SUBSCRIBED event: after its streamed pieces, or carrying its whole {@code get_state} when it was read whole.
     * Its removals follow through {@link #backlog(int)}.
     */
    private List<SourceRecord> subscribed(StreamItem.Received item, Instant ingest) {
        if (snapshot == null) {
            startSnapshot(ingest);
        }
        List<SourceRecord> out = snapshotPiece(
                SnapshotReaders.entitiesOf(item.event().json().path("subscribed").path("get_state")));
        snapshotEvent = item;
        return out;
    }

    private List<SourceRecord> snapshotPiece(List<SnapshotEntity> entities) {
        if (snapshot == null) {
            startSnapshot(Instant.now());
        }
        List<EntityChange> changes = new ArrayList<>();
        for (SnapshotEntity entity : entities) {
            snapshot.accept(entity.section(), entity.value(), changes);
        }
        return snapshotRecords(changes);
    }

    private void startSnapshot(Instant ingest) {
        snapshot = model.reconcile(EntityKind.STREAMED, mode.policyFor(snapshotComplete), Long.MAX_VALUE, ingest);
        snapshotIngest = ingest;
        snapshotStartNanos = System.nanoTime();
        snapshotChanges = 0;
    }

    private List<SourceRecord> snapshotRecords(List<EntityChange> changes) {
        snapshotChanges += changes.size();
        return entityRecords(changes, change -> new SourceInfo(masterId, leader, streamId, 0, true,
                change.reconciled(), null), position(0, true), snapshotIngest);
    }

    /** A new stream opened before the last one's snapshot was complete: the next SUBSCRIBED is reconciled afresh. */
    private void abandonSnapshot(String nextStreamId) {
        if (snapshot != null) {
            log.warn("The snapshot of stream {} from {} was cut after {} entities ({} changes published); stream {} "
                    + "will reconcile its own", streamId, leader, snapshot.entities(), snapshotChanges, nextStreamId);
            snapshot = null;
        }
    }

    /** Ends the snapshot: its SUBSCRIBED goes to the events topic, after every entity record. */
    private SourceRecord completeSnapshot() {
        StreamEvent event = snapshotEvent.event();
        Instant ingest = Instant.ofEpochMilli(event.receivedAtMillis());
        long millis = (System.nanoTime() - snapshotStartNanos) / 1_000_000;
        log.info("Snapshot from {} ({} bytes, {} entities, policy {}): {} changes published in {} ms", leader,
                event.sizeBytes(), snapshot.entities(), mode.policyFor(snapshotComplete), snapshotChanges, millis);
        metrics.snapshot(event.sizeBytes(), millis);
        snapshotComplete = true;
        subscribedSeen = true;
        snapshot = null;
        snapshotEvent = null;

        SourceInfo src = new SourceInfo(masterId, leader, streamId, 0, true, false, null);
        JsonNode archived = event.json();
        byte[] raw = event.raw();
        if (raw == null || event.sizeBytes() > snapshotArchiveMaxBytes) {
            archived = withoutState(archived);
            raw = event.rawIsJson() ? archived.toString().getBytes(StandardCharsets.UTF_8) : null;
        }
        return records.event("SUBSCRIBED", archived, raw, event.rawIsJson(), null, src,
                SourceOffsets.streamPartition(), position(0, true), ingest);
    }

    /**
     * The SUBSCRIBED event without {@code subscribed.get_state}. Copies only the two levels it changes: a deep copy
     * would duplicate the whole cluster state, the largest object the task ever holds.
     */
    private static JsonNode withoutState(JsonNode event) {
        if (!(event instanceof ObjectNode root) || !(root.path("subscribed") instanceof ObjectNode subscribed)) {
            return event;
        }
        ObjectNode trimmedSubscribed = subscribed.objectNode();
        for (Map.Entry<String, JsonNode> field : subscribed.properties()) {
            if (!field.getKey().equals("get_state")) {
                trimmedSubscribed.set(field.getKey(), field.getValue());
            }
        }
        ObjectNode trimmed = root.objectNode();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            trimmed.set(field.getKey(), field.getKey().equals("subscribed") ? trimmedSubscribed : field.getValue());
        }
        return trimmed;
    }

    private List<SourceRecord> polled(StreamItem.Polled polled) {
        if (streamEnabled && (!subscribedSeen || snapshot != null || polled.generation() != generation
                || !sameMaster(polled.master(), leader))) {
            // Answered before (or while) the current stream's snapshot, or by another master (a failover in progress:
            // the new leader's view must first be seen through its SUBSCRIBED, which also tells which agents are
            // recovering).
            log.debug("Dropping a {} response from {} (stream {} on {})", polled.call(), polled.master(), streamId,
                    leader);
            return List.of();
        }
        PolledCall call = PolledCall.valueOf(polled.call());
        JsonNode body = polled.response();
        Instant at = Instant.ofEpochMilli(polled.polledAtMillis());
        long threshold = streamEnabled ? polled.indexAtSend() : Long.MAX_VALUE - 1;
        SnapshotReconciliation reconciliation = model.reconcile(coveredBy(call), SnapshotPolicy.RECONCILE, threshold,
                at);
        String field = call.name().toLowerCase(Locale.ROOT);
        JsonNode getState = call == PolledCall.GET_STATE ? body.path(field)
                : JsonNodeFactory.instance.objectNode().set(field, body.path(field));
        List<EntityChange> changes = new ArrayList<>();
        for (SnapshotEntity entity : SnapshotReaders.entitiesOf(getState)) {
            reconciliation.accept(entity.section(), entity.value(), changes);
        }
        reconciliation.finish(Integer.MAX_VALUE, changes);
        if (!changes.isEmpty()) {
            log.info("{} reconciliation: {} changes the stream had not delivered {}", polled.call(), changes.size(),
                    countsByKind(changes));
        }
        String master = polled.masterId() != null ? polled.masterId() : masterId;
        int[] sequence = {0};
        return entityRecords(changes, change -> new SourceInfo(master, polled.master(), null, sequence[0]++, true,
                true, polled.call()), SourceOffsets.pollOffset(polled.polledAtMillis()),
                SourceOffsets.pollPartition(PollGroup.STATE), at);
    }

    /** The kinds a STATE-group call lists in full. */
    private static Set<EntityKind> coveredBy(PolledCall call) {
        return switch (call) {
            case GET_STATE -> EntityKind.STREAMED;
            case GET_AGENTS -> Set.of(EntityKind.AGENT);
            case GET_FRAMEWORKS -> Set.of(EntityKind.FRAMEWORK);
            case GET_TASKS -> Set.of(EntityKind.TASK);
            case GET_EXECUTORS -> Set.of(EntityKind.EXECUTOR);
            default -> throw new IllegalArgumentException(call + " is not a STATE call");
        };
    }

    /** Per kind and operation, e.g. {@code {EXECUTOR/CREATE=40, TASK/UPDATE=2}}: executors are never streamed. */
    private static Map<String, Long> countsByKind(List<EntityChange> changes) {
        return changes.stream().collect(Collectors.groupingBy(c -> c.ref().kind() + "/" + c.op(), TreeMap::new,
                Collectors.counting()));
    }

    private List<SourceRecord> entityRecords(List<EntityChange> changes,
                                             Function<EntityChange, SourceInfo> src,
                                             Map<String, Object> offset, Instant ingest) {
        return entityRecords(changes, src, offset, SourceOffsets.streamPartition(), ingest);
    }

    private List<SourceRecord> entityRecords(List<EntityChange> changes,
                                             Function<EntityChange, SourceInfo> src,
                                             Map<String, Object> offset, Map<String, String> partition,
                                             Instant ingest) {
        List<SourceRecord> out = new ArrayList<>(changes.size() * 2);
        for (EntityChange change : changes) {
            out.addAll(records.streamedEntity(change, src.apply(change), partition, offset, ingest));
        }
        return out;
    }

    static boolean sameMaster(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        URI x = URI.create(a);
        URI y = URI.create(b);
        return Objects.equals(x.getScheme(), y.getScheme())
                && Objects.equals(x.getHost(), y.getHost()) && x.getPort() == y.getPort();
    }

    private Map<String, Object> position(long sequence, boolean snapshot) {
        return new SourceOffsets.StreamPosition(masterId, streamId, sequence, snapshot, snapshotComplete).toMap();
    }

    /** The entity an event concerns, as the events topic's key (null for HEARTBEAT, SUBSCRIBED, unknown types). */
    static String eventKey(String type, JsonNode event) {
        JsonNode body = event.path(type.toLowerCase(Locale.ROOT));
        return switch (type) {
            case "TASK_ADDED" -> EntityIds.taskKey(body.path("task"));
            case "TASK_UPDATED" -> EntityIds.taskKey(EntityIds.value(body.path("framework_id")),
                    EntityIds.value(body.path("status").path("task_id")));
            case "AGENT_ADDED" -> EntityIds.agentKey(body.path("agent"));
            case "AGENT_REMOVED" -> EntityIds.value(body.path("agent_id"));
            case "FRAMEWORK_ADDED", "FRAMEWORK_UPDATED" -> EntityIds.frameworkKey(body.path("framework"));
            case "FRAMEWORK_REMOVED" -> EntityIds.value(body.path("framework_info").path("id"));
            default -> null;
        };
    }
}
