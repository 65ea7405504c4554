package io.kafkaconnect.mesos.client;

import java.io.IOException;

import org.apache.mesos.v1.master.Protos.Event;

import com.google.protobuf.InvalidProtocolBufferException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kafkaconnect.mesos.codec.Decoded;
import io.kafkaconnect.mesos.codec.Encoding;
import io.kafkaconnect.mesos.codec.MesosJson;
import io.kafkaconnect.mesos.codec.MesosProto;

/**
 * One record of the SUBSCRIBE stream, kept losslessly: the raw bytes as received, a Mesos-JSON tree of them, the
 * event type name as sent (also for types this client's model does not know), and a lazily decoded typed view.
 * A record that cannot be read at all is still returned, with {@link #failure()} set and an empty tree, so that the
 * caller can route it aside instead of losing it.
 */
public final class MesosEvent {

    /** The type reported when a record names none. */
    public static final String UNKNOWN_TYPE = "UNKNOWN";

    private final byte[] raw;
    private final Encoding encoding;
    private final long receivedAtMillis;
    private final JsonNode json;
    private final String type;
    private final String failure;
    private volatile Decoded<Event> typed;

    private MesosEvent(byte[] raw, Encoding encoding, long receivedAtMillis, JsonNode json, String failure,
                       Decoded<Event> typed) {
        this.raw = raw;
        this.encoding = encoding;
        this.receivedAtMillis = receivedAtMillis;
        this.json = json;
        this.failure = failure;
        this.typed = typed;
        JsonNode typeNode = json.get("type");
        this.type = typeNode != null && typeNode.isTextual() && !typeNode.asText().isEmpty() ? typeNode.asText()
                : UNKNOWN_TYPE;
    }

    /** Reads one record in the stream's encoding. Never throws for bad content; see {@link #failure()}. */
    public static MesosEvent of(byte[] raw, Encoding encoding, long receivedAtMillis) {
        if (encoding == Encoding.PROTOBUF) {
            Event message;
            try {
                message = Event.parser().parsePartialFrom(raw);
            } catch (InvalidProtocolBufferException | RuntimeException | StackOverflowError e) {
                Decoded<Event> failed = MesosProto.fromBytes(raw, Event.getDefaultInstance());
                return new MesosEvent(raw, encoding, receivedAtMillis, emptyTree(), failed.failure(), failed);
            }
            try {
                // The typed view, with its report of missing and unknown fields, is decoded again only if asked for.
                return new MesosEvent(raw, encoding, receivedAtMillis, MesosJson.toTree(message), null, null);
            } catch (RuntimeException e) {
                // Not expected from the codec; kept so that one odd record costs the caller nothing but that record.
                return new MesosEvent(raw, encoding, receivedAtMillis, emptyTree(),
                        "cannot convert the protobuf event to JSON: " + e, null);
            }
        }
        try {
            JsonNode tree = MesosJson.mapper().readTree(raw);
            if (tree == null || !tree.isObject()) {
                String got = tree == null || tree.isMissingNode() ? "an empty record" : "JSON " + tree.getNodeType();
                return new MesosEvent(raw, encoding, receivedAtMillis, emptyTree(),
                        "expected a JSON object, got " + got, null);
            }
            return new MesosEvent(raw, encoding, receivedAtMillis, tree, null, null);
        } catch (IOException e) {
            return new MesosEvent(raw, encoding, receivedAtMillis, emptyTree(), "malformed JSON: " + e.getMessage(),
                    null);
        }
    }

    private static ObjectNode emptyTree() {
        return MesosJson.mapper().createObjectNode();
    }

    /** The {@code type} as sent, e.g. {@code TASK_UPDATED}; {@value #UNKNOWN_TYPE} if the record names none. */
    public String type() {
        return type;
    }

    /** The event as a Mesos-JSON tree (snake_case names, enum names); empty if the record could not be read. */
    public JsonNode json() {
        return json;
    }

    /** The record's bytes exactly as received. Do not modify. */
    public byte[] raw() {
        return raw;
    }

    public Encoding encoding() {
        return encoding;
    }

    /** The typed, leniently decoded event; decoded on first use. */
    public Decoded<Event> typed() {
        Decoded<Event> result = typed;
        if (result == null) {
            if (failure != null) {
                result = Decoded.failed(failure, java.util.List.of());
            } else if (encoding == Encoding.PROTOBUF) {
                result = MesosProto.fromBytes(raw, Event.getDefaultInstance());
            } else {
                result = MesosJson.fromJson(json, Event.getDefaultInstance());
            }
            typed = result;
        }
        return result;
    }

    /** Why the record could not be read at all, or null if it was. */
    public String failure() {
        return failure;
    }

    /** True if the record was read into a tree. */
    public boolean wellFormed() {
        return failure == null;
    }

    public int sizeBytes() {
        return raw.length;
    }

    public long receivedAtMillis() {
        return receivedAtMillis;
    }

    @Override
    public String toString() {
        return "MesosEvent[type=" + type + ", encoding=" + encoding + ", bytes=" + raw.length
                + (failure == null ? "" : ", failure=" + failure) + "]";
    }
}
