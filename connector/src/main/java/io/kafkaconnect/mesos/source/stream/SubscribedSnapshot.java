package io.kafkaconnect.mesos.source.stream;

import io.kafkaconnect.mesos.client.snapshot.SnapshotEntity;

/**
 * The first record of a stream, the SUBSCRIBED snapshot: its entities as they are read from the connection (none when
 * the record was read whole), then the event itself.
 */
public interface SubscribedSnapshot {

    /** The next streamed entity; null once the record was read to its well-formed end. */
    SnapshotEntity next() throws Exception;

    /** After {@link #next()} returned null: the event, whole or (when streamed) without {@code get_state}. */
    StreamEvent event();

    /** A first record read whole. */
    static SubscribedSnapshot whole(StreamEvent event) {
        return new SubscribedSnapshot() {
            @Override
            public SnapshotEntity next() {
                return null;
            }

            @Override
            public StreamEvent event() {
                return event;
            }
        };
    }
}
