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
import java.util.Objects;
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
 * 100,000 tasks), except the tasks live events touched most recently, which are kept as trees ({@link RecentTasks}) so
 * that a burst of TASK_UPDATED events on one task costs no parse, no serialization and no full digest per update. Stored trees are never
 * modified: an update builds a new task that shares the unchanged parts, and event trees are not modified after
 * decoding. Not thread-safe: the task thread owns it.
 */
public final class EntityModel {

    private static final Logger log = LoggerFactory.getLogger(EntityModel.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TOUCHED_PRUNE_THRESHOLD = 200_000;
    /** Tasks kept as trees: a few MB of heap, enough for the tasks that are starting or stopping at one time. */
    static final int RECENT_TASKS = 2048;

    private final PublishedState published;
    private final RecoveryHolds holds;
    private final Map<EntityRef, Entry> entries = new HashMap<>();
    private final Map<EntityRef, Long> touched = new HashMap<>();
    /** Where a task is here, its tree is its current value and its entry's {@code json} is out of date (or null). */
    private final RecentTasks recent = new RecentTasks(RECENT_TASKS, this::compact);
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

    /** The stored JSON of an entity (a copy the caller may change), or null. */
    public JsonNode get(EntityRef ref) {
        JsonNode tree = recent.tree(ref);
        if (tree != null) {
            return tree.deepCopy();
        }
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
        JsonNode tree = recent.tree(ref);
        if (tree != null) {
            compact(ref, tree);
        }
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
        if (unchanged(ref, digest)) {
            return;
        }
        recent.remove(ref);
        put(ref, value, bytes(value), digest);
    }

    /** Like {@link #store}, but keeps the task as a tree among the {@link RecentTasks}. */
    private void storeRecent(EntityRef ref, JsonNode task, ContentDigest.TaskBase base, long digest) {
        if (unchanged(ref, digest)) {
            return;
        }
        put(ref, task, null, digest);
        recent.put(ref, task, base);
    }

    /** True when a version with the same digest is stored (then the stored one is kept, saving its re-encoding). */
    private boolean unchanged(EntityRef ref, long digest) {
        Entry existing = entries.get(ref);
        return existing != null && !existing.held() && existing.digest() == digest
                && (existing.json() != null || recent.contains(ref));
    }

    private void put(EntityRef ref, JsonNode value, byte[] json, long digest) {
        String agentId = EntityIds.agentOf(ref.kind(), value);
        String frameworkId = EntityIds.frameworkOf(ref.kind(), value);
        Entry previous = entries.put(ref, new Entry(json, agentId, frameworkId, false, digest));
        if (previous == null || !Objects.equals(previous.agentId(), agentId)
                || !Objects.equals(previous.frameworkId(), frameworkId)) {
            index(ref, agentId, frameworkId);
        }
    }

    /** Writes a tree that leaves (or is read past) the {@link RecentTasks} into its entry as compact JSON. */
    private void compact(EntityRef ref, JsonNode tree) {
        Entry entry = entries.get(ref);
        if (entry != null) {
            entries.put(ref, new Entry(bytes(tree), entry.agentId(), entry.frameworkId(), entry.held(),
                    entry.digest()));
        }
    }

    /** The current value of a stored entity, or null when only its publication is known. */
    private JsonNode current(EntityRef ref, Entry entry) {
        JsonNode tree = recent.tree(ref);
        if (tree != null) {
            return tree;
        }
        return entry == null || entry.json() == null ? null : parse(entry.json());
    }

    void markHeld(EntityRef ref) {
        Entry entry = entries.get(ref);
        entries.put(ref, entry == null
                ? new Entry(null, agentOf(ref), frameworkOf(ref), true, ContentDigest.DELETED)
                : new Entry(entry.json(), entry.agentId(), entry.frameworkId(), true, entry.digest()));
    }

    void forget(EntityRef ref) {
        entries.remove(ref);
        recent.remove(ref);
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
            Entry stored = entries.get(ref);
            if (stored == null || !Objects.equals(stored.agentId(), agentId)
                    || !Objects.equals(stored.frameworkId(), frameworkId)) {
                index(ref, agentId, frameworkId); // else store() indexed it already
            }
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
        JsonNode last = published.contains(ref) ? current(ref, entry) : null;
        recent.remove(ref);
        if (published.contains(ref)) {
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
        RecentTasks.Recent recentTask = recent.get(ref);
        JsonNode stored = recentTask != null ? recentTask.tree() : current(ref, entries.get(ref));
        ObjectNode task = JSON.createObjectNode();
        if (stored != null && stored.isObject()) {
            task.setAll((ObjectNode) stored);
        } else {
            // Not seen before (e.g. added while this task was down and not yet reconciled): publish what is known.
            task.set("task_id", status.path("task_id"));
            task.set("framework_id", update.path("framework_id"));
            copyIfPresent(status, task, "agent_id");
            copyIfPresent(status, task, "executor_id");
        }
        JsonNode state = update.hasNonNull("state") ? update.get("state") : status.path("state");
        if (!state.isMissingNode()) {
            task.set("state", state);
        }
        JsonNode history = task.get("statuses");
        ArrayNode statuses = JSON.createArrayNode();
        if (history != null && history.isArray()) {
            statuses.addAll((ArrayNode) history);
        }
        task.set("statuses", statuses.add(status));
        // Only the state and the statuses changed: the rest of the digest carries over.
        ContentDigest.TaskBase base = recentTask != null ? recentTask.base() : ContentDigest.TaskBase.of(task);
        upsertTask(ref.key(), task, base, index, out, "TASK_UPDATED");
    }

    private static void copyIfPresent(JsonNode from, ObjectNode to, String field) {
        if (from.hasNonNull(field)) {
            to.set(field, from.get(field));
        }
    }

    private void upsertLive(EntityKind kind, String key, JsonNode value, long index, List<EntityChange> out,
                            String eventType) {
        if (kind == EntityKind.TASK) {
            upsertTask(key, value, value.isObject() ? ContentDigest.TaskBase.of(value) : null, index, out, eventType);
            return;
        }
        if (!isValid(kind, key, value, eventType)) {
            return;
        }
        EntityRef ref = new EntityRef(kind, key);
        touched.put(ref, index);
        long digest = ContentDigest.of(kind, value);
        store(ref, value, digest);
        publish(ref, value, digest, out);
    }

    private void upsertTask(String key, JsonNode task, ContentDigest.TaskBase base, long index,
                            List<EntityChange> out, String eventType) {
        if (!isValid(EntityKind.TASK, key, task, eventType)) {
            return;
        }
        EntityRef ref = new EntityRef(EntityKind.TASK, key);
        touched.put(ref, index);
        long digest = ContentDigest.ofTask(base, task);
        storeRecent(ref, task, base, digest);
        publish(ref, task, digest, out);
    }

    private static boolean isValid(EntityKind kind, String key, JsonNode value, String eventType) {
        if (!value.isObject() || key.isEmpty() || key.startsWith("/") || key.endsWith("/") || key.contains("//")) {
            log.warn("Skipping a {} event without the ids of its {}: {}", eventType, kind, value);
            return false;
        }
        return true;
    }

    /** Emits the entity unless it was published with the same digest. */
    private void publish(EntityRef ref, JsonNode value, long digest, List<EntityChange> out) {
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
