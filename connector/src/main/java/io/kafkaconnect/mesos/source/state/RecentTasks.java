package io.kafkaconnect.mesos.source.state;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The tasks live events touched most recently, as trees, least recently used first out. A task gets several
 * TASK_UPDATED events in a short time; keeping its tree, and the digest of the part an update leaves alone, saves a
 * parse, a serialization and most of the digest per update. The trees are treated as immutable: a change is a new tree
 * that shares the unchanged subtrees.
 */
final class RecentTasks {

    /** A task's tree and the {@link ContentDigest.TaskBase} of it. */
    record Recent(JsonNode tree, ContentDigest.TaskBase base) {
    }

    private final Map<EntityRef, Recent> tasks;

    /** @param evicted called with each tree pushed out by a newer one, so its owner can keep it in compact form */
    RecentTasks(int capacity, BiConsumer<EntityRef, JsonNode> evicted) {
        tasks = new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<EntityRef, Recent> eldest) {
                if (size() <= capacity) {
                    return false;
                }
                evicted.accept(eldest.getKey(), eldest.getValue().tree());
                return true;
            }
        };
    }

    Recent get(EntityRef ref) {
        return tasks.get(ref);
    }

    JsonNode tree(EntityRef ref) {
        Recent recent = tasks.get(ref);
        return recent == null ? null : recent.tree();
    }

    boolean contains(EntityRef ref) {
        return tasks.containsKey(ref);
    }

    void put(EntityRef ref, JsonNode tree, ContentDigest.TaskBase base) {
        tasks.put(ref, new Recent(tree, base));
    }

    void remove(EntityRef ref) {
        tasks.remove(ref);
    }
}
