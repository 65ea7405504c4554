package io.kafkaconnect.mesos.client;

import java.util.Optional;

import org.apache.mesos.v1.master.Protos.Call;

/** Operator API features that appeared after Mesos 1.0, each with the first release that has it (facts §3, §4.2). */
public enum MesosFeature {
    /** AGENT_ADDED / AGENT_REMOVED events. */
    AGENT_EVENTS(1, 1),
    /** FRAMEWORK_ADDED / _UPDATED / _REMOVED events. */
    FRAMEWORK_EVENTS(1, 4),
    /** HEARTBEAT events and {@code heartbeat_interval_seconds} in SUBSCRIBED. */
    HEARTBEATS(1, 5),
    TEARDOWN(1, 5),
    MARK_AGENT_GONE(1, 5),
    /** GET_OPERATIONS. */
    OPERATIONS(1, 6),
    GROW_SHRINK_VOLUME(1, 6),
    /** {@code --max_operator_event_stream_subscribers}: the oldest stream is closed beyond the limit. */
    MAX_STREAM_SUBSCRIBERS(1, 8),
    AGENT_DRAIN(1, 9),
    /** DEACTIVATE_AGENT and REACTIVATE_AGENT. */
    AGENT_DEACTIVATE(1, 9),
    /** UPDATE_QUOTA (the enum exists in 1.8 but answers 501 there) and {@code configs} in GET_QUOTA. */
    UPDATE_QUOTA(1, 9),
    /** {@code source} in RESERVE_RESOURCES (reservation updates). */
    RESERVE_SOURCE(1, 10);

    private final MesosVersion since;

    MesosFeature(int major, int minor) {
        this.since = MesosVersion.of(major, minor, 0);
    }

    /** The first Mesos release with this feature. */
    public MesosVersion since() {
        return since;
    }

    /** True if a master of {@code version} has this feature. */
    public boolean supportedBy(MesosVersion version) {
        return version.compareTo(since) >= 0;
    }

    /** The feature a call type needs, if it is newer than the 1.0 API. */
    public static Optional<MesosFeature> requiredBy(Call.Type type) {
        return Optional.ofNullable(switch (type) {
            case TEARDOWN -> TEARDOWN;
            case MARK_AGENT_GONE -> MARK_AGENT_GONE;
            case GET_OPERATIONS -> OPERATIONS;
            case GROW_VOLUME, SHRINK_VOLUME -> GROW_SHRINK_VOLUME;
            case DRAIN_AGENT -> AGENT_DRAIN;
            case DEACTIVATE_AGENT, REACTIVATE_AGENT -> AGENT_DEACTIVATE;
            case UPDATE_QUOTA -> UPDATE_QUOTA;
            default -> null;
        });
    }
}
