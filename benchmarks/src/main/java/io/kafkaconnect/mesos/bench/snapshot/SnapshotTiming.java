package io.kafkaconnect.mesos.bench.snapshot;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.kafka.connect.source.SourceRecord;
import org.apache.mesos.v1.master.Protos.Event;

import io.kafkaconnect.mesos.bench.Forked;
import io.kafkaconnect.mesos.bench.HeapWatcher;
import io.kafkaconnect.mesos.bench.stream.RawParse;
import io.kafkaconnect.mesos.client.MesosEvent;
import io.kafkaconnect.mesos.codec.Encoding;
import io.kafkaconnect.mesos.source.SourceTaskMetrics;
import io.kafkaconnect.mesos.source.StreamPipeline;

/**
 * Forked part of the big-snapshot benchmark: one SUBSCRIBED record, read from a file, through the connector's path
 * (decode, reconcile, one record per entity) against a raw streaming parse of the same bytes, in alternating rounds;
 * then an identical resnapshot (nothing to re-emit); then what the decoded event and the records retain on the heap.
 * Reports with {@link Forked#result}. Arguments: {@code <file> <json|protobuf> <rounds>}.
 */
public final class SnapshotTiming {

    private SnapshotTiming() {
    }

    public static void main(String[] args) throws Exception {
        byte[] bytes = Files.readAllBytes(Path.of(args[0]));
        Encoding encoding = Encoding.fromConfig(args[1]);
        int rounds = Integer.parseInt(args[2]);
        long idle = HeapWatcher.settledHeap();
        try (SourceTaskMetrics metrics = new SourceTaskMetrics("benchmark-snapshot", 0);
             HeapWatcher heap = new HeapWatcher()) {
            long bestConnector = Long.MAX_VALUE;
            long bestRaw = Long.MAX_VALUE;
            long bestResnapshot = Long.MAX_VALUE;
            int records = 0;
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                long sink = encoding == Encoding.JSON ? RawParse.tokens(new ByteArrayInputStream(bytes))
                        : Event.parseFrom(bytes).getSerializedSize();
                bestRaw = Math.min(bestRaw, System.nanoTime() - start);

                StreamPipeline pipeline = new StreamPipeline(encoding, metrics);
                start = System.nanoTime();
                List<SourceRecord> out = pipeline.accept(bytes);
                bestConnector = Math.min(bestConnector, System.nanoTime() - start);
                records = out.size();
                out = null;
                start = System.nanoTime();
                int again = pipeline.accept(bytes).size();
                bestResnapshot = Math.min(bestResnapshot, System.nanoTime() - start);
                Forked.result("round" + round, (sink & 1) + " " + again);
            }
            Forked.result("raw_ms", bestRaw / 1e6);
            Forked.result("connector_ms", bestConnector / 1e6);
            Forked.result("resnapshot_ms", bestResnapshot / 1e6);
            Forked.result("records", records);
            Forked.result("peak_live_above_idle_mb", (heap.maxAfterGc() - idle) / 1e6);
        }
        retained(bytes, encoding);
    }

    /** Heap held, each on its own: the decoded event (raw bytes and JSON tree), and the records of one snapshot. */
    private static void retained(byte[] bytes, Encoding encoding) throws Exception {
        long base = HeapWatcher.settledHeap();
        MesosEvent event = MesosEvent.of(bytes.clone(), encoding, 0);
        Forked.result("decoded_event_mb", (HeapWatcher.settledHeap() - base) / 1e6);
        Forked.result("decoded_event_type", event.type());
        event = null;
        try (SourceTaskMetrics metrics = new SourceTaskMetrics("benchmark-retained", 0)) {
            base = HeapWatcher.settledHeap();
            StreamPipeline pipeline = new StreamPipeline(encoding, metrics);
            List<SourceRecord> records = pipeline.accept(bytes);
            Forked.result("records_and_model_mb", (HeapWatcher.settledHeap() - base) / 1e6);
            Forked.result("records_retained", records.size());
        }
    }
}
