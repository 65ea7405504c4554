package io.kafkaconnect.mesos.source.state;

import java.util.Set;

/**
 * The kinds of entity the source keeps on compacted topics, each with its topic suffix and the top-level fields that are
 * left out of change detection because Mesos changes them without anything worth a new record (offers, allocations,
 * the status history of a task).
 */
public enum EntityKind {
    TASK("tasks", Set.of("statuses", "status_update_state", "status_update_uuid")),
    AGENT("agents", Set.of("offered_resources", "allocated_resources")),
    FRAMEWORK("frameworks", Set.of("offers", "inverse_offers", "offered_resources", "allocated_resources")),
    EXECUTOR("executors", Set.of()),
    ROLE("roles", Set.of()),
    QUOTA("quota", Set.of()),
    MAINTENANCE("maintenance", Set.of()),
    MASTER("master", Set.of()),
    OPERATION("operations", Set.of());

    /** The kinds whose existence the SUBSCRIBE stream reports; only the stream task writes their topics. */
    public static final Set<EntityKind> STREAMED = Set.of(TASK, AGENT, FRAMEWORK, EXECUTOR);

    private final String topicSuffix;
    private final Set<String> volatileFields;

    EntityKind(String topicSuffix, Set<String> volatileFields) {
        this.topicSuffix = topicSuffix;
        this.volatileFields = volatileFields;
    }

    public String topicSuffix() {
        return topicSuffix;
    }

    /** Top-level fields ignored by {@link ContentDigest}. */
    public Set<String> volatileFields() {
        return volatileFields;
    }
}
