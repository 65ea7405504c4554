package io.kafkaconnect.mesos.source;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.master.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kafkaconnect.mesos.client.ApiResponse;
import io.kafkaconnect.mesos.client.MesosClient;
import io.kafkaconnect.mesos.source.poll.PolledCall;
import io.kafkaconnect.mesos.source.stream.StreamItem;

/**
 * Performs one polled call and hands its response to the task thread through the same queue as the stream, stamped
 * with the stream generation and receive index at send time (so a STATE poll can be ordered against the stream).
 * Runs on a scheduler thread.
 */
final class PollRunner {

    private static final Logger log = LoggerFactory.getLogger(PollRunner.class);

    private final MesosClient client;
    private final MasterIdentity identity;
    private final BlockingQueue<StreamItem> queue;
    private final LongSupplier generation;
    private final LongSupplier receivedIndex;
    private final long metricsTimeoutMillis;
    private final SourceTaskMetrics metrics;

    PollRunner(MesosClient client, MasterIdentity identity, BlockingQueue<StreamItem> queue, LongSupplier generation,
               LongSupplier receivedIndex, long metricsTimeoutMillis, SourceTaskMetrics metrics) {
        this.client = client;
        this.identity = identity;
        this.queue = queue;
        this.generation = generation;
        this.receivedIndex = receivedIndex;
        this.metricsTimeoutMillis = metricsTimeoutMillis;
        this.metrics = metrics;
    }

    static Call callFor(PolledCall call, long metricsTimeoutMillis) {
        Call.Builder builder = Call.newBuilder().setType(Call.Type.valueOf(call.name()));
        if (call == PolledCall.GET_METRICS) {
            Call.GetMetrics.Builder getMetrics = Call.GetMetrics.newBuilder();
            if (metricsTimeoutMillis > 0) {
                getMetrics.setTimeout(DurationInfo.newBuilder().setNanoseconds(metricsTimeoutMillis * 1_000_000L));
            }
            builder.setGetMetrics(getMetrics);
        }
        return builder.build();
    }

    void run(PolledCall call) {
        long gen = generation.getAsLong();
        long index = receivedIndex.getAsLong();
        long start = System.nanoTime();
        ApiResponse response;
        try {
            response = client.call(callFor(call, metricsTimeoutMillis));
        } catch (RuntimeException e) {
            metrics.pollError();
            throw e;
        }
        metrics.pollLatency(call.name(), (System.nanoTime() - start) / 1_000_000);
        StreamItem.Polled item = new StreamItem.Polled(gen, index, call.name(), response.json(),
                System.currentTimeMillis(), response.master().toString(), identity.idOf(response.master()));
        try {
            if (!queue.offer(item, 30, TimeUnit.SECONDS)) {
                log.warn("Dropping a {} response: the task has not drained its queue for 30 s", call);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
