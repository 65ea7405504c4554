package io.kafkaconnect.mesos.chaos;

import static io.kafkaconnect.mesos.source.it.SourceItSupport.connectorConfig;
import static io.kafkaconnect.mesos.source.it.SourceItSupport.eventually;
import static io.kafkaconnect.mesos.source.it.SourceItSupport.forEachRecord;
import static io.kafkaconnect.mesos.source.it.SourceItSupport.latest;
import static io.kafkaconnect.mesos.source.it.SourceItSupport.metric;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.kafkaconnect.mesos.simulator.GroundTruth;
import io.kafkaconnect.mesos.simulator.SimulatedMesosCluster;
import io.kafkaconnect.mesos.simulator.WorkloadConfig;
import io.kafkaconnect.mesos.simulator.WorkloadGenerator;
import io.kafkaconnect.mesos.source.it.ConvergenceCheck;
import io.kafkaconnect.mesos.source.it.SourceItSupport;

/**
 * Source chaos (issue 6). The workload generator drives task transitions into a three-master simulated cluster while
 * the stream is dropped every few thousand events, the leader fails over three times (307 from the standbys, 503
 * "Master has not finished recovery", agents only in {@code recovered_agents} until they re-register), the stream
 * stalls once (the watchdog must resubscribe) and task 0 is restarted twice through the REST API, on a worker with
 * {@code exactly.once.source.support=enabled}. Once the generator stops and the connector settles, the entity topics
 * must equal the master's state with zero mismatches; duplicates on the events topic are counted and printed.
 * Sizes: {@link ChaosScale}.
 */
class SourceChaosIT {

    private static final String NAME = "source-chaos";
    private static final String PREFIX = "chaos";
    private static final int CHUNK = 50;
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Duration SETTLE = Duration.ofSeconds(240);
    /** The stream's encoding: {@code -Dchaos.encoding=protobuf} runs the suite over binary protobuf. */
    private static final String ENCODING = System.getProperty("chaos.encoding", "json");

    private static EmbeddedConnectCluster connect;
    private static SimulatedMesosCluster mesos;

    @BeforeAll
    static void start() {
        mesos = SimulatedMesosCluster.builder().masters(3).heartbeatInterval(Duration.ofMillis(300))
                .agentReregisterDelay(Duration.ofMillis(1500)).build().start();
        connect = SourceItSupport.startConnect("source-chaos-it", true);
    }

    @AfterAll
    static void stop() {
        if (connect != null) {
            connect.stop();
        }
        if (mesos != null) {
            mesos.close();
        }
    }

    /** The faults of one run, at fractions of the workload. */
    private enum Fault {
        FAILOVER, STALL, RESTART
    }

    @Test
    void entityTopicsEqualTheMastersStateAfterDropsFailoversAStallAndTaskRestarts() throws Exception {
        ChaosScale scale = ChaosScale.current();
        long started = System.nanoTime();
        WorkloadGenerator generator = new WorkloadGenerator(mesos, WorkloadConfig.of(7, 30, 5, 300)
                .withRates(0.01, 0.005, 0.1));
        generator.populate();
        Map<String, String> props = connectorConfig(connect, mesos, PREFIX);
        props.put("exactly.once.support", "required");
        // every SUBSCRIBED read entity by entity, as a large cluster's is, so that drops and failovers cut some
        props.put("events.snapshot.max.bytes", "0");
        props.put("mesos.encoding", ENCODING);
        connect.configureConnector(NAME, props);
        eventually(WAIT, () -> latest(connect, PREFIX + ".agents").size(), n -> n >= 30, "snapshot published");

        int total = scale.sourceSteps();
        TreeMap<Integer, Fault> plan = new TreeMap<>(Map.of(total * 20 / 100, Fault.FAILOVER,
                total * 30 / 100, Fault.RESTART, total * 35 / 100, Fault.STALL, total * 50 / 100, Fault.FAILOVER,
                total * 65 / 100, Fault.RESTART, total * 80 / 100, Fault.FAILOVER));
        int drops = 0;
        int failovers = 0;
        int restarts = 0;
        int stalls = 0;
        long stalledBefore = -1; // >= 0 while a stall waits for the watchdog
        int nextDrop = scale.sourceDropEvery();
        long periodNanos = TimeUnit.SECONDS.toNanos(CHUNK) / scale.sourceStepsPerSec();
        long next = System.nanoTime();
        for (int done = 0; done < total; done += CHUNK) {
            generator.step(CHUNK);
            if (stalledBefore >= 0) {
                if (metric(NAME, 0, "reconnects-stalled") > stalledBefore) {
                    mesos.faults().resumeStreams(); // the watchdog gave up on the silent stream: let the next one flow
                    stalledBefore = -1;
                    stalls++;
                }
            } else if (!plan.isEmpty() && plan.firstKey() <= done) {
                Fault fault = plan.pollFirstEntry().getValue();
                switch (fault) {
                    case FAILOVER -> {
                        failover();
                        failovers++;
                        next = System.nanoTime();
                    }
                    case RESTART -> {
                        connect.restartTask(NAME, 0); // POST /connectors/source-chaos/tasks/0/restart
                        restarts++;
                    }
                    case STALL -> {
                        stalledBefore = metric(NAME, 0, "reconnects-stalled");
                        mesos.faults().stallStreams();
                    }
                }
            } else if (done >= nextDrop) {
                mesos.faults().dropAllStreams();
                drops++;
                nextDrop = done + scale.sourceDropEvery();
            }
            next += periodNanos;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            }
        }
        if (stalledBefore >= 0) {
            long before = stalledBefore;
            eventually(WAIT, () -> metric(NAME, 0, "reconnects-stalled"), n -> n > before,
                    "the watchdog gave up on the stalled stream");
            mesos.faults().resumeStreams();
            stalls++;
        }
        long generated = System.nanoTime();

        long transitions = generator.taskTransitions();
        List<String> mismatches = eventually(SETTLE, () -> ConvergenceCheck.mismatches(connect, mesos, PREFIX),
                List::isEmpty, "entity topics equal the master's state (mismatches listed)");
        long settled = System.nanoTime();
        EventsAudit events = EventsAudit.read();
        List<String> flappedAgents = deletedAgentsStillAlive(mesos.groundTruth());
        ChaosReport.list("Duplicated events (allowed, reported)", events.duplicates, 50);
        ChaosReport.list("Live agents that were published as deleted", flappedAgents, 50);
        ChaosReport.summary(String.format("SOURCE CHAOS [%s, %s] steps=%d task-transitions=%d drops=%d failovers=%d "
                        + "stalls=%d restarts=%d events=%d duplicates=%d mismatches=%d generate=%s settle=%s wall=%s",
                scale.name(), ENCODING, total, transitions, drops, failovers, stalls, restarts, events.count,
                events.duplicates.size(), mismatches.size(), ChaosReport.seconds(generated - started),
                ChaosReport.seconds(settled - generated), ChaosReport.seconds(System.nanoTime() - started)));

        assertThat(transitions).isGreaterThanOrEqualTo(total * 9L / 10);
        assertThat(failovers).isEqualTo(3);
        assertThat(restarts).isEqualTo(2);
        assertThat(stalls).as("the watchdog resubscribed after the stall").isEqualTo(1);
        assertThat(drops).isGreaterThanOrEqualTo(2);
        assertThat(flappedAgents).as("agents held while only recovered are never published as deleted").isEmpty();
        connect.deleteConnector(NAME);
    }

    /**
     * A leader failover, then what the cluster's members do after one: agents re-register by themselves (the
     * simulator's delay), and every scheduler re-subscribes its framework.
     */
    private static void failover() throws InterruptedException {
        mesos.failover(Duration.ofSeconds(2));
        while (!mesos.state().recoveredAgentIds().isEmpty()) {
            Thread.sleep(50);
        }
        for (String framework : mesos.groundTruth().frameworks().keySet()) {
            mesos.state().reregisterFramework(framework);
        }
    }

    /** Agents the master still holds that the agents topic ever marked DELETE. */
    private static List<String> deletedAgentsStillAlive(GroundTruth truth) {
        Set<String> alive = truth.agents().keySet();
        List<String> flapped = new ArrayList<>();
        forEachRecord(connect, PREFIX + ".agents", (key, value) -> {
            if (value != null && alive.contains(key) && "DELETE".equals(value.path("op").asText())) {
                flapped.add(key + " at " + value.path("source"));
            }
        });
        return flapped;
    }

    /** The events topic, read once: how many records, and which stream positions or status updates repeat. */
    private record EventsAudit(long count, List<String> duplicates) {

        static EventsAudit read() {
            Map<String, Integer> positions = new HashMap<>();
            Map<String, Integer> statusUpdates = new HashMap<>();
            long[] count = {0};
            forEachRecord(connect, PREFIX + ".events", (key, value) -> {
                count[0]++;
                var source = value.path("source");
                positions.merge(source.path("stream_id").asText() + "#" + source.path("sequence").asLong(), 1,
                        Integer::sum);
                if ("TASK_UPDATED".equals(value.path("type").asText())) {
                    statusUpdates.merge(value.path("status_uuid").asText(), 1, Integer::sum);
                }
            });
            List<String> duplicates = new ArrayList<>();
            positions.forEach((position, n) -> {
                if (n > 1) {
                    duplicates.add("stream position " + position + " x" + n);
                }
            });
            statusUpdates.forEach((uuid, n) -> {
                if (n > 1) {
                    duplicates.add("TASK_UPDATED status " + uuid + " x" + n);
                }
            });
            duplicates.sort(null);
            return new EventsAudit(count[0], duplicates);
        }
    }
}
