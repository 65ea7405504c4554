package io.kafkaconnect.mesos.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.source.SourceRecord;

import io.kafkaconnect.mesos.client.MesosClientConfig;
import io.kafkaconnect.mesos.client.MesosEvent;
import io.kafkaconnect.mesos.client.recordio.RecordIoReader;
import io.kafkaconnect.mesos.codec.Encoding;
import io.kafkaconnect.mesos.source.state.EntityModel;
import io.kafkaconnect.mesos.source.state.PublishedState;
import io.kafkaconnect.mesos.source.state.RecoveryHolds;
import io.kafkaconnect.mesos.source.state.SnapshotMode;
import io.kafkaconnect.mesos.source.stream.StreamEvent;
import io.kafkaconnect.mesos.source.stream.StreamItem;

/**
 * The stream task's decode-and-convert path, for the benchmarks (in the connector's package, since its parts are
 * package-private): RecordIO framing, the client's event decoding ({@link MesosEvent}), then the task thread's
 * {@link StreamProcessor} (entity model, reconciliation, {@link RecordFactory}) into {@link SourceRecord}s. Only the
 * network, the hand-off queue and the Kafka producer are left out. Default settings of a fresh connector.
 */
public final class StreamPipeline {

    private static final long GENERATION = 1;
    private static final String STREAM_ID = "benchmark";

    private final Encoding encoding;
    private final StreamProcessor processor;
    private long index;
    private long sequence;

    public StreamPipeline(Encoding encoding, SourceTaskMetrics metrics) {
        this.encoding = encoding;
        MesosSourceConnectorConfig defaults = new MesosSourceConnectorConfig(Map.of(
                "mesos.master.urls", "http://127.0.0.1:5050", "kafka.bootstrap.servers", "127.0.0.1:9092"));
        EntityModel model = new EntityModel(new PublishedState(), new RecoveryHolds(
                defaults.duration(MesosSourceConnectorConfig.RECOVERED_AGENT_TIMEOUT_MS)));
        processor = new StreamProcessor(model, new RecordFactory(defaults.topicPrefix()), SnapshotMode.INITIAL, false,
                defaults.getBoolean(MesosSourceConnectorConfig.HEARTBEAT_TOPIC_ENABLED),
                defaults.getInt(MesosSourceConnectorConfig.EVENTS_SNAPSHOT_MAX_BYTES), true, metrics);
        processor.handle(new StreamItem.Opened(GENERATION, STREAM_ID, "http://127.0.0.1:5050", "benchmark-master"));
    }

    /** One record of the stream, as the client decodes it and the task turns it into records. */
    public List<SourceRecord> accept(byte[] record) {
        MesosEvent event = MesosEvent.of(record, encoding, System.currentTimeMillis());
        StreamEvent streamEvent = new StreamEvent(event.type(), event.json(), event.raw(),
                encoding == Encoding.JSON, event.sizeBytes(), event.receivedAtMillis());
        return processor.handle(new StreamItem.Received(GENERATION, STREAM_ID, ++index, sequence++, streamEvent));
    }

    /** Every record of a RecordIO stream; returns how many stream records were read. */
    public long acceptAll(InputStream framed, RecordSink sink) throws IOException {
        RecordIoReader reader = new RecordIoReader(framed, MesosClientConfig.DEFAULT_MAX_RECORD_BYTES,
                MesosClientConfig.DEFAULT_MAX_SNAPSHOT_BYTES);
        long events = 0;
        byte[] record;
        while ((record = reader.next()) != null) {
            sink.accept(accept(record));
            events++;
        }
        return events;
    }

    /** Where the records go (the benchmark keeps them alive just long enough to count them). */
    @FunctionalInterface
    public interface RecordSink {
        void accept(List<SourceRecord> records);
    }
}
