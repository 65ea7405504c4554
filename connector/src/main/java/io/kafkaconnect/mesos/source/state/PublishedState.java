package io.kafkaconnect.mesos.source.state;

import java.util.EnumMap;
import java.util.HashMap;
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
}
