package io.kafkaconnect.mesos.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.converters.ByteArrayConverter;
import org.apache.kafka.connect.runtime.ConnectorConfig;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.apache.mesos.v1.master.Protos.Call;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.kafkaconnect.mesos.simulator.AgentSpec;
import io.kafkaconnect.mesos.simulator.GroundTruth;
import io.kafkaconnect.mesos.simulator.SimulatedMesosCluster;
import io.kafkaconnect.mesos.sink.ScenarioCalls;
import io.kafkaconnect.mesos.sink.SinkItSupport;
import io.kafkaconnect.mesos.source.it.SourceItSupport;

/**
 * Sink chaos (issue 6). Thousands of commands, most of them additive (reservations and volumes), go through a sink on a
 * two-worker Connect cluster while the worker running a task is killed five times (stopped; after the graceful
 * timeout its task thread is interrupted and its calls in flight are cancelled; a fresh worker is added), the master
 * drops the connection after applying a write (the sink cannot tell whether it took effect) and answers 503 in bursts.
 * Required: the operations log shows every additive command applied exactly once and every convergent one at least
 * once, none lost, every command with an APPLIED or ALREADY_APPLIED result, and no reservation or volume left behind.
 * Sizes: {@link ChaosScale}.
 */
class SinkChaosIT {

    private static final String NAME = "sink-chaos";
    private static final String TOPIC = "chaos.commands";
    private static final int PARTITIONS = 4;
    private static final int KILLS = 5;
    private static final Duration RESULTS = Duration.ofMinutes(10);

    private static SimulatedMesosCluster mesos;
    private static EmbeddedConnectCluster connect;

    @BeforeAll
    static void start() {
        mesos = SimulatedMesosCluster.builder().version("1.11.0").build().start();
        Map<String, String> worker = new HashMap<>();
        worker.put("plugin.discovery", "service_load");
        worker.put("offset.flush.interval.ms", "1000");
        // a worker that leaves gives its tasks up at once instead of after the default 5 minutes
        worker.put("scheduled.rebalance.max.delay.ms", "1000");
        connect = new EmbeddedConnectCluster.Builder().name("sink-chaos-it").numWorkers(2).numBrokers(1)
                .workerProps(worker).build();
        connect.start();
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

    @Test
    void everyCommandIsAppliedOnceAndReportedDespiteWorkerKillsAndLostResponses() throws Exception {
        ChaosScale scale = ChaosScale.current();
        long started = System.nanoTime();
        List<String> toggled = new ArrayList<>();
        List<SinkChaosCommands.Command> commands = new ArrayList<>();
        List<String> resourceAgents = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            resourceAgents.add(mesos.state().addAgent(AgentSpec.of("chaos-res-" + p, "10.6.0." + p)
                    .withResources(10_000, 1_000_000, 1_000_000)));
            toggled.add(mesos.state().addAgent(AgentSpec.of("chaos-toggle-" + p, "10.6.1." + p)));
        }
        for (int unit = 0; unit < scale.sinkUnits(); unit++) {
            int p = unit % PARTITIONS;
            commands.addAll(SinkChaosCommands.chain(unit, p, resourceAgents.get(p), toggled.get(p)));
        }
        connect.kafka().createTopic(TOPIC, PARTITIONS);
        Map<String, String> props = SinkItSupport.sinkProps(connect, mesos, TOPIC, ByteArrayConverter.class);
        props.put(ConnectorConfig.TASKS_MAX_CONFIG, "2");
        connect.configureConnector(NAME, props);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(NAME, 2, "sink did not start");
        try (KafkaProducer<byte[], byte[]> producer = connect.kafka().createProducer(Map.of())) {
            for (SinkChaosCommands.Command c : commands) {
                String chain = c.id().substring(0, c.id().lastIndexOf('-'));
                producer.send(new ProducerRecord<>(TOPIC, c.partition(), chain.getBytes(StandardCharsets.UTF_8),
                        SinkItSupport.jsonCommand(c.id(), c.call())));
            }
        }

        AtomicLong bursts = new AtomicLong();
        ScheduledExecutorService faults = Executors.newSingleThreadScheduledExecutor();
        // Each tick arms a dropped response for the next call type in turn, so every type meets the fault.
        List<Call.Type> types = commands.stream().map(c -> c.call().getType()).distinct().toList();
        AtomicLong tick = new AtomicLong();
        faults.scheduleAtFixedRate(() -> mesos.faults().dropNextWriteResponses(
                types.get((int) (tick.getAndIncrement() % types.size())), 1), 500, 700, TimeUnit.MILLISECONDS);
        faults.scheduleAtFixedRate(() -> {
            mesos.faults().failNextCalls(503, "Master has not finished recovery", 2);
            bursts.incrementAndGet();
        }, 2_000, 5_000, TimeUnit.MILLISECONDS);
        int kills = 0;
        try {
            for (; kills < KILLS; kills++) {
                long due = (long) commands.size() * (kills + 1) / (KILLS + 1);
                SourceItSupport.eventually(RESULTS, () -> mesos.operations().entries().size(), n -> n >= due,
                        "progress before kill " + due);
                WorkerHandle victim = SinkItSupport.workerRunning(connect, NAME, kills % 2);
                connect.removeWorker(victim); // calls of its task are in flight
                connect.addWorker();
            }
            awaitAllApplied(commands);
        } finally {
            faults.shutdownNow();
            faults.awaitTermination(5, TimeUnit.SECONDS);
            mesos.faults().clear();
        }
        List<String> ids = commands.stream().map(SinkChaosCommands.Command::id).toList();
        Map<String, List<JsonNode>> results = SinkItSupport.awaitResults(connect, NAME + ".results", ids, RESULTS);
        long finished = System.nanoTime();

        Verdict verdict = Verdict.of(commands, results, SinkChaosCommands.effects(mesos.operations().entries()));
        Map<String, Integer> takeovers = ledgerTakeovers();
        ChaosReport.list("Commands not applied exactly once or not reported as applied", verdict.problems, 100);
        ChaosReport.list("In-doubt commands taken over from a PENDING ledger entry", new ArrayList<>(
                takeovers.keySet()), 20);
        long additive = commands.stream().filter(SinkChaosCommands.Command::additive).count();
        ChaosReport.summary(String.format("SINK CHAOS [%s] commands=%d additive=%.0f%% kills=%d "
                        + "dropped-responses=%d 503-bursts=%d in-doubt-takeovers=%d applied-once=%d "
                        + "convergent-resends=%d additive-duplicates=%d lost=%d failed=%d results=%s wall=%s",
                scale.name(), commands.size(), 100.0 * additive / commands.size(), kills,
                mesos.faults().droppedWriteResponses(), bursts.get(), takeovers.size(), verdict.appliedOnce,
                verdict.convergentResends, verdict.additiveDuplicates, verdict.lost, verdict.failed,
                verdict.states, ChaosReport.seconds(finished - started)));

        assertThat(verdict.problems).as("every command applied exactly once (additive) or at least once "
                + "(convergent), none lost, each reported APPLIED or ALREADY_APPLIED").isEmpty();
        GroundTruth truth = mesos.groundTruth();
        for (String agent : resourceAgents) {
            assertThat(truth.reservations().get(agent)).as("reservations and volumes left on " + agent).isNull();
        }
        for (String agent : toggled) {
            assertThat(truth.agents().get(agent).deactivated()).as(agent + " reactivated last").isFalse();
        }
        assertThat(kills).isEqualTo(KILLS);
        assertThat(additive * 100 / commands.size()).isGreaterThanOrEqualTo(30);
        connect.deleteConnector(NAME);
    }

    /**
     * A task stuck in a call for longer than {@code max.poll.interval.ms} loses its partition to the connector's other
     * task (its consumer leaves the group; nothing stops the task). When its call returns, the rest of its batch must
     * not be applied a second time.
     */
    @Test
    void aTaskThatLostItsPartitionWhileStuckInACallDoesNotApplyTheRestOfItsBatchAgain() throws Exception {
        String name = "sink-stuck";
        String topic = "chaos.stuck";
        connect.kafka().createTopic(topic, 2);
        String agent = mesos.state().addAgent(AgentSpec.of("chaos-stuck", "10.6.2.1")
                .withResources(10_000, 16_384, 1_000));
        Map<String, String> props = SinkItSupport.sinkProps(connect, mesos, topic, ByteArrayConverter.class);
        props.put(ConnectorConfig.TASKS_MAX_CONFIG, "2");
        props.put("consumer.override.max.poll.interval.ms", "5000");
        connect.configureConnector(name, props);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 2, "sink did not start");
        List<String> ids = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = connect.kafka().createProducer(Map.of())) {
            for (int p = 0; p < 2; p++) { // both tasks learn the master's version
                producer.send(new ProducerRecord<>(topic, p, null,
                        SinkItSupport.jsonCommand("stuck-warmup-" + p, reserve(agent)))).get();
            }
            SinkItSupport.awaitResults(connect, name + ".results", List.of("stuck-warmup-0", "stuck-warmup-1"),
                    RESULTS);
            // Paused while the commands are written, so the task gets all of them in one batch when it resumes.
            connect.pauseConnector(name);
            connect.assertions().assertConnectorAndExactlyNumTasksArePaused(name, 2, "sink did not pause");
            for (int i = 0; i < 30; i++) {
                ids.add("stuck-" + i);
                producer.send(new ProducerRecord<>(topic, 0, null,
                        SinkItSupport.jsonCommand("stuck-" + i, reserve(agent))));
            }
            producer.flush();
            mesos.faults().responseDelay(Duration.ofSeconds(12)); // the batch's first call hangs
            connect.resumeConnector(name);
        }
        SourceItSupport.eventually(RESULTS, () -> reservations("stuck-0"), n -> n == 1, "the first call applied");
        mesos.faults().clear(); // only the answer to that call stays late
        long answered = System.nanoTime() + TimeUnit.SECONDS.toNanos(12);
        SinkItSupport.awaitResults(connect, name + ".results", ids, RESULTS);
        TimeUnit.NANOSECONDS.sleep(Math.max(0, answered - System.nanoTime()) + TimeUnit.SECONDS.toNanos(5));

        List<String> doubled = ids.stream().filter(id -> reservations(id) != 1)
                .map(id -> id + " reserved " + reservations(id) + " times").toList();
        ChaosReport.list("Commands of the stuck task's batch applied other than once", doubled, 30);
        assertThat(doubled).isEmpty();
        connect.deleteConnector(name);
    }

    private static Call reserve(String agent) {
        return Call.newBuilder().setType(Call.Type.RESERVE_RESOURCES)
                .setReserveResources(Call.ReserveResources.newBuilder()
                        .setAgentId(org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue(agent))
                        .addResources(ScenarioCalls.scalar("cpus", 1, SinkChaosCommands.ROLE, null))).build();
    }

    private static long reservations(String commandId) {
        return mesos.operations().count(op -> op.callType().equals("RESERVE_RESOURCES")
                && op.hasReservationLabel(ScenarioCalls.TAG, commandId));
    }

    /** Waits until every effect the commands ask for has appeared in the operations log. */
    private static void awaitAllApplied(List<SinkChaosCommands.Command> commands) {
        Map<String, Long> wanted = new HashMap<>();
        commands.forEach(c -> wanted.merge(c.effect(), 1L, Long::sum));
        SourceItSupport.eventually(RESULTS, () -> {
            Map<String, Long> seen = SinkChaosCommands.effects(mesos.operations().entries());
            return wanted.entrySet().stream().filter(e -> seen.getOrDefault(e.getKey(), 0L) < e.getValue())
                    .map(Map.Entry::getKey).limit(20).toList();
        }, List::isEmpty, "every command's effect applied (missing ones listed)");
    }

    /** Commands whose ledger history shows a second PENDING: a task found them in doubt and resolved them. */
    private static Map<String, Integer> ledgerTakeovers() {
        Map<String, Integer> pendings = new HashMap<>();
        SourceItSupport.forEachRecord(connect, NAME + ".ledger", (key, value) -> {
            if (value != null && "PENDING".equals(value.path("state").asText())) {
                pendings.merge(key, 1, Integer::sum);
            }
        });
        Map<String, Integer> takeovers = new TreeMap<>();
        pendings.forEach((id, n) -> {
            if (n > 1) {
                takeovers.put(id, n);
            }
        });
        return takeovers;
    }

    /** What the operations log and the result topic say about every command. */
    private record Verdict(List<String> problems, long appliedOnce, long convergentResends, long additiveDuplicates,
                           long lost, long failed, Map<String, Long> states) {

        static Verdict of(List<SinkChaosCommands.Command> commands, Map<String, List<JsonNode>> results,
                          Map<String, Long> effects) {
            List<String> problems = new ArrayList<>();
            Map<String, Long> states = new TreeMap<>();
            Map<String, Long> togglesWanted = new HashMap<>();
            long appliedOnce = 0;
            long resends = 0;
            long duplicates = 0;
            long lost = 0;
            long failed = 0;
            for (SinkChaosCommands.Command c : commands) {
                List<JsonNode> reported = results.get(c.id());
                reported.forEach(r -> states.merge(r.path("state").asText(), 1L, Long::sum));
                JsonNode decisive = reported.stream().filter(r -> !"DUPLICATE".equals(r.path("state").asText()))
                        .findFirst().orElse(reported.get(0));
                String state = decisive.path("state").asText();
                if (!state.equals("APPLIED") && !state.equals("ALREADY_APPLIED")) {
                    failed++;
                    problems.add(c.id() + " reported " + state + ": " + decisive.path("error"));
                }
                if (c.toggle()) {
                    togglesWanted.merge(c.effect(), 1L, Long::sum);
                    continue;
                }
                long applied = effects.getOrDefault(c.effect(), 0L);
                if (applied == 0) {
                    lost++;
                    problems.add(c.id() + " lost: no " + c.effect() + " in the operations log");
                } else if (applied == 1) {
                    appliedOnce++;
                } else if (c.additive()) {
                    duplicates += applied - 1;
                    problems.add(c.id() + " applied " + applied + " times: " + c.effect());
                } else {
                    appliedOnce++;
                    resends += applied - 1;
                }
            }
            for (Map.Entry<String, Long> t : togglesWanted.entrySet()) {
                long applied = effects.getOrDefault(t.getKey(), 0L);
                if (applied < t.getValue()) {
                    lost += t.getValue() - applied;
                    problems.add(t.getKey() + " applied " + applied + " times for " + t.getValue() + " commands");
                } else {
                    appliedOnce += t.getValue();
                    resends += applied - t.getValue();
                }
            }
            return new Verdict(problems, appliedOnce, resends, duplicates, lost, failed, states);
        }
    }
}
