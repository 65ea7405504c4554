package io.kafkaconnect.mesos.client;

import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import io.kafkaconnect.mesos.client.snapshot.SnapshotEntity;
import io.kafkaconnect.mesos.client.snapshot.SnapshotReader;
import io.kafkaconnect.mesos.codec.Encoding;

/**
 * The first record of an {@link EventStream}, the SUBSCRIBED snapshot, as {@link EventStream#subscribed} gives it:
 * either read whole (a small one, kept with its raw bytes) or streamed entity by entity from the connection (a large
 * one, of which only the fields outside {@code get_state} are kept). Read {@link #next()} until it returns null, then
 * the event's other accessors.
 */
public final class SubscribedRecord {

    private final MesosEvent whole;
    private final SnapshotReader reader;
    private final long sizeBytes;
    private final Encoding encoding;
    private final long receivedAtMillis;
    private final Function<IOException, RuntimeException> readFailure;
    private final Consumer<JsonNode> onComplete;
    private JsonNode envelope;

    private SubscribedRecord(MesosEvent whole, SnapshotReader reader, long sizeBytes, Encoding encoding,
                             long receivedAtMillis, Function<IOException, RuntimeException> readFailure,
                             Consumer<JsonNode> onComplete) {
        this.whole = whole;
        this.reader = reader;
        this.sizeBytes = sizeBytes;
        this.encoding = encoding;
        this.receivedAtMillis = receivedAtMillis;
        this.readFailure = readFailure;
        this.onComplete = onComplete;
    }

    static SubscribedRecord whole(MesosEvent event) {
        return new SubscribedRecord(event, null, event.sizeBytes(), event.encoding(), event.receivedAtMillis(), null,
                null);
    }

    static SubscribedRecord streamed(SnapshotReader reader, long sizeBytes, Encoding encoding, long receivedAtMillis,
                                     Function<IOException, RuntimeException> readFailure,
                                     Consumer<JsonNode> onComplete) {
        return new SubscribedRecord(null, reader, sizeBytes, encoding, receivedAtMillis, readFailure, onComplete);
    }

    /** True when the record is read from the connection entity by entity, false when it was read whole. */
    public boolean streamed() {
        return whole == null;
    }

    /**
     * The next entity of a streamed snapshot, or null once the record was read to its well-formed end (always null for
     * a record read whole: its {@link #json()} holds everything).
     *
     * @throws io.kafkaconnect.mesos.client.snapshot.SnapshotFormatException if the record is malformed
     * @throws MesosException if the connection fails or stalls meanwhile (never a null: a cut snapshot is not complete)
     */
    public SnapshotEntity next() {
        if (whole != null || envelope != null) {
            return null;
        }
        try {
            SnapshotEntity entity = reader.next();
            if (entity == null) {
                envelope = reader.envelope();
                onComplete.accept(envelope);
            }
            return entity;
        } catch (IOException e) {
            throw readFailure.apply(e);
        }
    }

    /** The event as a Mesos-JSON tree: whole, or without {@code subscribed.get_state} when streamed. */
    public JsonNode json() {
        return whole != null ? whole.json() : completed();
    }

    /** The record's bytes as received, or null when it was streamed. */
    public byte[] raw() {
        return whole != null ? whole.raw() : null;
    }

    /** The {@code type} as sent, or {@value MesosEvent#UNKNOWN_TYPE}. */
    public String type() {
        if (whole != null) {
            return whole.type();
        }
        JsonNode type = completed().get("type");
        return type != null && type.isTextual() && !type.asText().isEmpty() ? type.asText() : MesosEvent.UNKNOWN_TYPE;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public Encoding encoding() {
        return encoding;
    }

    public long receivedAtMillis() {
        return receivedAtMillis;
    }

    private JsonNode completed() {
        if (envelope == null) {
            throw new IllegalStateException("the streamed SUBSCRIBED record was not read to its end");
        }
        return envelope;
    }
}
