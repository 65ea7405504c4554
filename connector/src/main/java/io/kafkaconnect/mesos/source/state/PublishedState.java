package io.kafkaconnect.mesos.source.state;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the source last published on each compacted entity topic, per key. Rebuilt on task start by reading the topics
 * back ({@link PublishedStateLoader}); kept current as records are produced. Deleted entities are not kept. Not
 * thread-safe: the task thread owns it.
 */
public final class PublishedState {

    private final Map<EntityKind, Map<String, PublishedEntry>> byKind = new EnumMap<>(EntityKind.class);

    public PublishedState() {
        for (EntityKind kind : EntityKind.values()) {
            byKind.put(kind, new HashMap<>());
        }
    }

    public PublishedEntry get(EntityRef ref) {
        return byKind.get(ref.kind()).get(ref.key());
    }

    public boolean contains(EntityRef ref) {
        return byKind.get(ref.kind()).containsKey(ref.key());
    }

    /** Records a published change: a DELETE forgets the key, anything else stores its digest. */
    public void record(EntityChange change, String agentId, String frameworkId) {
        if (change.isDelete()) {
            byKind.get(change.ref().kind()).remove(change.ref().key());
        } else {
            put(change.ref(), new PublishedEntry(change.digest(), agentId, frameworkId));
        }
    }

    public void put(EntityRef ref, PublishedEntry entry) {
        if (entry.digest() == ContentDigest.DELETED) {
            byKind.get(ref.kind()).remove(ref.key());
        } else {
            byKind.get(ref.kind()).put(ref.key(), entry);
        }
    }

    public void remove(EntityRef ref) {
        byKind.get(ref.kind()).remove(ref.key());
    }

    /** The published keys of one kind (a live view; copy before modifying the state while iterating). */
    public Set<String> keys(EntityKind kind) {
        return byKind.get(kind).keySet();
    }

    /** Published entities of {@code kind} owned by {@code agentId} (tasks, executors). */
    public List<String> keysOnAgent(EntityKind kind, String agentId) {
        List<String> keys = new ArrayList<>();
        byKind.get(kind).forEach((key, entry) -> {
            if (agentId.equals(entry.agentId())) {
                keys.add(key);
            }
        });
        return keys;
    }

    /** Published entities of {@code kind} owned by {@code frameworkId} (tasks, executors). */
    public List<String> keysOfFramework(EntityKind kind, String frameworkId) {
        List<String> keys = new ArrayList<>();
        byKind.get(kind).forEach((key, entry) -> {
            if (frameworkId.equals(entry.frameworkId())) {
                keys.add(key);
            }
        });
        return keys;
    }

    public int size(EntityKind kind) {
        return byKind.get(kind).size();
    }

    /** Forgets every entity of the given kinds (an offset reset: the next snapshot is published in full). */
    public void clear(Set<EntityKind> kinds) {
        kinds.forEach(kind -> byKind.get(kind).clear());
    }
}
