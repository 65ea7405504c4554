package io.kafkaconnect.mesos.source.stream;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.kafkaconnect.mesos.client.snapshot.SnapshotEntity;

/** What the stream reader (and the state polls) hand to the task thread, in order. */
public sealed interface StreamItem {

    /**
     * A stream of the given generation is open; every later {@link Received} of it follows.
     *
     * @param master   the master's URL
     * @param masterId its {@code MasterInfo.id}, or null when it could not be learned
     */
    record Opened(long generation, String streamId, String master, String masterId) implements StreamItem {
    }

    /**
     * An event.
     *
     * @param index    the reader's receive index, increasing across streams
     * @param sequence the event's position in its stream (0 = SUBSCRIBED)
     */
    record Received(long generation, String streamId, long index, long sequence, StreamEvent event)
            implements StreamItem {
    }

    /**
     * Entities of a SUBSCRIBED snapshot streamed in pieces, in record order; the {@link Received} SUBSCRIBED event
     * (without its {@code get_state}) follows the last piece. Call {@link #release()} once the entities are processed:
     * the reader reads ahead only while the released budget allows.
     */
    record SnapshotChunk(long generation, List<SnapshotEntity> entities, Runnable onProcessed) implements StreamItem {
        public void release() {
            onProcessed.run();
        }
    }

    /**
     * The response of a polled read call reconciled against the stream (GET_STATE, GET_AGENTS, ...).
     *
     * @param generation  the stream generation current when the call was sent; a later stream's snapshot supersedes it
     * @param indexAtSend the reader's receive index when the call was sent
     */
    record Polled(long generation, long indexAtSend, String call, JsonNode response, long polledAtMillis, String master,
                  String masterId) implements StreamItem {
    }
}
