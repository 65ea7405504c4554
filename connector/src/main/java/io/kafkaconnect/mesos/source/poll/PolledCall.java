package io.kafkaconnect.mesos.source.poll;

import java.time.Duration;

/**
 * The read calls the source polls, each with its group, default interval and config key
 * ({@code poll.<name>.interval.ms}; 0 disables the call).
 */
public enum PolledCall {
    GET_STATE(PollGroup.STATE, "state", Duration.ofMinutes(5)),
    GET_AGENTS(PollGroup.STATE, "agents", Duration.ofSeconds(30)),
    GET_FRAMEWORKS(PollGroup.STATE, "frameworks", Duration.ofMinutes(5)),
    GET_TASKS(PollGroup.STATE, "tasks", Duration.ofMinutes(5)),
    GET_EXECUTORS(PollGroup.STATE, "executors", Duration.ofMinutes(5)),
    GET_METRICS(PollGroup.METRICS, "metrics", Duration.ofSeconds(60)),
    GET_ROLES(PollGroup.ROLES, "roles", Duration.ofSeconds(60)),
    GET_WEIGHTS(PollGroup.ROLES, "weights", Duration.ofSeconds(60)),
    GET_QUOTA(PollGroup.QUOTA, "quota", Duration.ofSeconds(60)),
    GET_MAINTENANCE_SCHEDULE(PollGroup.MAINTENANCE, "maintenance.schedule", Duration.ofSeconds(60)),
    GET_MAINTENANCE_STATUS(PollGroup.MAINTENANCE, "maintenance.status", Duration.ofSeconds(60)),
    GET_MASTER(PollGroup.MASTER, "master", Duration.ofSeconds(60)),
    GET_VERSION(PollGroup.MASTER, "version", Duration.ofMinutes(5)),
    GET_HEALTH(PollGroup.MASTER, "health", Duration.ofSeconds(30)),
    GET_FLAGS(PollGroup.MASTER, "flags", Duration.ofMinutes(5)),
    GET_OPERATIONS(PollGroup.OPERATIONS, "operations", Duration.ofSeconds(60));

    private final PollGroup group;
    private final String configName;
    private final Duration defaultInterval;

    PolledCall(PollGroup group, String configName, Duration defaultInterval) {
        this.group = group;
        this.configName = configName;
        this.defaultInterval = defaultInterval;
    }

    public PollGroup group() {
        return group;
    }

    /** {@code poll.<name>.interval.ms}. */
    public String intervalKey() {
        return "poll." + configName + ".interval.ms";
    }

    public Duration defaultInterval() {
        return defaultInterval;
    }
}
