package io.kafkaconnect.mesos.source.state;

import java.util.Locale;

/**
 * The {@code snapshot.mode} setting. Mesos has no resume token: every SUBSCRIBE starts with a full snapshot. The mode
 * decides how much of it is published.
 */
public enum SnapshotMode {
    /** Publish the whole first snapshot (as READ); later snapshots publish only differences. The default. */
    INITIAL,
    /** Publish every snapshot in full (as READ), plus deletions. */
    ALWAYS,
    /** Never publish a snapshot in full: the first one is a silent baseline, later ones publish only differences. */
    NEVER;

    /** The policy for a SUBSCRIBED snapshot, given whether a first snapshot has already completed. */
    public SnapshotPolicy policyFor(boolean firstSnapshotDone) {
        return switch (this) {
            case ALWAYS -> SnapshotPolicy.READ_ALL;
            case INITIAL -> firstSnapshotDone ? SnapshotPolicy.RECONCILE : SnapshotPolicy.READ_CHANGES;
            case NEVER -> firstSnapshotDone ? SnapshotPolicy.RECONCILE : SnapshotPolicy.BASELINE;
        };
    }

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SnapshotMode fromConfig(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
