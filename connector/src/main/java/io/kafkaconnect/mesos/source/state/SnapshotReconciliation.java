package io.kafkaconnect.mesos.source.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.kafkaconnect.mesos.client.snapshot.SnapshotSection;

/**
 * Reconciles one snapshot (a SUBSCRIBED, a polled GET_STATE, or a partial one such as GET_TASKS) against what was
 * published, one entity at a time, so that a snapshot of a whole cluster never has to be held at once. Yields the
 * changes that make the entity topics equal to the master's state: missed adds and updates, then removals, as the
 * {@link SnapshotPolicy} asks. Unchanged entities are not re-emitted unless the policy is {@link SnapshotPolicy#READ_ALL}.
 *
 * <p>Normalization follows what the live stream does: a removed framework (in {@code completed_frameworks}) takes its
 * executors with it; a completed task stays while its framework is live and its agent is known to the master.
 * Entities of agents that are still recovering after a failover ({@code recovered_agents}) are held back, not removed.
 * Those decisions need sections a master writes last (frameworks, agents), so completed tasks and executors are stored
 * in the model as they come but published (or left to the removal pass) only in {@link #finish}, when this snapshot
 * covers those sections.
 *
 * <p>Use: {@link #accept} every entity, then call {@link #finish} until it returns true. Task thread only.
 */
public final class SnapshotReconciliation {

    private static final List<EntityKind> DELETE_ORDER =
            List.of(EntityKind.TASK, EntityKind.EXECUTOR, EntityKind.FRAMEWORK, EntityKind.AGENT);

    private final EntityModel model;
    private final Set<EntityKind> covered;
    private final SnapshotPolicy policy;
    private final long touchedAfter;
    private final Instant now;

    private final Set<EntityRef> present;
    private final Set<String> knownAgents = new HashSet<>();
    private final Set<String> liveFrameworks = new HashSet<>();
    private final Set<String> removedFrameworks = new HashSet<>();
    private final Set<String> recoveredAgents = new HashSet<>();
    private final List<Deferred> deferred = new ArrayList<>();
    private long entities;

    /** Removal pass state: the kind being checked and its refs, taken when the kind's turn comes. */
    private int deferredDone;
    private int deleteKind = -1;
    private List<EntityRef> deleteCandidates = List.of();
    private int deleteDone;
    private Set<String> heldFrameworks;
    private boolean finishing;
    private boolean finished;

    /** A completed task or an executor, already stored, waiting for the sections that decide whether it stays. */
    private record Deferred(EntityRef ref, long digest, String agentId, String frameworkId) {
    }

    SnapshotReconciliation(EntityModel model, Set<EntityKind> covered, SnapshotPolicy policy, long touchedAfter,
                           Instant now) {
        this.model = model;
        this.covered = EnumSet.copyOf(covered);
        this.policy = policy;
        this.touchedAfter = touchedAfter;
        this.now = now;
        this.present = new HashSet<>(Math.max(16, model.size() * 4 / 3 + 1));
        if (!covered.contains(EntityKind.AGENT)) {
            knownAgents.addAll(model.knownAgents());
        }
        if (!covered.contains(EntityKind.FRAMEWORK)) {
            liveFrameworks.addAll(model.liveFrameworks());
        }
    }

    /** Entities accepted so far. */
    public long entities() {
        return entities;
    }

    /** Takes one entity of the snapshot; adds the changes it makes now to {@code out}. */
    public void accept(SnapshotSection section, JsonNode value, List<EntityChange> out) {
        if (finishing) {
            throw new IllegalStateException("the snapshot is already being finished");
        }
        entities++;
        switch (section) {
            case AGENTS -> {
                String key = EntityIds.agentKey(value);
                knownAgents.add(key);
                upsert(EntityKind.AGENT, key, value, out);
            }
            case RECOVERED_AGENTS -> {
                String id = EntityIds.value(value.path("id"));
                if (!id.isEmpty()) {
                    recoveredAgents.add(id);
                    knownAgents.add(id);
                }
            }
            case FRAMEWORKS -> {
                String key = EntityIds.frameworkKey(value);
                liveFrameworks.add(key);
                upsert(EntityKind.FRAMEWORK, key, value, out);
            }
            case COMPLETED_FRAMEWORKS -> removedFrameworks.add(EntityIds.frameworkKey(value));
            case TASKS, UNREACHABLE_TASKS -> upsert(EntityKind.TASK, EntityIds.taskKey(value), value, out);
            case COMPLETED_TASKS -> {
                if (covered.contains(EntityKind.AGENT) || covered.contains(EntityKind.FRAMEWORK)) {
                    defer(EntityKind.TASK, EntityIds.taskKey(value), value);
                } else if (keep(EntityKind.TASK, EntityIds.agentOf(EntityKind.TASK, value),
                        EntityIds.frameworkOf(EntityKind.TASK, value))) {
                    upsert(EntityKind.TASK, EntityIds.taskKey(value), value, out);
                }
            }
            case EXECUTORS -> {
                if (covered.contains(EntityKind.FRAMEWORK)) {
                    defer(EntityKind.EXECUTOR, EntityIds.executorKey(value), value);
                } else {
                    upsert(EntityKind.EXECUTOR, EntityIds.executorKey(value), value, out);
                }
            }
        }
    }

    /**
     * After the last entity: the kept-aside entities, then the removals, adding at most about {@code maxChanges}
     * changes to {@code out} per call.
     *
     * @return true once the snapshot is fully reconciled
     */
    public boolean finish(int maxChanges, List<EntityChange> out) {
        finishing = true;
        long limit = (long) out.size() + maxChanges;
        while (deferredDone < deferred.size()) {
            if (out.size() >= limit) {
                return false;
            }
            Deferred d = deferred.get(deferredDone);
            deferred.set(deferredDone++, null);
            if (keep(d.ref().kind(), d.agentId(), d.frameworkId())) {
                present.add(d.ref());
                publish(d.ref(), model.get(d.ref()), d.digest(), out);
            }
        }
        if (deleteKind < 0) {
            if (covered.contains(EntityKind.AGENT)) {
                model.holds().observe(recoveredAgents, now);
            }
            heldFrameworks = model.heldFrameworks();
        }
        while (true) {
            while (deleteDone < deleteCandidates.size()) {
                if (out.size() >= limit) {
                    return false;
                }
                removeIfGone(deleteCandidates.get(deleteDone++), out);
            }
            if (!nextDeleteKind()) {
                break;
            }
        }
        if (!finished) {
            finished = true;
            model.snapshotApplied(touchedAfter);
        }
        return true;
    }

    private boolean nextDeleteKind() {
        while (++deleteKind < DELETE_ORDER.size()) {
            EntityKind kind = DELETE_ORDER.get(deleteKind);
            if (covered.contains(kind)) {
                deleteCandidates = new ArrayList<>(model.refs(kind));
                deleteDone = 0;
                return true;
            }
        }
        deleteCandidates = List.of();
        return false;
    }

    private boolean keep(EntityKind kind, String agentId, String frameworkId) {
        if (kind == EntityKind.EXECUTOR) {
            return !removedFrameworks.contains(frameworkId == null ? "" : frameworkId);
        }
        return liveFrameworks.contains(frameworkId == null ? "" : frameworkId)
                && (agentId == null || knownAgents.contains(agentId));
    }

    private void defer(EntityKind kind, String key, JsonNode value) {
        EntityRef ref = new EntityRef(kind, key);
        if (model.touchedAfter(ref, touchedAfter)) {
            present.add(ref);
            return;
        }
        long digest = ContentDigest.of(kind, value);
        model.store(ref, value, digest);
        deferred.add(new Deferred(ref, digest, EntityIds.agentOf(kind, value), EntityIds.frameworkOf(kind, value)));
    }

    private void upsert(EntityKind kind, String key, JsonNode value, List<EntityChange> out) {
        EntityRef ref = new EntityRef(kind, key);
        present.add(ref);
        if (model.touchedAfter(ref, touchedAfter)) {
            return;
        }
        long digest = ContentDigest.of(kind, value);
        model.store(ref, value, digest);
        publish(ref, value, digest, out);
    }

    /** Emits the entity as the policy asks, if it is new or changed (or always, for READ_ALL). */
    private void publish(EntityRef ref, JsonNode value, long digest, List<EntityChange> out) {
        EntityKind kind = ref.kind();
        PublishedEntry last = model.published().get(ref);
        boolean changed = last == null || last.digest() != digest;
        switch (policy) {
            case BASELINE -> model.published().put(ref, new PublishedEntry(digest, EntityIds.agentOf(kind, value),
                    EntityIds.frameworkOf(kind, value)));
            case READ_ALL -> model.emit(new EntityChange(ref, ChangeOp.READ, value, digest, false, true), out);
            case READ_CHANGES -> {
                if (changed) {
                    model.emit(new EntityChange(ref, ChangeOp.READ, value, digest, false, true), out);
                }
            }
            case RECONCILE -> {
                if (changed) {
                    ChangeOp op = last == null ? ChangeOp.CREATE : ChangeOp.UPDATE;
                    model.emit(new EntityChange(ref, op, value, digest, true, true), out);
                }
            }
        }
    }

    private void removeIfGone(EntityRef ref, List<EntityChange> out) {
        if (present.contains(ref) || model.touchedAfter(ref, touchedAfter)) {
            return;
        }
        if (isHeld(ref)) {
            model.markHeld(ref);
        } else if (model.published().contains(ref)) {
            model.delete(ref, Long.MIN_VALUE, true, out);
        } else {
            model.forget(ref);
        }
    }

    private boolean isHeld(EntityRef ref) {
        return switch (ref.kind()) {
            case AGENT, TASK, EXECUTOR -> model.holds().isHeld(model.agentOf(ref));
            case FRAMEWORK -> heldFrameworks.contains(ref.key());
            default -> false;
        };
    }
}
