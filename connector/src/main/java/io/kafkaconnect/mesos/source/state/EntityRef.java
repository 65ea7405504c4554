package io.kafkaconnect.mesos.source.state;

import java.util.Objects;

/** One entity: its kind and its record key (for example {@code TASK, "<framework_id>/<task_id>"}). */
public record EntityRef(EntityKind kind, String key) {
    public EntityRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
    }
}
