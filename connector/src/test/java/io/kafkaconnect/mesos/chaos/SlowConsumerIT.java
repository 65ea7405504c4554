package io.kafkaconnect.mesos.chaos;

import static io.kafkaconnect.mesos.source.it.SourceItSupport.connectorConfig;
import static io.kafkaconnect.mesos.source.it.SourceItSupport.eventually;
import static io.kafkaconnect.mesos.source.it.SourceItSupport.latest;
import static io.kafkaconnect.mesos.source.it.SourceItSupport.metric;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.kafkaconnect.mesos.client.EventStream;
import io.kafkaconnect.mesos.client.MesosClient;
import io.kafkaconnect.mesos.client.MesosClientConfig;
import io.kafkaconnect.mesos.simulator.SimulatedMesosCluster;
import io.kafkaconnect.mesos.simulator.WorkloadConfig;
import io.kafkaconnect.mesos.simulator.WorkloadGenerator;
import io.kafkaconnect.mesos.source.it.ConvergenceCheck;
import io.kafkaconnect.mesos.source.it.SourceItSupport;

/**
 * Slow consumer (issue 6): the value converter stalls (as a broker or schema registry that stops answering would), so
 * the source task's {@code poll()} is not called while the master keeps sending events. Memory must stay bounded: the
 * hand-off queue never exceeds its capacity, and once it has stayed full for {@code stream.queue.full.timeout.ms} the
 * stream is closed, so the master does not buffer for the connector either. Shown by measurement, against a baseline
 * measured in the same run (a subscriber that never reads, whose events the master buffers): the task's queue-depth
 * metric, the events the master holds for open streams, and heap after GC over two halves of the stall. After the stall
 * the entity topics must still converge to the master's state.
 */
class SlowConsumerIT {

    private static final String NAME = "slow-consumer";
    private static final String PREFIX = "slow";
    private static final int CAPACITY = 2_000;
    private static final int STEPS_PER_SEC = 2_000;
    /** Steps of each half of the baseline: the first fills the socket buffers, the second the master's queue. */
    private static final int BASELINE_STEPS = 12_000;
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final double MB = 1024 * 1024;

    private static EmbeddedConnectCluster connect;
    private static SimulatedMesosCluster mesos;

    @BeforeAll
    static void start() {
        mesos = SimulatedMesosCluster.builder().heartbeatInterval(Duration.ofMillis(300)).build().start();
        connect = SourceItSupport.startConnect("slow-consumer-it", false);
    }

    @AfterAll
    static void stop() {
        GatedConverter.reopen();
        if (connect != null) {
            connect.stop();
        }
        if (mesos != null) {
            mesos.close();
        }
    }

    @Test
    void aStalledConverterKeepsTheQueueAndTheHeapBoundedAndTheStreamIsResubscribed() throws Exception {
        ChaosScale scale = ChaosScale.current();
        long started = System.nanoTime();
        int steps = scale.slowConsumerSteps();
        // No framework churn: the master's history stays small, so the heap figures show buffering, not state.
        WorkloadGenerator generator = new WorkloadGenerator(mesos, WorkloadConfig.of(11, 20, 4, 200)
                .withRates(0.005, 0, 0.1));
        generator.populate();
        Map<String, String> props = connectorConfig(connect, mesos, PREFIX);
        props.put("tasks.max", "1");
        props.put("value.converter", GatedConverter.class.getName());
        props.put("stream.queue.capacity", Integer.toString(CAPACITY));
        props.put("stream.queue.full.timeout.ms", "2000");
        connect.configureConnector(NAME, props);
        eventually(WAIT, () -> latest(connect, PREFIX + ".agents").size(), n -> n >= 20, "snapshot published");

        // Baseline: a subscriber that never reads. Once its socket buffers are full, the master keeps every event.
        long baselineGrowth;
        try (MesosClient client = new MesosClient(MesosClientConfig.builder().masterUrls(mesos.masterUrls()).build());
             EventStream unread = client.subscribe()) {
            drive(generator, BASELINE_STEPS, null);
            long buffered = mesos.bufferedEvents();
            drive(generator, BASELINE_STEPS, null);
            baselineGrowth = mesos.bufferedEvents() - buffered;
        }
        eventually(WAIT, mesos::subscriberCount, n -> n == 1, "the baseline subscriber is gone");

        // The stall: two halves of the workload against a connector whose converter blocks.
        GatedConverter.shut();
        long queueFullBefore = metric(NAME, 0, "reconnects-queue_full");
        Sampler firstHalf = new Sampler();
        Sampler secondHalf = new Sampler();
        long stallStart = heapAfterGc();
        drive(generator, steps, firstHalf);
        long stallMiddle = heapAfterGc();
        drive(generator, steps, secondHalf);
        long stallEnd = heapAfterGc();
        int subscribersAtEnd = mesos.subscriberCount();
        long queueFull = metric(NAME, 0, "reconnects-queue_full") - queueFullBefore;
        GatedConverter.reopen();

        List<String> mismatches = eventually(WAIT, () -> ConvergenceCheck.mismatches(connect, mesos, PREFIX),
                List::isEmpty, "entity topics converge after the stall (mismatches listed)");
        long maxQueueDepth = Math.max(firstHalf.maxQueueDepth, secondHalf.maxQueueDepth);
        ChaosReport.summary(String.format("SLOW CONSUMER [%s] stalled-steps=2x%d queue-capacity=%d "
                        + "max-queue-depth=%d queue-full-resubscribes=%d master-streams-at-end=%d "
                        + "master-buffer-for-connector first-half-max=%d second-half-max=%d "
                        + "heap-after-gc first-half=%+.1fMB second-half=%+.1fMB "
                        + "| baseline with a subscriber that never reads: master-buffer grew by %d events in %d steps "
                        + "| mismatches-after=%d wall=%s",
                scale.name(), steps, CAPACITY, maxQueueDepth, queueFull, subscribersAtEnd, firstHalf.maxBuffered,
                secondHalf.maxBuffered, (stallMiddle - stallStart) / MB, (stallEnd - stallMiddle) / MB,
                baselineGrowth, BASELINE_STEPS, mismatches.size(),
                ChaosReport.seconds(System.nanoTime() - started)));

        assertThat(baselineGrowth).as("the master buffers the events of a reader that stopped")
                .isGreaterThan(BASELINE_STEPS / 2);
        assertThat(maxQueueDepth).as("the hand-off queue filled up, and no further").isEqualTo(CAPACITY);
        assertThat(queueFull).as("the stream was closed while the queue stayed full").isGreaterThanOrEqualTo(1);
        assertThat(secondHalf.maxBuffered).as("the master buffers nothing for the stalled connector").isZero();
        assertThat(subscribersAtEnd).as("the master holds no stream for the stalled connector").isZero();
        // Heap after GC swings by some 40 MB with the poll responses that blocked poll threads hold (at most one
        // per thread); this guards against a connector-side buffer growing with the stall.
        assertThat((stallEnd - stallMiddle) / MB).as("heap after GC over the second half of the stall (MB)")
                .isLessThan(128);
        assertThat(metric(NAME, 0, "events-SUBSCRIBED")).as("resubscribed after the stall").isGreaterThanOrEqualTo(2);
        connect.deleteConnector(NAME);
    }

    /** Runs {@code steps} workload steps at a steady rate, sampling as it goes. */
    private static void drive(WorkloadGenerator generator, int steps, Sampler sampler) throws InterruptedException {
        int chunk = 100;
        long period = TimeUnit.SECONDS.toNanos(chunk) / STEPS_PER_SEC;
        long next = System.nanoTime();
        for (int done = 0; done < steps; done += chunk) {
            generator.step(chunk);
            if (sampler != null) {
                sampler.sample();
            }
            next += period;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            }
        }
    }

    /** Used heap after a full collection, the smaller of two tries. */
    private static long heapAfterGc() throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(200);
            best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    /** The largest queue depth the task's metric reported, and the most events the master held for open streams. */
    private static final class Sampler {
        long maxQueueDepth;
        long maxBuffered;

        void sample() {
            maxQueueDepth = Math.max(maxQueueDepth, metric(NAME, 0, "queue-depth"));
            maxBuffered = Math.max(maxBuffered, mesos.bufferedEvents());
        }
    }
}
