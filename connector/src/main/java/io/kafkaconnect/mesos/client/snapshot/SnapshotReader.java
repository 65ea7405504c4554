package io.kafkaconnect.mesos.client.snapshot;

import java.io.IOException;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a SUBSCRIBED event one entity at a time, so that a snapshot of a whole cluster (hundreds of MB on a large one)
 * never has to be held at once. Entities come in the record's order (a master writes tasks, executors, frameworks, then
 * agents). Not thread-safe.
 */
public interface SnapshotReader {

    /**
     * The next entity of {@code subscribed.get_state}, or null once the whole record was read and found well formed.
     *
     * @throws SnapshotFormatException if the record is malformed (no entity after it can be trusted)
     * @throws IOException             if reading the underlying stream failed
     */
    SnapshotEntity next() throws IOException;

    /**
     * The record without {@code subscribed.get_state} (its type, heartbeat interval, and any other field), as a
     * Mesos-JSON tree. Valid once {@link #next()} returned null.
     */
    ObjectNode envelope();
}
