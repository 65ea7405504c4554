package io.kafkaconnect.mesos.bench.stream;

import java.io.IOException;
import java.io.InputStream;

import org.apache.mesos.v1.master.Protos.Event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.kafkaconnect.mesos.bench.Blackhole;
import io.kafkaconnect.mesos.client.MesosClientConfig;
import io.kafkaconnect.mesos.client.recordio.RecordIoReader;

/** The floor: RecordIO framing plus a bare parse of each record, keeping nothing. */
public final class RawParse {

    /** How each record is parsed. */
    enum Kind {
        JSON_STREAMING("Jackson streaming parse (every token)"),
        JSON_TREE("Jackson tree parse (readTree)"),
        PROTOBUF("Event.parseFrom");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private RawParse() {
    }

    static long acceptAll(InputStream framed, Kind kind, Blackhole sink) throws IOException {
        RecordIoReader reader = new RecordIoReader(framed, MesosClientConfig.DEFAULT_MAX_RECORD_BYTES,
                MesosClientConfig.DEFAULT_MAX_SNAPSHOT_BYTES);
        long events = 0;
        byte[] record;
        while ((record = reader.next()) != null) {
            switch (kind) {
                case JSON_STREAMING -> sink.consume(tokens(record));
                case JSON_TREE -> sink.consume(MAPPER.readTree(record));
                case PROTOBUF -> sink.consume(Event.parseFrom(record));
            }
            events++;
        }
        return events;
    }

    /** Walks every token, reading each value (a parse that materializes nothing). */
    static long tokens(byte[] json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return walk(parser);
        }
    }

    /** The same walk over a record read as a stream (the snapshot's raw baseline). */
    public static long tokens(InputStream json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return walk(parser);
        }
    }

    private static long walk(JsonParser parser) throws IOException {
        long count = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            if (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) {
                count += parser.getText().length();
            } else if (token.isNumeric()) {
                count += parser.getNumberValue().hashCode();
            }
            count++;
        }
        return count;
    }
}
