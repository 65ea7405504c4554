package io.kafkaconnect.mesos.source.schema;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Headers;

/**
 * Where a record came from: the {@code source} block of every value, mirrored into record headers so that SMT
 * predicates can route on it without parsing the value.
 *
 * @param masterId   id of the master that produced the data ({@code MasterInfo.id}), null if not known yet
 * @param leader     URL of the leading master the connector talked to
 * @param streamId   id the connector gave to the current SUBSCRIBE connection; null for polled rows
 * @param sequence   position of the record within the stream (or poll round), counted by the connector
 * @param snapshot   true for rows taken from a SUBSCRIBED snapshot
 * @param reconciled true for rows synthesized by reconciliation (diffing snapshots), not seen as a live event
 * @param call       the read call that produced a polled row (e.g. {@code GET_QUOTA}); null for the stream
 */
public record SourceInfo(String masterId, String leader, String streamId, long sequence, boolean snapshot,
                         boolean reconciled, String call) {

    /** Prefix of the header names written by {@link #addHeaders(Headers)}, e.g. {@code mesos.master_id}. */
    public static final String HEADER_PREFIX = "mesos.";

    public static final String MASTER_ID = "master_id";
    public static final String LEADER = "leader";
    public static final String STREAM_ID = "stream_id";
    public static final String SEQUENCE = "sequence";
    public static final String SNAPSHOT = "snapshot";
    public static final String RECONCILED = "reconciled";
    public static final String CALL = "call";

    /** The {@code source} struct; every field optional. */
    public static final Schema SCHEMA = SchemaBuilder.struct()
            .name("io.kafkaconnect.mesos.Source")
            .version(1)
            .doc("Provenance of the record: master, stream position and the call that produced it")
            .optional()
            .field(MASTER_ID, optionalString("Id of the master that produced the data (MasterInfo.id)"))
            .field(LEADER, optionalString("URL of the leading master the connector talked to"))
            .field(STREAM_ID, optionalString("Id of the SUBSCRIBE connection; null for polled rows"))
            .field(SEQUENCE, SchemaBuilder.int64().optional()
                    .doc("Position of the record in its stream or poll round, counted by the connector").build())
            .field(SNAPSHOT, optionalBoolean("True for rows taken from a SUBSCRIBED snapshot"))
            .field(RECONCILED, optionalBoolean("True for rows synthesized by reconciliation, not seen as a live "
                    + "event"))
            .field(CALL, optionalString("Read call that produced a polled row, e.g. GET_QUOTA; null for the stream"))
            .build();

    private static Schema optionalString(String doc) {
        return SchemaBuilder.string().optional().doc(doc).build();
    }

    private static Schema optionalBoolean(String doc) {
        return SchemaBuilder.bool().optional().doc(doc).build();
    }

    /** The struct of the block converted last: an event's records (events row, entity rows) share one block. */
    private static volatile Converted lastConverted;

    private record Converted(SourceInfo info, Struct struct) {
    }

    /**
     * This block as a {@link #SCHEMA} struct. Calls on the same block object return the same struct, which the records
     * built from it share: do not modify it.
     */
    public Struct toStruct() {
        Converted last = lastConverted;
        if (last != null && last.info() == this) {
            return last.struct();
        }
        Struct struct = newStruct();
        lastConverted = new Converted(this, struct);
        return struct;
    }

    private Struct newStruct() {
        return new Struct(SCHEMA)
                .put(MASTER_ID, masterId)
                .put(LEADER, leader)
                .put(STREAM_ID, streamId)
                .put(SEQUENCE, sequence)
                .put(SNAPSHOT, snapshot)
                .put(RECONCILED, reconciled)
                .put(CALL, call);
    }

    /**
     * Adds one header per field, named {@link #HEADER_PREFIX} + field name, typed as in {@link #SCHEMA}. Null fields
     * are left out, so {@code HasHeaderKey} predicates see only what is known.
     */
    public void addHeaders(Headers headers) {
        addIfPresent(headers, MASTER_ID, masterId);
        addIfPresent(headers, LEADER, leader);
        addIfPresent(headers, STREAM_ID, streamId);
        headers.addLong(HEADER_PREFIX + SEQUENCE, sequence);
        headers.addBoolean(HEADER_PREFIX + SNAPSHOT, snapshot);
        headers.addBoolean(HEADER_PREFIX + RECONCILED, reconciled);
        addIfPresent(headers, CALL, call);
    }

    private static void addIfPresent(Headers headers, String field, String value) {
        if (value != null) {
            headers.addString(HEADER_PREFIX + field, value);
        }
    }
}
