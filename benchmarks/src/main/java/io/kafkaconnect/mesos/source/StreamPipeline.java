package io.kafkaconnect.mesos.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.source.SourceRecord;

import io.kafkaconnect.mesos.client.MesosClientConfig;
import io.kafkaconnect.mesos.client.MesosEvent;
import io.kafkaconnect.mesos.client.recordio.RecordIoReader;
import io.kafkaconnect.mesos.client.snapshot.SnapshotEntity;
import io.kafkaconnect.mesos.client.snapshot.SnapshotReader;
import io.kafkaconnect.mesos.client.snapshot.SnapshotReaders;
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
    private static final int CHUNK_ENTITIES = 128;
    private static final int MAX_BATCH = 2_000;

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
        List<SourceRecord> records = new ArrayList<>(processor.handle(
                new StreamItem.Received(GENERATION, STREAM_ID, ++index, sequence++, streamEvent)));
        while (processor.hasBacklog()) {
            records.addAll(processor.backlog(MAX_BATCH));
        }
        return records;
    }

    /**
     * A SUBSCRIBED record larger than the archive limit, as the task gets it: read entity by entity
     * ({@link SnapshotReaders#streaming}), handed over in chunks as {@code StreamReader} does, then the event without
     * its {@code get_state}, then the removals a batch at a time. Records go to {@code sink} as they are made.
     */
    public void acceptStreamedSubscribed(InputStream record, long length, RecordSink sink) throws IOException {
        SnapshotReader reader = SnapshotReaders.streaming(record, encoding);
        List<SnapshotEntity> chunk = new ArrayList<>(CHUNK_ENTITIES);
        for (SnapshotEntity entity = reader.next(); entity != null; entity = reader.next()) {
            chunk.add(entity);
            if (chunk.size() == CHUNK_ENTITIES) {
                sink.accept(processor.handle(new StreamItem.SnapshotChunk(GENERATION, chunk, () -> { })));
                chunk = new ArrayList<>(CHUNK_ENTITIES);
            }
        }
        sink.accept(processor.handle(new StreamItem.SnapshotChunk(GENERATION, chunk, () -> { })));
        StreamEvent event = new StreamEvent("SUBSCRIBED", reader.envelope(), null, encoding == Encoding.JSON,
                (int) Math.min(Integer.MAX_VALUE, length), System.currentTimeMillis());
        sink.accept(processor.handle(new StreamItem.Received(GENERATION, STREAM_ID, ++index, sequence++, event)));
        while (processor.hasBacklog()) {
            sink.accept(processor.backlog(MAX_BATCH));
        }
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
