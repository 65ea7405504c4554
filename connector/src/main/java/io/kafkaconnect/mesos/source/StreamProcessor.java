package io.kafkaconnect.mesos.source;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kafkaconnect.mesos.source.poll.PollGroup;
import io.kafkaconnect.mesos.source.poll.PolledCall;
import io.kafkaconnect.mesos.source.schema.SourceInfo;
import io.kafkaconnect.mesos.source.state.ClusterSnapshot;
import io.kafkaconnect.mesos.source.state.EntityChange;
import io.kafkaconnect.mesos.source.state.EntityIds;
import io.kafkaconnect.mesos.source.state.EntityModel;
import io.kafkaconnect.mesos.source.state.SnapshotMode;
import io.kafkaconnect.mesos.source.state.SnapshotPolicy;
import io.kafkaconnect.mesos.source.stream.StreamEvent;
import io.kafkaconnect.mesos.source.stream.StreamItem;

/**
 * The stream task's coordinator: turns stream items (and the STATE-group polls, in stream order) into records. The
 * SUBSCRIBED snapshot is reconciled against what was published, per {@code snapshot.mode}; live events are archived on
 * the events topic and applied to the entity model; polled GET_STATE-family responses are reconciled, skipping what
 * the stream touched since the call was sent. Runs on the task thread only.
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
        if (item instanceof StreamItem.Opened opened) {
            generation = opened.generation();
            streamId = opened.streamId();
            leader = opened.master();
            masterId = opened.masterId();
            return List.of();
        }
        if (item instanceof StreamItem.Received received) {
            return received.generation() == generation ? event(received) : List.of();
        }
        return polled((StreamItem.Polled) item);
    }

    /** Recovering agents whose re-register deadline passed: their entities go out as removed. */
    List<SourceRecord> tick(Instant now) {
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

    private List<SourceRecord> subscribed(StreamItem.Received item, Instant ingest) {
        StreamEvent event = item.event();
        long start = System.nanoTime();
        SnapshotPolicy policy = mode.policyFor(snapshotComplete);
        JsonNode getState = event.json().path("subscribed").path("get_state");
        ClusterSnapshot snapshot = ClusterSnapshot.ofGetState(getState);
        List<EntityChange> changes = model.applySnapshot(snapshot, policy, Long.MAX_VALUE, ingest);
        log.info("Snapshot from {} ({} bytes, {} entities, policy {}): {} changes to publish", leader,
                event.sizeBytes(), snapshot.size(), policy, changes.size());
        Map<String, Object> inProgress = position(0, true);
        List<SourceRecord> out = new ArrayList<>(entityRecords(changes, change ->
                new SourceInfo(masterId, leader, streamId, 0, true, change.reconciled(), null), inProgress, ingest));
        snapshotComplete = true;
        subscribedSeen = true;
        metrics.snapshot(event.sizeBytes(), (System.nanoTime() - start) / 1_000_000);

        SourceInfo src = new SourceInfo(masterId, leader, streamId, 0, true, false, null);
        JsonNode archived = event.json();
        byte[] raw = event.raw();
        if (event.sizeBytes() > snapshotArchiveMaxBytes) {
            archived = withoutState(archived);
            raw = event.rawIsJson() ? archived.toString().getBytes(StandardCharsets.UTF_8) : null;
        }
        out.add(records.event("SUBSCRIBED", archived, raw, event.rawIsJson(), null, src,
                SourceOffsets.streamPartition(), position(0, true), ingest));
        return out;
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
        if (streamEnabled && (!subscribedSeen || polled.generation() != generation
                || !sameMaster(polled.master(), leader))) {
            // Answered before the current stream's snapshot, or by another master (a failover in progress: the new
            // leader's view must first be seen through its SUBSCRIBED, which also tells which agents are recovering).
            log.debug("Dropping a {} response from {} (stream {} on {})", polled.call(), polled.master(), streamId,
                    leader);
            return List.of();
        }
        JsonNode body = polled.response();
        ClusterSnapshot snapshot = switch (PolledCall.valueOf(polled.call())) {
            case GET_STATE -> ClusterSnapshot.ofGetState(body.path("get_state"));
            case GET_AGENTS -> ClusterSnapshot.of(null, null, null, body.path("get_agents"), model.knownAgents(),
                    model.liveFrameworks());
            case GET_FRAMEWORKS -> ClusterSnapshot.of(null, null, body.path("get_frameworks"), null,
                    model.knownAgents(), model.liveFrameworks());
            case GET_TASKS -> ClusterSnapshot.of(body.path("get_tasks"), null, null, null, model.knownAgents(),
                    model.liveFrameworks());
            case GET_EXECUTORS -> ClusterSnapshot.of(null, body.path("get_executors"), null, null,
                    model.knownAgents(), model.liveFrameworks());
            default -> throw new IllegalArgumentException(polled.call() + " is not a STATE call");
        };
        Instant at = Instant.ofEpochMilli(polled.polledAtMillis());
        long threshold = streamEnabled ? polled.indexAtSend() : Long.MAX_VALUE - 1;
        List<EntityChange> changes = model.applySnapshot(snapshot, SnapshotPolicy.RECONCILE, threshold, at);
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
