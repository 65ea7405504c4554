package io.kafkaconnect.mesos.source.schema;

/**
 * What a row on an entity topic says about its entity. {@code READ} marks a row taken from a snapshot (SUBSCRIBED) or a
 * poll, as opposed to a change seen live on the event stream.
 */
public enum Op {
    CREATE,
    UPDATE,
    DELETE,
    READ
}
