package io.kafkaconnect.mesos.source.state;

/** How one snapshot is turned into records. */
public enum SnapshotPolicy {
    /** Every entity as READ; vanished ones as reconciled DELETE ({@code snapshot.mode=always}). */
    READ_ALL,
    /** Entities new or changed since they were last published, as READ ({@code initial}'s first snapshot, possibly resumed). */
    READ_CHANGES,
    /** Only differences, as reconciled CREATE / UPDATE / DELETE (after a reconnect, failover, restart, or a poll). */
    RECONCILE,
    /** Nothing is emitted; the snapshot becomes the baseline ({@code never}'s first snapshot). */
    BASELINE
}
