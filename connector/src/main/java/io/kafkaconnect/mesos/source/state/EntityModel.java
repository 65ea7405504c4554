package io.kafkaconnect.mesos.source.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The latest state of the streamed entities (tasks, agents, frameworks, executors) as the master reported it, kept so a
 * TASK_UPDATED, which carries only a status, can be published as the task's full latest state, and so a DELETE can carry
 * the entity's last value. Applying an event or a snapshot yields the {@link EntityChange}s to publish, compared with
 * {@link PublishedState} so nothing unchanged is re-emitted.
 *
 * <p>Every live event touches its entities with the stream's receive index. A polled snapshot sent at index {@code i}
 * skips entities touched after {@code i}: the stream already knows something newer about them.
 *
 * <p>Entities are stored as compact JSON bytes (a tree per entity would cost several times more heap on a cluster with
 * 100,000 tasks). Not thread-safe: the task thread owns it.
 */
public final class EntityModel {

    private static final Logger log = LoggerFactory.getLogger(EntityModel.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TOUCHED_PRUNE_THRESHOLD = 200_000;

    private final PublishedState published;
    private final RecoveryHolds holds;
    private final Map<EntityRef, Entry> entries = new HashMap<>();
    private final Map<EntityRef, Long> touched = new HashMap<>();
    /**
     * Tasks and executors by owning agent and by owning framework, so that removing an agent or a framework does not
     * scan every entity. Candidates only: each is checked with {@link #agentOf}/{@link #frameworkOf} before use.
     */
    private final Map<String, Set<EntityRef>> byAgent = new HashMap<>();
    private final Map<String, Set<EntityRef>> byFramework = new HashMap<>();
    private long lastAppliedPollIndex = Long.MIN_VALUE;

    /**
     * One stored entity; {@code json} is null when it is known only from what was published before a restart.
     * {@code digest} is the {@link ContentDigest} of {@code json} (or {@link ContentDigest#DELETED} when unknown).
     */
    record Entry(byte[] json, String agentId, String frameworkId, boolean held, long digest) {
    }

    public EntityModel(PublishedState published, RecoveryHolds holds) {
        this.published = published;
        this.holds = holds;
        for (EntityKind kind : List.of(EntityKind.TASK, EntityKind.EXECUTOR)) {
            for (String key : published.keys(kind)) {
                PublishedEntry entry = published.get(new EntityRef(kind, key));
                index(new EntityRef(kind, key), entry.agentId(), entry.frameworkId());
            }
        }
    }

    /**
     * Applies one live event (any type but SUBSCRIBED). Unknown types and HEARTBEAT change nothing. An event that lacks
     * the ids it needs is logged and skipped.
     */
    public List<EntityChange> applyEvent(String type, JsonNode event, long index) {
        List<EntityChange> out = new ArrayList<>();
        switch (type) {
            case "TASK_ADDED" -> {
                JsonNode task = event.path("task_added").path("task");
                upsertLive(EntityKind.TASK, EntityIds.taskKey(task), task, index, out, type);
            }
            case "TASK_UPDATED" -> taskUpdated(event.path("task_updated"), index, out);
            case "AGENT_ADDED" -> {
                JsonNode agent = event.path("agent_added").path("agent");
                String key = EntityIds.agentKey(agent);
                holds.release(key);
                upsertLive(EntityKind.AGENT, key, agent, index, out, type);
            }
            case "AGENT_REMOVED" -> {
                String id = EntityIds.value(event.path("agent_removed").path("agent_id"));
                if (id.isEmpty()) {
                    log.warn("Skipping an AGENT_REMOVED event without agent_id: {}", event);
                } else {
                    holds.release(id);
                    removeAgent(id, index, false, out);
                }
            }
            case "FRAMEWORK_ADDED", "FRAMEWORK_UPDATED" -> {
                JsonNode framework = event.path(type.toLowerCase(Locale.ROOT)).path("framework");
                upsertLive(EntityKind.FRAMEWORK, EntityIds.frameworkKey(framework), framework, index, out, type);
            }
            case "FRAMEWORK_REMOVED" -> {
                String id = EntityIds.value(event.path("framework_removed").path("framework_info").path("id"));
                if (id.isEmpty()) {
                    log.warn("Skipping a FRAMEWORK_REMOVED event without framework_info.id: {}", event);
                } else {
                    removeFramework(id, index, out);
                }
            }
            default -> {
                // HEARTBEAT and event types this version does not know change no entity; the events topic keeps them.
            }
        }
        return out;
    }

    /**
     * Starts reconciling a snapshot against what was published (see {@link SnapshotReconciliation}).
     *
     * @param covered      the kinds the snapshot lists in full (a GET_TASKS covers tasks only)
     * @param touchedAfter entities touched by a live event with a higher index are skipped; {@link Long#MAX_VALUE} for
     *                     a SUBSCRIBED snapshot, which is the new baseline
     */
    public SnapshotReconciliation reconcile(Set<EntityKind> covered, SnapshotPolicy policy, long touchedAfter,
                                            Instant now) {
        return new SnapshotReconciliation(this, covered, policy, touchedAfter, now);
    }

    /** Called by a finished reconciliation: forgets what live events touched before the snapshot. */
    void snapshotApplied(long touchedAfter) {
        if (touchedAfter == Long.MAX_VALUE) {
            touched.clear();
        } else {
            lastAppliedPollIndex = Math.max(lastAppliedPollIndex, touchedAfter);
            if (touched.size() > TOUCHED_PRUNE_THRESHOLD) {
                touched.values().removeIf(i -> i <= lastAppliedPollIndex);
            }
        }
    }

    /** Publishes as removed what recovering agents left behind once their re-register deadline has passed. */
    public List<EntityChange> expireHolds(Instant now) {
        Set<String> expired = holds.expire(now);
        List<EntityChange> out = new ArrayList<>();
        if (expired.isEmpty()) {
            return out;
        }
        log.info("Agents {} did not re-register in time; publishing them and their tasks as removed", expired);
        for (String agent : expired) {
            removeAgent(agent, Long.MIN_VALUE, true, out);
        }
        Set<String> stillHeldFrameworks = heldFrameworks();
        for (EntityRef ref : refs(EntityKind.FRAMEWORK)) {
            Entry entry = entries.get(ref);
            if (entry != null && entry.held() && !stillHeldFrameworks.contains(ref.key())) {
                delete(ref, Long.MIN_VALUE, true, out);
            }
        }
        return out;
    }

    /** Agents the master knows (registered, or recovering after a failover). */
    public Set<String> knownAgents() {
        Set<String> agents = new HashSet<>(holds.heldAgents());
        for (EntityRef ref : entries.keySet()) {
            if (ref.kind() == EntityKind.AGENT) {
                agents.add(ref.key());
            }
        }
        return agents;
    }

    /** Frameworks currently registered or recovered. */
    public Set<String> liveFrameworks() {
        Set<String> frameworks = new HashSet<>();
        entries.forEach((ref, entry) -> {
            if (ref.kind() == EntityKind.FRAMEWORK && !entry.held()) {
                frameworks.add(ref.key());
            }
        });
        return frameworks;
    }

    /** Entities stored. */
    int size() {
        return entries.size();
    }

    /** The stored JSON of an entity, or null. */
    public JsonNode get(EntityRef ref) {
        Entry entry = entries.get(ref);
        return entry == null || entry.json() == null ? null : parse(entry.json());
    }

    public boolean isHeld(EntityRef ref) {
        Entry entry = entries.get(ref);
        return entry != null && entry.held();
    }

    PublishedState published() {
        return published;
    }

    RecoveryHolds holds() {
        return holds;
    }

    boolean touchedAfter(EntityRef ref, long index) {
        Long at = touched.get(ref);
        return at != null && at > index;
    }

    Entry entry(EntityRef ref) {
        return entries.get(ref);
    }

    /** Refs of one kind, in the model or published. */
    Set<EntityRef> refs(EntityKind kind) {
        Set<EntityRef> refs = new LinkedHashSet<>();
        for (String key : published.keys(kind)) {
            refs.add(new EntityRef(kind, key));
        }
        for (EntityRef ref : entries.keySet()) {
            if (ref.kind() == kind) {
                refs.add(ref);
            }
        }
        return refs;
    }

    /** Frameworks that own a task or executor on a recovering agent. */
    Set<String> heldFrameworks() {
        Set<String> frameworks = new HashSet<>();
        if (holds.isEmpty()) {
            return frameworks;
        }
        for (EntityKind kind : List.of(EntityKind.TASK, EntityKind.EXECUTOR)) {
            for (EntityRef ref : refs(kind)) {
                if (holds.isHeld(agentOf(ref)) && frameworkOf(ref) != null) {
                    frameworks.add(frameworkOf(ref));
                }
            }
        }
        return frameworks;
    }

    String agentOf(EntityRef ref) {
        Entry entry = entries.get(ref);
        if (entry != null && entry.agentId() != null) {
            return entry.agentId();
        }
        if (ref.kind() == EntityKind.AGENT) {
            return ref.key();
        }
        PublishedEntry p = published.get(ref);
        return p == null ? null : p.agentId();
    }

    String frameworkOf(EntityRef ref) {
        Entry entry = entries.get(ref);
        if (entry != null && entry.frameworkId() != null) {
            return entry.frameworkId();
        }
        if (ref.kind() == EntityKind.FRAMEWORK) {
            return ref.key();
        }
        PublishedEntry p = published.get(ref);
        return p == null ? null : p.frameworkId();
    }

    /** Stores the entity's latest JSON; skips the re-encoding when an identical version is already stored. */
    void store(EntityRef ref, JsonNode value, long digest) {
        Entry existing = entries.get(ref);
        if (existing != null && !existing.held() && existing.json() != null && existing.digest() == digest) {
            return;
        }
        String agentId = EntityIds.agentOf(ref.kind(), value);
        String frameworkId = EntityIds.frameworkOf(ref.kind(), value);
        entries.put(ref, new Entry(bytes(value), agentId, frameworkId, false, digest));
        index(ref, agentId, frameworkId);
    }

    void markHeld(EntityRef ref) {
        Entry entry = entries.get(ref);
        entries.put(ref, entry == null
                ? new Entry(null, agentOf(ref), frameworkOf(ref), true, ContentDigest.DELETED)
                : new Entry(entry.json(), entry.agentId(), entry.frameworkId(), true, entry.digest()));
    }

    void forget(EntityRef ref) {
        entries.remove(ref);
    }

    /** Adds {@code change} to {@code out} and records it as published. */
    void emit(EntityChange change, List<EntityChange> out) {
        out.add(change);
        EntityRef ref = change.ref();
        if (change.isDelete()) {
            published.remove(ref);
        } else {
            String agentId = EntityIds.agentOf(ref.kind(), change.value());
            String frameworkId = EntityIds.frameworkOf(ref.kind(), change.value());
            published.put(ref, new PublishedEntry(change.digest(), agentId, frameworkId));
            index(ref, agentId, frameworkId);
        }
    }

    /** Removes an entity; publishes a DELETE if it was published. */
    void delete(EntityRef ref, long index, boolean reconciled, List<EntityChange> out) {
        if (index != Long.MIN_VALUE) {
            touched.put(ref, index);
        }
        unindex(ref, agentOf(ref), byAgent);
        unindex(ref, frameworkOf(ref), byFramework);
        Entry entry = entries.remove(ref);
        if (published.contains(ref)) {
            JsonNode last = entry == null || entry.json() == null ? null : parse(entry.json());
            emit(new EntityChange(ref, ChangeOp.DELETE, last, ContentDigest.DELETED, reconciled, reconciled), out);
        }
    }

    void removeAgent(String agentId, long index, boolean reconciled, List<EntityChange> out) {
        for (EntityRef ref : owned(byAgent, agentId, this::agentOf)) {
            delete(ref, index, reconciled, out);
        }
        delete(new EntityRef(EntityKind.AGENT, agentId), index, reconciled, out);
    }

    private void removeFramework(String frameworkId, long index, List<EntityChange> out) {
        for (EntityRef ref : owned(byFramework, frameworkId, this::frameworkOf)) {
            delete(ref, index, false, out);
        }
        delete(new EntityRef(EntityKind.FRAMEWORK, frameworkId), index, false, out);
    }

    /** The tasks, then the executors, that {@code owner} owns now; drops candidates that no longer belong to it. */
    private List<EntityRef> owned(Map<String, Set<EntityRef>> index, String owner,
                                  Function<EntityRef, String> ownerOf) {
        Set<EntityRef> candidates = index.get(owner);
        if (candidates == null) {
            return List.of();
        }
        candidates.removeIf(ref -> !owner.equals(ownerOf.apply(ref)));
        List<EntityRef> owned = new ArrayList<>(candidates.size());
        for (EntityKind kind : List.of(EntityKind.TASK, EntityKind.EXECUTOR)) {
            for (EntityRef ref : candidates) {
                if (ref.kind() == kind) {
                    owned.add(ref);
                }
            }
        }
        return owned;
    }

    private void index(EntityRef ref, String agentId, String frameworkId) {
        if (ref.kind() != EntityKind.TASK && ref.kind() != EntityKind.EXECUTOR) {
            return;
        }
        if (agentId != null) {
            byAgent.computeIfAbsent(agentId, k -> new LinkedHashSet<>()).add(ref);
        }
        if (frameworkId != null) {
            byFramework.computeIfAbsent(frameworkId, k -> new LinkedHashSet<>()).add(ref);
        }
    }

    private static void unindex(EntityRef ref, String owner, Map<String, Set<EntityRef>> index) {
        Set<EntityRef> refs = owner == null ? null : index.get(owner);
        if (refs != null) {
            refs.remove(ref);
            if (refs.isEmpty()) {
                index.remove(owner);
            }
        }
    }

    private void taskUpdated(JsonNode update, long index, List<EntityChange> out) {
        String frameworkId = EntityIds.value(update.path("framework_id"));
        JsonNode status = update.path("status");
        String taskId = EntityIds.value(status.path("task_id"));
        if (frameworkId.isEmpty() || taskId.isEmpty()) {
            log.warn("Skipping a TASK_UPDATED event without framework_id or status.task_id: {}", update);
            return;
        }
        EntityRef ref = new EntityRef(EntityKind.TASK, EntityIds.taskKey(frameworkId, taskId));
        Entry entry = entries.get(ref);
        ObjectNode task;
        if (entry != null && entry.json() != null) {
            task = (ObjectNode) parse(entry.json());
        } else {
            // Not seen before (e.g. added while this task was down and not yet reconciled): publish what is known.
            task = JSON.createObjectNode();
            task.set("task_id", status.path("task_id").deepCopy());
            task.set("framework_id", update.path("framework_id").deepCopy());
            copyIfPresent(status, task, "agent_id");
            copyIfPresent(status, task, "executor_id");
        }
        JsonNode state = update.hasNonNull("state") ? update.get("state") : status.path("state");
        if (!state.isMissingNode()) {
            task.set("state", state.deepCopy());
        }
        ArrayNode statuses = task.has("statuses") && task.get("statuses").isArray()
                ? (ArrayNode) task.get("statuses") : task.putArray("statuses");
        statuses.add(status.deepCopy());
        upsertLive(EntityKind.TASK, ref.key(), task, index, out, "TASK_UPDATED");
    }

    private static void copyIfPresent(JsonNode from, ObjectNode to, String field) {
        if (from.hasNonNull(field)) {
            to.set(field, from.get(field).deepCopy());
        }
    }

    private void upsertLive(EntityKind kind, String key, JsonNode value, long index, List<EntityChange> out,
                            String eventType) {
        if (!value.isObject() || key.isEmpty() || key.startsWith("/") || key.endsWith("/") || key.contains("//")) {
            log.warn("Skipping a {} event without the ids of its {}: {}", eventType, kind, value);
            return;
        }
        EntityRef ref = new EntityRef(kind, key);
        touched.put(ref, index);
        long digest = ContentDigest.of(kind, value);
        store(ref, value, digest);
        PublishedEntry last = published.get(ref);
        if (last != null && last.digest() == digest) {
            return;
        }
        emit(new EntityChange(ref, last == null ? ChangeOp.CREATE : ChangeOp.UPDATE, value, digest, false, false),
                out);
    }

    private static byte[] bytes(JsonNode value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
