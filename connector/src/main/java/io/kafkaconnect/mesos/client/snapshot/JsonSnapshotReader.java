package io.kafkaconnect.mesos.client.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kafkaconnect.mesos.codec.MesosJson;

/**
 * {@link SnapshotReader} for a JSON record: a streaming parse that builds a tree for one entity at a time and for the
 * small fields outside {@code get_state}; everything else is skipped token by token. Field order does not matter.
 */
final class JsonSnapshotReader implements SnapshotReader {

    /** Where the parser is: the objects entered so far, then the entity list being read. */
    private enum Level { EVENT, SUBSCRIBED, GET_STATE, GROUP, LIST }

    private static final ObjectReader VALUES = MesosJson.mapper().reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final InputStream in;
    private JsonParser parser;
    private final ObjectNode envelope = MesosJson.mapper().createObjectNode();
    private final Deque<Level> levels = new ArrayDeque<>();
    private ObjectNode envelopeSubscribed;
    private String group;
    private SnapshotSection section;
    private boolean started;
    private boolean finished;

    JsonSnapshotReader(InputStream in) {
        this.in = in;
    }

    @Override
    public SnapshotEntity next() throws IOException {
        try {
            return advance();
        } catch (JsonProcessingException e) {
            long at = parser == null ? 0 : parser.currentLocation().getByteOffset();
            throw new SnapshotFormatException("malformed JSON in the SUBSCRIBED record at byte " + at + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    private SnapshotEntity advance() throws IOException {
        if (finished) {
            return null;
        }
        if (!started) {
            started = true;
            parser = MesosJson.mapper().createParser(in); // reads the first bytes to detect the encoding
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new SnapshotFormatException("the SUBSCRIBED record is not a JSON object");
            }
            levels.push(Level.EVENT);
        }
        while (true) {
            if (levels.peek() == Level.LIST) {
                JsonToken token = parser.nextToken();
                if (token == JsonToken.END_ARRAY) {
                    levels.pop();
                    continue;
                }
                long start = parser.currentTokenLocation().getByteOffset();
                JsonNode value = readValue();
                if (value == null || !value.isObject()) {
                    throw new SnapshotFormatException("an element of the SUBSCRIBED record's get_state." + group
                            + "." + section.list() + " is not an object at byte " + start);
                }
                return new SnapshotEntity(section, value, parser.currentLocation().getByteOffset() - start);
            }
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new SnapshotFormatException("the SUBSCRIBED record ends inside its JSON");
            }
            if (token == JsonToken.END_OBJECT) {
                levels.pop();
                if (levels.isEmpty()) {
                    if (parser.nextToken() != null) {
                        throw new SnapshotFormatException("content after the SUBSCRIBED record's JSON object");
                    }
                    finished = true;
                    return null;
                }
                continue;
            }
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            enter(levels.peek(), name, value);
        }
    }

    /** Descends into the field just read, keeps it in the envelope, or skips it. */
    private void enter(Level level, String name, JsonToken value) throws IOException {
        switch (level) {
            case EVENT -> {
                if (name.equals("subscribed") && value == JsonToken.START_OBJECT) {
                    envelopeSubscribed = envelope.putObject("subscribed");
                    levels.push(Level.SUBSCRIBED);
                } else {
                    envelope.set(name, readValue());
                }
            }
            case SUBSCRIBED -> {
                if (name.equals("get_state") && value == JsonToken.START_OBJECT) {
                    levels.push(Level.GET_STATE);
                } else {
                    envelopeSubscribed.set(name, readValue());
                }
            }
            case GET_STATE -> {
                if (SnapshotSection.isGroup(name) && value == JsonToken.START_OBJECT) {
                    group = name;
                    levels.push(Level.GROUP);
                } else {
                    parser.skipChildren();
                }
            }
            case GROUP -> {
                section = SnapshotSection.of(group, name);
                if (section != null && value == JsonToken.START_ARRAY) {
                    levels.push(Level.LIST);
                } else {
                    parser.skipChildren();
                }
            }
            default -> throw new IllegalStateException("no field can be read in " + level);
        }
    }

    /** The value at the current token, as a tree (the mapper's own check for trailing tokens is for whole documents). */
    private JsonNode readValue() throws IOException {
        return VALUES.readTree(parser);
    }

    @Override
    public ObjectNode envelope() {
        if (!finished) {
            throw new IllegalStateException("the SUBSCRIBED record was not read to its end");
        }
        return envelope;
    }
}
