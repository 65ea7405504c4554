package io.kafkaconnect.mesos.bench.snapshot;

import java.io.ByteArrayInputStream;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.mesos.v1.master.Protos.Event;

import io.kafkaconnect.mesos.bench.Forked;
import io.kafkaconnect.mesos.bench.HeapWatcher;
import io.kafkaconnect.mesos.bench.stream.RawParse;
import io.kafkaconnect.mesos.codec.Encoding;
import io.kafkaconnect.mesos.source.SourceTaskMetrics;
import io.kafkaconnect.mesos.source.StreamPipeline;

/**
 * Forked part of the big-snapshot benchmark: one SUBSCRIBED record, read from a file, through the connector's path for
 * a snapshot over the archive limit (streamed entity by entity, reconciled, one record per entity, records dropped as
 * Kafka would take them) against a raw streaming parse of the same bytes, in alternating rounds; then an identical
 * resnapshot (nothing to re-emit); then what the entity model retains. Reports with {@link Forked#result}. Arguments:
 * {@code <file> <json|protobuf> <rounds>}.
 */
public final class SnapshotTiming {

    private SnapshotTiming() {
    }

    public static void main(String[] args) throws Exception {
        byte[] bytes = Files.readAllBytes(Path.of(args[0]));
        Encoding encoding = Encoding.fromConfig(args[1]);
        int rounds = Integer.parseInt(args[2]);
        long idle = HeapWatcher.settledHeap();
        try (SourceTaskMetrics metrics = new SourceTaskMetrics("benchmark-snapshot", 0)) {
            long bestConnector = Long.MAX_VALUE;
            long bestRaw = Long.MAX_VALUE;
            long bestResnapshot = Long.MAX_VALUE;
            long peak = 0;
            long records = 0;
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                long sink = encoding == Encoding.JSON ? RawParse.tokens(new ByteArrayInputStream(bytes))
                        : Event.parseFrom(bytes).getSerializedSize();
                bestRaw = Math.min(bestRaw, System.nanoTime() - start);
                HeapWatcher.settledHeap(); // the baseline's garbage (a whole decoded Event for protobuf) is not ours

                try (HeapWatcher heap = new HeapWatcher()) {
                    StreamPipeline pipeline = new StreamPipeline(encoding, metrics);
                    start = System.nanoTime();
                    records = snapshot(pipeline, bytes, encoding);
                    bestConnector = Math.min(bestConnector, System.nanoTime() - start);
                    start = System.nanoTime();
                    long again = snapshot(pipeline, bytes, encoding);
                    bestResnapshot = Math.min(bestResnapshot, System.nanoTime() - start);
                    peak = Math.max(peak, heap.maxAfterGc());
                    Forked.result("round" + round, (sink & 1) + " " + again);
                }
            }
            Forked.result("raw_ms", bestRaw / 1e6);
            Forked.result("connector_ms", bestConnector / 1e6);
            Forked.result("resnapshot_ms", bestResnapshot / 1e6);
            Forked.result("records", records);
            Forked.result("peak_live_above_idle_mb", (peak - idle) / 1e6);
        }
        retained(bytes, encoding);
    }

    /** Records the snapshot made; they are dropped as they come, as the producer would take them. */
    private static long snapshot(StreamPipeline pipeline, byte[] bytes, Encoding encoding) throws Exception {
        long[] records = {0};
        pipeline.acceptStreamedSubscribed(new ByteArrayInputStream(bytes), bytes.length,
                batch -> records[0] += batch.size());
        return records[0];
    }

    /** Heap held by the entity model once the snapshot is through. */
    private static void retained(byte[] bytes, Encoding encoding) throws Exception {
        try (SourceTaskMetrics metrics = new SourceTaskMetrics("benchmark-retained", 0)) {
            long base = HeapWatcher.settledHeap();
            StreamPipeline pipeline = new StreamPipeline(encoding, metrics);
            long records = snapshot(pipeline, bytes, encoding);
            Forked.result("model_mb", (HeapWatcher.settledHeap() - base) / 1e6);
            Forked.result("model_entities", records);
            Reference.reachabilityFence(pipeline);
        }
    }
}
