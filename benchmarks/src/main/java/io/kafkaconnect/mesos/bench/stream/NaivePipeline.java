package io.kafkaconnect.mesos.bench.stream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.mesos.v1.master.Protos.Event;

import com.google.protobuf.util.JsonFormat;

import io.kafkaconnect.mesos.bench.Blackhole;
import io.kafkaconnect.mesos.client.MesosClientConfig;
import io.kafkaconnect.mesos.client.recordio.RecordIoReader;
import io.kafkaconnect.mesos.codec.Encoding;

/**
 * What a connector written the obvious way does with each stream record: protobuf-java-util's {@code JsonFormat} to
 * read JSON into an {@link Event} (or {@code Event.parseFrom} for protobuf), then a generic descriptor-driven
 * conversion into one {@link Struct} per event, in one {@link SourceRecord}. No entity topics, no model: strictly less
 * work than the connector does.
 */
final class NaivePipeline {

    private static final Map<String, String> PARTITION = Map.of("stream", "naive");

    private final Encoding encoding;
    private final JsonFormat.Parser parser = JsonFormat.parser().ignoringUnknownFields();
    private final GenericStructConverter converter = new GenericStructConverter();
    private long offset;

    NaivePipeline(Encoding encoding) {
        this.encoding = encoding;
    }

    long acceptAll(InputStream framed, Blackhole sink) throws IOException {
        RecordIoReader reader = new RecordIoReader(framed, MesosClientConfig.DEFAULT_MAX_RECORD_BYTES);
        long events = 0;
        byte[] record;
        while ((record = reader.next()) != null) {
            Event event;
            if (encoding == Encoding.JSON) {
                Event.Builder builder = Event.newBuilder();
                parser.merge(new String(record, StandardCharsets.UTF_8), builder);
                event = builder.build();
            } else {
                event = Event.parseFrom(record);
            }
            Struct value = converter.toStruct(event);
            sink.consume(new SourceRecord(PARTITION, Map.of("offset", ++offset), "mesos.events", null, null, null,
                    value.schema(), value, System.currentTimeMillis()));
            events++;
        }
        return events;
    }
}
