package io.kafkaconnect.mesos.source.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Diffs a snapshot against what was last published and yields the records that make the entity topics equal to the
 * master's state: missed adds and updates, and removals, synthesized and marked as reconciled (or as READ rows, as the
 * {@link SnapshotPolicy} asks). Unchanged entities are not re-emitted unless the policy is {@link SnapshotPolicy#READ_ALL}.
 * Entities of agents that are still recovering after a failover are held back, not removed.
 */
final class SnapshotReconciler {

    private static final List<EntityKind> UPSERT_ORDER =
            List.of(EntityKind.AGENT, EntityKind.FRAMEWORK, EntityKind.EXECUTOR, EntityKind.TASK);
    private static final List<EntityKind> DELETE_ORDER =
            List.of(EntityKind.TASK, EntityKind.EXECUTOR, EntityKind.FRAMEWORK, EntityKind.AGENT);

    private final EntityModel model;

    SnapshotReconciler(EntityModel model) {
        this.model = model;
    }

    List<EntityChange> reconcile(ClusterSnapshot snapshot, SnapshotPolicy policy, long touchedAfter, Instant now) {
        if (snapshot.covers(EntityKind.AGENT)) {
            model.holds().observe(snapshot.recoveredAgentIds(), now);
        }
        List<EntityChange> out = new ArrayList<>();
        for (EntityKind kind : UPSERT_ORDER) {
            if (snapshot.covers(kind)) {
                upserts(kind, snapshot.entities(kind), policy, touchedAfter, out);
            }
        }
        Set<String> heldFrameworks = model.heldFrameworks();
        for (EntityKind kind : DELETE_ORDER) {
            if (snapshot.covers(kind)) {
                removals(kind, snapshot.entities(kind), heldFrameworks, touchedAfter, out);
            }
        }
        return out;
    }

    private void upserts(EntityKind kind, Map<String, JsonNode> entities, SnapshotPolicy policy, long touchedAfter,
                         List<EntityChange> out) {
        PublishedState published = model.published();
        for (Map.Entry<String, JsonNode> e : entities.entrySet()) {
            EntityRef ref = new EntityRef(kind, e.getKey());
            if (model.touchedAfter(ref, touchedAfter)) {
                continue;
            }
            JsonNode value = e.getValue();
            long digest = ContentDigest.of(kind, value);
            model.store(ref, value, digest);
            PublishedEntry last = published.get(ref);
            boolean changed = last == null || last.digest() != digest;
            switch (policy) {
                case BASELINE -> published.put(ref, new PublishedEntry(digest, EntityIds.agentOf(kind, value),
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
    }

    private void removals(EntityKind kind, Map<String, JsonNode> present, Set<String> heldFrameworks,
                          long touchedAfter, List<EntityChange> out) {
        for (EntityRef ref : model.refs(kind)) {
            if (present.containsKey(ref.key()) || model.touchedAfter(ref, touchedAfter)) {
                continue;
            }
            if (isHeld(ref, heldFrameworks)) {
                model.markHeld(ref);
            } else if (model.published().contains(ref)) {
                model.delete(ref, Long.MIN_VALUE, true, out);
            } else {
                model.forget(ref);
            }
        }
    }

    private boolean isHeld(EntityRef ref, Set<String> heldFrameworks) {
        return switch (ref.kind()) {
            case AGENT, TASK, EXECUTOR -> model.holds().isHeld(model.agentOf(ref));
            case FRAMEWORK -> heldFrameworks.contains(ref.key());
            default -> false;
        };
    }
}
