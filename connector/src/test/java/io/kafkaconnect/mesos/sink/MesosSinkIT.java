package io.kafkaconnect.mesos.sink;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkaconnect.mesos.client.MesosClient;
import io.kafkaconnect.mesos.client.MesosClientConfig;
import io.kafkaconnect.mesos.codec.MesosJson;
import io.kafkaconnect.mesos.proto.CommandProtos.CommandEnvelope;
import io.kafkaconnect.mesos.simulator.AgentSpec;
import io.kafkaconnect.mesos.simulator.AppliedOperation;
import io.kafkaconnect.mesos.simulator.GroundTruth;
import io.kafkaconnect.mesos.simulator.SimulatedMesosCluster;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.ConnectorConfig;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.converters.ByteArrayConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.apache.mesos.v1.Protos.MachineID;
import org.apache.mesos.v1.master.Protos.Call;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sink on a real Connect cluster (two workers, one KRaft broker) against a simulated Mesos 1.11 master pair,
 * driven through the REST API.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MesosSinkIT {

    private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(90);
    private static final AtomicInteger SEQ = new AtomicInteger();

    private static SimulatedMesosCluster mesos;
    private static EmbeddedConnectCluster connect;
    private static KafkaProducer<byte[], byte[]> producer;

    @BeforeAll
    static void start() {
        mesos = SimulatedMesosCluster.builder().masters(2).version("1.11.0").build().start();
        Map<String, String> worker = new HashMap<>();
        worker.put("plugin.discovery", "service_load");
        worker.put("offset.flush.interval.ms", "1000");
        // a worker that leaves gives its tasks up at once instead of after the default 5 minutes
        worker.put("scheduled.rebalance.max.delay.ms", "1000");
        connect = new EmbeddedConnectCluster.Builder().name("mesos-sink-it").numWorkers(2).numBrokers(1)
                .workerProps(worker).build();
        connect.start();
        producer = connect.kafka().createProducer(Map.of());
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (connect != null) {
            connect.stop();
        }
        if (mesos != null) {
            mesos.close();
        }
    }

    @AfterEach
    void clearFaults() {
        mesos.faults().clear();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Map<String, String> sinkProps(String topic, Class<?> valueConverter) {
        return SinkItSupport.sinkProps(connect, mesos, topic, valueConverter);
    }

    private static void startConnector(String name, Map<String, String> props) throws InterruptedException {
        connect.configureConnector(name, props);
        connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning(name, 1, "sink did not start");
    }

    private static void send(String topic, Integer partition, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, partition, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value)).get();
    }

    private static byte[] jsonCommand(String id, Call call) {
        return SinkItSupport.jsonCommand(id, call);
    }

    private static byte[] protoCommand(String id, Call call) {
        return CommandEnvelope.newBuilder().setCommandId(id).setRequestedBy("it").setCall(call.toByteString()).build()
                .toByteArray();
    }

    private static final Schema STRUCT_SCHEMA = SchemaBuilder.struct().name("io.kafkaconnect.mesos.Command")
            .field("command_id", Schema.STRING_SCHEMA)
            .field("requested_by", Schema.OPTIONAL_STRING_SCHEMA)
            .field("dry_run", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field("call", Schema.STRING_SCHEMA)
            .build();

    private static byte[] structCommand(String topic, String id, Call call) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true", "converter.type", "value"));
        Struct value = new Struct(STRUCT_SCHEMA).put("command_id", id).put("requested_by", "it")
                .put("dry_run", false).put("call", MesosJson.toJson(call));
        return converter.fromConnectData(topic, STRUCT_SCHEMA, value);
    }

    /** Every result record per command id, waiting until each id has one. */
    private static Map<String, List<JsonNode>> awaitResults(String topic, Collection<String> ids) throws Exception {
        return SinkItSupport.awaitResults(connect, topic, ids, RESULT_TIMEOUT);
    }

    /** The first (non-DUPLICATE) result of each command. */
    private static Map<String, JsonNode> firstResults(String topic, Collection<String> ids) throws Exception {
        Map<String, JsonNode> first = new LinkedHashMap<>();
        awaitResults(topic, ids).forEach((id, list) -> first.put(id, list.stream()
                .filter(r -> !"DUPLICATE".equals(r.path("state").asText())).findFirst().orElse(list.get(0))));
        return first;
    }

    private static List<ConsumerRecord<byte[], byte[]>> awaitDlq(String topic, int count) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        connect.kafka().consume(count, RESULT_TIMEOUT.toMillis(), topic).forEach(records::add);
        return records;
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
        Header h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Map<String, Long> opCounts() {
        return mesos.operations().entries().stream()
                .collect(Collectors.groupingBy(AppliedOperation::callType, Collectors.counting()));
    }

    private static long reservationsTagged(String commandId) {
        return mesos.operations().count(op -> op.callType().equals("RESERVE_RESOURCES")
                && op.hasReservationLabel(ScenarioCalls.TAG, commandId));
    }

    private static ScenarioCalls.Targets targets(String suffix) {
        int n = SEQ.incrementAndGet();
        var s = mesos.state();
        String res = s.addAgent(AgentSpec.of("res-" + suffix, "10.9." + n + ".1").withResources(8, 16384, 10_000));
        s.addAgent(AgentSpec.of("maint-" + suffix, "10.9." + n + ".2"));
        MachineID machine = MachineID.newBuilder().setHostname("maint-" + suffix).setIp("10.9." + n + ".2").build();
        String drain = s.addAgent(AgentSpec.of("drain-" + suffix, "10.9." + n + ".3"));
        String deactivate = s.addAgent(AgentSpec.of("deact-" + suffix, "10.9." + n + ".4"));
        String gone = s.addAgent(AgentSpec.of("gone-" + suffix, "10.9." + n + ".5"));
        String framework = s.registerFramework("fw-" + suffix, "role-" + suffix);
        return new ScenarioCalls.Targets(suffix, res, machine, drain, deactivate, gone, framework);
    }

    private static void awaitOperationsOn(String agentId, long count) throws InterruptedException {
        long deadline = System.nanoTime() + RESULT_TIMEOUT.toNanos();
        while (mesos.operations().count(op -> agentId.equals(op.agentId())) < count) {
            assertThat(System.nanoTime()).as(count + " operations on " + agentId).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static MesosClient directClient() {
        return new MesosClient(MesosClientConfig.builder().masterUrls(mesos.masterUrls()).build());
    }

    // ------------------------------------------------------------------------------------------------ tests

    interface Encoder {
        byte[] encode(String topic, String id, Call call);
    }

    private void runScenario(String form, Class<?> converter, Encoder encoder) throws Exception {
        String topic = "cmd-" + form;
        connect.kafka().createTopic(topic, 1);
        startConnector("sink-" + form, sinkProps(topic, converter));
        ScenarioCalls.Targets t = targets(form);
        Map<String, Call> calls = ScenarioCalls.all(t);
        Map<String, Long> before = opCounts();
        for (Map.Entry<String, Call> e : calls.entrySet()) {
            send(topic, 0, null, encoder.encode(topic, e.getKey(), e.getValue()));
        }
        Map<String, JsonNode> results = firstResults("sink-" + form + ".results", calls.keySet());
        for (Map.Entry<String, JsonNode> r : results.entrySet()) {
            assertThat(r.getValue().path("state").asText()).as(r.getKey() + ": " + r.getValue()).isEqualTo("APPLIED");
            assertThat(r.getValue().path("success").asBoolean()).isTrue();
            assertThat(r.getValue().path("requested_by").asText()).isEqualTo("it");
        }
        assertThat(results.get(t.id("create")).path("effect_verified").asBoolean()).isTrue();
        assertThat(results.get(t.id("reserve-cpus")).path("http_status").asInt()).isEqualTo(202);
        assertThat(results.get(t.id("weights")).path("http_status").asInt()).isEqualTo(200);

        // each call type applied exactly as often as the scenario sends it
        Map<String, Long> after = opCounts();
        Map<String, Long> expected = calls.values().stream()
                .collect(Collectors.groupingBy(c -> c.getType().name(), Collectors.counting()));
        for (Call.Type type : CallCatalog.supported()) {
            long delta = after.getOrDefault(type.name(), 0L) - before.getOrDefault(type.name(), 0L);
            assertThat(delta).as(type.name()).isEqualTo(expected.get(type.name()));
        }
        assertThat(reservationsTagged(t.id("reserve-cpus"))).isEqualTo(1);

        // and visible in the master's state
        GroundTruth truth = mesos.groundTruth();
        assertThat(truth.weights()).containsEntry(t.role(), 2.5);
        assertThat(truth.quota()).containsKey(t.role()).doesNotContainKey(t.role() + "-b");
        assertThat(truth.maintenance()).doesNotContainKey("maint-" + form);
        assertThat(truth.agents().get(t.drainAgent()).drainState()).isNotNull();
        assertThat(truth.agents().get(t.deactivateAgent()).deactivated()).isFalse();
        assertThat(truth.goneAgents()).contains(t.goneAgent());
        assertThat(truth.frameworks().get(t.frameworkId()) == null
                || !truth.frameworks().get(t.frameworkId()).active()).isTrue();
        double taggedDisk = truth.agents().get(t.resourceAgent()).totalResources().stream()
                .filter(r -> r.getName().equals("disk") && !r.getDisk().hasPersistence()
                        && new ReservationTagger(ScenarioCalls.TAG).isTagged(r, t.id("reserve-disk")))
                .mapToDouble(r -> r.getScalar().getValue()).sum();
        assertThat(taggedDisk).isEqualTo(200.0);
        connect.deleteConnector("sink-" + form);
    }

    @Test
    @Order(1)
    void everyCallTypeAsJson() throws Exception {
        runScenario("json", ByteArrayConverter.class, (topic, id, call) -> jsonCommand(id, call));
    }

    @Test
    @Order(2)
    void everyCallTypeAsStruct() throws Exception {
        runScenario("struct", JsonConverter.class, MesosSinkIT::structCommand);
    }

    @Test
    @Order(3)
    void everyCallTypeAsProtobuf() throws Exception {
        runScenario("protobuf", ByteArrayConverter.class, (topic, id, call) -> protoCommand(id, call));
    }

    @Test
    @Order(4)
    void badCommandsGoToTheDlqAndResultsWhileValidOnesAroundThemApply() throws Exception {
        String topic = "cmd-bad";
        connect.kafka().createTopic(topic, 1);
        Map<String, String> props = sinkProps(topic, ByteArrayConverter.class);
        props.remove("command.allowed.types"); // the default: no destructive calls
        startConnector("sink-bad", props);
        ScenarioCalls.Targets t = targets("bad");
        Call weights = ScenarioCalls.all(t).get(t.id("weights"));
        long weightsBefore = opCounts().getOrDefault("UPDATE_WEIGHTS", 0L);
        long teardownBefore = opCounts().getOrDefault("TEARDOWN", 0L);
        send(topic, 0, null, jsonCommand("bad-valid-1", weights));
        send(topic, 0, null, "{oops".getBytes(StandardCharsets.UTF_8));
        send(topic, 0, null, "{\"command_id\":\"bad-unknown\",\"call\":{\"type\":\"FORMAT_DISKS\"}}"
                .getBytes(StandardCharsets.UTF_8));
        send(topic, 0, null, jsonCommand("bad-teardown", ScenarioCalls.all(t).get(t.id("teardown"))));
        send(topic, 0, null, ("{\"command_id\":\"bad-expired\",\"expires_at_ms\":1,\"call\":"
                + MesosJson.toJson(weights) + "}").getBytes(StandardCharsets.UTF_8));
        send(topic, 0, null, jsonCommand("bad-valid-2", weights));

        Map<String, JsonNode> results = firstResults("sink-bad.results", List.of("bad-valid-1", "cmd-bad-0-1",
                "bad-unknown", "bad-teardown", "bad-expired", "bad-valid-2"));
        assertThat(results.get("bad-valid-1").path("state").asText()).isEqualTo("APPLIED");
        assertThat(results.get("cmd-bad-0-1").path("error").path("reason").asText()).isEqualTo("MALFORMED");
        assertThat(results.get("bad-unknown").path("error").path("reason").asText()).isEqualTo("UNSUPPORTED_TYPE");
        assertThat(results.get("bad-teardown").path("error").path("reason").asText()).isEqualTo("NOT_ALLOWED");
        assertThat(results.get("bad-expired").path("state").asText()).isEqualTo("EXPIRED");
        assertThat(results.get("bad-valid-2").path("state").asText()).isEqualTo("APPLIED");
        assertThat(opCounts().getOrDefault("UPDATE_WEIGHTS", 0L) - weightsBefore).isEqualTo(2);
        assertThat(opCounts().getOrDefault("TEARDOWN", 0L)).isEqualTo(teardownBefore);

        List<ConsumerRecord<byte[], byte[]>> dlq = awaitDlq(topic + ".dlq", 4);
        assertThat(dlq).extracting(r -> header(r, DeadLetterReporter.HEADER_REASON))
                .containsExactlyInAnyOrder("MALFORMED", "UNSUPPORTED_TYPE", "NOT_ALLOWED", "EXPIRED");
        assertThat(dlq).allSatisfy(r -> assertThat(header(r, "__connect.errors.exception.message")).isNotBlank());
        ConsumerRecord<byte[], byte[]> malformed = dlq.stream()
                .filter(r -> "MALFORMED".equals(header(r, DeadLetterReporter.HEADER_REASON))).findFirst().orElseThrow();
        assertThat(new String(malformed.value(), StandardCharsets.UTF_8)).isEqualTo("{oops");
        connect.deleteConnector("sink-bad");
    }

    @Test
    @Order(5)
    void commandsLeftPendingByADeadWorkerAreAppliedExactlyOnce() throws Exception {
        String name = "sink-crash";
        String topic = "cmd-crash";
        connect.kafka().createTopic(topic, 1);
        connect.kafka().createTopic(name + ".ledger", 1, 1,
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        ScenarioCalls.Targets t = targets("crash");
        Map<String, Call> calls = ScenarioCalls.all(t);
        ReservationTagger tagger = new ReservationTagger(ScenarioCalls.TAG);
        Call reserveApplied = calls.get(t.id("reserve-cpus"));
        Call reserveLost = calls.get(t.id("reserve-disk"));
        Call deactivate = calls.get(t.id("deactivate"));
        Call reactivate = calls.get(t.id("reactivate"));
        // What a worker that died after its call leaves behind: the effect on the master, PENDING in the ledger.
        try (MesosClient client = directClient()) {
            client.call(tagger.tag(reserveApplied, "crash-reserve-applied"));
            client.call(deactivate);
            client.call(reactivate);
        }
        SourcePosition pos = new SourcePosition(topic, 0, 0);
        for (String[] pending : new String[][] {{"crash-reserve-applied", "RESERVE_RESOURCES"},
                {"crash-reserve-lost", "RESERVE_RESOURCES"}, {"crash-reactivate", "REACTIVATE_AGENT"}}) {
            producer.send(new ProducerRecord<>(name + ".ledger", pending[0].getBytes(StandardCharsets.UTF_8),
                    LedgerJson.write(new LedgerEntry(pending[0], CommandState.PENDING, pending[1], 1, 0, pos, null,
                            null)))).get();
        }
        long reactivations = opCounts().getOrDefault("REACTIVATE_AGENT", 0L);

        Map<String, String> props = sinkProps(topic, ByteArrayConverter.class);
        props.put("mesos.request.timeout.ms", "1500");
        startConnector(name, props);
        send(topic, 0, null, jsonCommand("crash-reserve-applied", reserveApplied));
        send(topic, 0, null, jsonCommand("crash-reserve-lost", reserveLost));
        send(topic, 0, null, jsonCommand("crash-reactivate", reactivate));
        Map<String, JsonNode> results = firstResults(name + ".results",
                List.of("crash-reserve-applied", "crash-reserve-lost", "crash-reactivate"));
        assertThat(results.get("crash-reserve-applied").path("state").asText()).isEqualTo("ALREADY_APPLIED");
        assertThat(results.get("crash-reserve-applied").path("effect_verified").asBoolean()).isTrue();
        assertThat(results.get("crash-reserve-lost").path("state").asText()).isEqualTo("APPLIED");
        assertThat(results.get("crash-reactivate").path("state").asText()).isEqualTo("ALREADY_APPLIED");
        assertThat(reservationsTagged("crash-reserve-applied")).isEqualTo(1);
        assertThat(reservationsTagged("crash-reserve-lost")).isEqualTo(1);
        assertThat(opCounts().getOrDefault("REACTIVATE_AGENT", 0L)).isEqualTo(reactivations);

        // A fault between the call and its answer: the write is applied, its response is lost (client timeout).
        mesos.faults().responseDelay(Duration.ofSeconds(4));
        Call timeoutReserve = ScenarioCalls.all(t).get(t.id("reserve-cpus"));
        send(topic, 0, null, jsonCommand("crash-timeout", timeoutReserve));
        long deadline = System.nanoTime() + RESULT_TIMEOUT.toNanos();
        while (reservationsTagged("crash-timeout") == 0) {
            assertThat(System.nanoTime()).as("the delayed write is applied").isLessThan(deadline);
            Thread.sleep(50);
        }
        mesos.faults().clear();
        JsonNode timeout = firstResults(name + ".results", List.of("crash-timeout")).get("crash-timeout");
        assertThat(timeout.path("state").asText()).isIn("APPLIED", "ALREADY_APPLIED");
        assertThat(timeout.path("effect_verified").asBoolean()).isTrue();
        assertThat(reservationsTagged("crash-timeout")).isEqualTo(1);
        connect.deleteConnector(name);
    }

    @Test
    @Order(6)
    void rebalanceWithCommandsInFlightLosesAndDoublesNothing() throws Exception {
        String name = "sink-rebalance";
        String topic = "cmd-rebalance";
        connect.kafka().createTopic(topic, 4);
        String agent = mesos.state().addAgent(AgentSpec.of("big-rebalance", "10.8.0.1")
                .withResources(1000, 16384, 1000));
        Map<String, String> props = sinkProps(topic, ByteArrayConverter.class);
        props.put(ConnectorConfig.TASKS_MAX_CONFIG, "2");
        startConnector(name, props);
        mesos.faults().responseDelay(Duration.ofMillis(40));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String id = "rb-" + i;
            ids.add(id);
            Call reserve = Call.newBuilder().setType(Call.Type.RESERVE_RESOURCES)
                    .setReserveResources(Call.ReserveResources.newBuilder()
                            .setAgentId(org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue(agent))
                            .addResources(TestCalls.reserved("cpus", 0.5, "rebalance"))).build();
            send(topic, i % 4, id, jsonCommand(id, reserve));
        }
        awaitOperationsOn(agent, 10);
        WorkerHandle third = connect.addWorker(); // rebalance while commands are in flight
        awaitOperationsOn(agent, 30);
        connect.removeWorker(third); // and again: its tasks move back
        Map<String, List<JsonNode>> results = awaitResults(name + ".results", ids);
        for (String id : ids) {
            assertThat(reservationsTagged(id)).as(id + " applied exactly once").isEqualTo(1);
            assertThat(results.get(id)).as(id).anySatisfy(r ->
                    assertThat(r.path("state").asText()).isIn("APPLIED", "ALREADY_APPLIED"));
        }
        connect.deleteConnector(name);
    }

    @Test
    @Order(7)
    void masterErrorsAreHandledAsSpecified() throws Exception {
        String name = "sink-errors";
        String topic = "cmd-errors";
        connect.kafka().createTopic(topic, 1);
        Map<String, String> props = sinkProps(topic, ByteArrayConverter.class);
        props.put("mesos.retry.max.attempts", "2");
        props.put("retry.max.attempts", "2");
        startConnector(name, props);
        ScenarioCalls.Targets t = targets("errors");
        Map<String, Call> calls = ScenarioCalls.all(t);
        String results = name + ".results";

        Call tooBig = Call.newBuilder().setType(Call.Type.RESERVE_RESOURCES)
                .setReserveResources(Call.ReserveResources.newBuilder()
                        .setAgentId(org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue(t.resourceAgent()))
                        .addResources(TestCalls.reserved("cpus", 10_000, "errors"))).build();
        send(topic, 0, null, jsonCommand("err-409", tooBig));
        Call unknownAgent = Call.newBuilder().setType(Call.Type.DEACTIVATE_AGENT)
                .setDeactivateAgent(Call.DeactivateAgent.newBuilder()
                        .setAgentId(org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue("no-such-agent")))
                .build();
        send(topic, 0, null, jsonCommand("err-400", unknownAgent));
        Map<String, JsonNode> first = firstResults(results, List.of("err-409", "err-400"));
        assertThat(first.get("err-409").path("state").asText()).isEqualTo("REJECTED");
        assertThat(first.get("err-409").path("http_status").asInt()).isEqualTo(409);
        assertThat(first.get("err-400").path("state").asText()).isEqualTo("REJECTED");
        assertThat(first.get("err-400").path("http_status").asInt()).isEqualTo(400);
        assertThat(first.get("err-400").path("error").path("message").asText()).contains("Unknown agent");
        assertThat(first.get("err-400").path("attempts").asInt()).isEqualTo(1);

        Call goneUnknown = Call.newBuilder().setType(Call.Type.MARK_AGENT_GONE)
                .setMarkAgentGone(Call.MarkAgentGone.newBuilder()
                        .setAgentId(org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue("no-such-agent")))
                .build();
        send(topic, 0, null, jsonCommand("err-404", goneUnknown));
        JsonNode notFound = firstResults(results, List.of("err-404")).get("err-404");
        assertThat(notFound.path("state").asText()).isEqualTo("REJECTED");
        assertThat(notFound.path("http_status").asInt()).isEqualTo(404);
        mesos.faults().failNextCalls(403, "403 Forbidden.", 1);
        send(topic, 0, null, jsonCommand("err-403", calls.get(t.id("weights"))));
        JsonNode forbidden = firstResults(results, List.of("err-403")).get("err-403");
        assertThat(forbidden.path("state").asText()).isEqualTo("REJECTED");
        assertThat(forbidden.path("http_status").asInt()).isEqualTo(403);
        assertThat(forbidden.path("attempts").asInt()).isEqualTo(1);

        // 503 for longer than all retries: FAILED, reported, and the task keeps going
        mesos.faults().failNextCalls(503, "No leader elected", 1_000);
        send(topic, 0, null, jsonCommand("err-503", calls.get(t.id("weights"))));
        JsonNode failed = firstResults(results, List.of("err-503")).get("err-503");
        assertThat(failed.path("state").asText()).isEqualTo("FAILED");
        assertThat(failed.path("http_status").asInt()).isEqualTo(503);
        assertThat(failed.path("attempts").asInt()).isEqualTo(2);
        mesos.faults().clear();

        // a short 503 burst is absorbed by retries
        mesos.faults().failNextCalls(503, "Master has not finished recovery", 2);
        send(topic, 0, null, jsonCommand("err-503-transient", calls.get(t.id("update-quota"))));
        assertThat(firstResults(results, List.of("err-503-transient")).get("err-503-transient").path("state")
                .asText()).isEqualTo("APPLIED");

        List<ConsumerRecord<byte[], byte[]>> dlq = awaitDlq(topic + ".dlq", 5);
        assertThat(dlq).extracting(r -> header(r, DeadLetterReporter.HEADER_STATE))
                .containsExactlyInAnyOrder("REJECTED", "REJECTED", "REJECTED", "REJECTED", "FAILED");
        assertThat(dlq).extracting(r -> header(r, DeadLetterReporter.HEADER_HTTP_STATUS))
                .containsExactlyInAnyOrder("409", "400", "404", "403", "503");

        connect.deleteConnector(name);
    }

    @Test
    @Order(8)
    void validateReportsBadValuesThroughTheRestApi() {
        Map<String, String> props = sinkProps("cmd-validate", ByteArrayConverter.class);
        props.put("command.allowed.types", "DRAIN_AGENT,FORMAT_DISKS");
        props.put("mesos.master.urls", "http://127.0.0.1:1");
        props.put("name", "sink-validate");
        ConfigInfos infos = connect.validateConnectorConfig(MesosSinkConnector.class.getSimpleName(), props);
        Map<String, List<String>> errors = new HashMap<>();
        for (ConfigInfo info : infos.values()) {
            if (!info.configValue().errors().isEmpty()) {
                errors.put(info.configValue().name(), info.configValue().errors());
            }
        }
        assertThat(errors).containsKeys("command.allowed.types", "mesos.master.urls");
        assertThat(String.join(" ", errors.get("command.allowed.types"))).contains("FORMAT_DISKS");
        Set<String> none = new HashSet<>(errors.keySet());
        none.removeAll(Set.of("command.allowed.types", "mesos.master.urls"));
        assertThat(none).isEmpty();
    }

    @Test
    @Order(9)
    void leaderFailoverIsFollowed() throws Exception {
        String name = "sink-failover";
        String topic = "cmd-failover";
        connect.kafka().createTopic(topic, 1);
        Map<String, String> props = sinkProps(topic, ByteArrayConverter.class);
        props.remove("mesos.retry.backoff.ms");
        props.remove("mesos.retry.backoff.max.ms");
        startConnector(name, props);
        ScenarioCalls.Targets t = targets("failover");
        Map<String, Call> calls = ScenarioCalls.all(t);
        send(topic, 0, null, jsonCommand("fo-before", calls.get(t.id("logging"))));
        firstResults(name + ".results", List.of("fo-before"));

        // The old leader now answers 307 to the new one, which answers 503 while it recovers. (Calls that need
        // agents, such as a quota within cluster capacity, are refused until the agents re-register.)
        URI oldLeader = mesos.leaderUrl();
        CompletableFuture<Void> failover = CompletableFuture.runAsync(() -> mesos.failover(Duration.ofSeconds(2)));
        send(topic, 0, null, jsonCommand("fo-during", calls.get(t.id("logging"))));
        send(topic, 0, null, jsonCommand("fo-weights", calls.get(t.id("weights"))));
        Map<String, JsonNode> results = firstResults(name + ".results", List.of("fo-during", "fo-weights"));
        failover.get();
        assertThat(mesos.leaderUrl()).isNotEqualTo(oldLeader);
        assertThat(results.get("fo-during").path("state").asText()).isEqualTo("APPLIED");
        assertThat(results.get("fo-weights").path("state").asText()).isEqualTo("APPLIED");
        assertThat(mesos.groundTruth().weights()).containsEntry(t.role(), 2.5);
        mesos.reregisterAgents();
        connect.deleteConnector(name);
    }

    @Test
    @Order(10)
    void aWorkerStoppedDuringACallLeavesNothingDoubled() throws Exception {
        String name = "sink-kill";
        String topic = "cmd-kill";
        connect.kafka().createTopic(topic, 1);
        String agent = mesos.state().addAgent(AgentSpec.of("big-kill", "10.7.0.1").withResources(100, 16384, 1000));
        Map<String, String> props = sinkProps(topic, ByteArrayConverter.class);
        props.put("mesos.request.timeout.ms", "60000");
        // the stuck task's consumer leaves the group soon, so another worker takes the partition while the
        // first one is still waiting for its answer
        props.put("consumer.override.max.poll.interval.ms", "5000");
        startConnector(name, props);
        Call reserve = Call.newBuilder().setType(Call.Type.RESERVE_RESOURCES)
                .setReserveResources(Call.ReserveResources.newBuilder()
                        .setAgentId(org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue(agent))
                        .addResources(TestCalls.reserved("cpus", 2, "kill"))).build();
        send(topic, 0, null, jsonCommand("kill-warmup", reserve)); // the task knows the master's version now
        firstResults(name + ".results", List.of("kill-warmup"));

        mesos.faults().responseDelay(Duration.ofSeconds(40));
        send(topic, 0, null, jsonCommand("kill-reserve", reserve));
        long deadline = System.nanoTime() + RESULT_TIMEOUT.toNanos();
        while (reservationsTagged("kill-reserve") == 0) {
            assertThat(System.nanoTime()).as("the write is applied").isLessThan(deadline);
            Thread.sleep(50);
        }
        mesos.faults().clear(); // only the answer to that one write stays delayed

        // stop the worker that runs the task while its call is unanswered (PENDING in the ledger)
        connect.removeWorker(SinkItSupport.workerRunning(connect, name, 0));
        connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning(name, 1, "task did not move");

        JsonNode result = firstResults(name + ".results", List.of("kill-reserve")).get("kill-reserve");
        assertThat(result.path("state").asText()).isEqualTo("ALREADY_APPLIED");
        assertThat(result.path("effect_verified").asBoolean()).isTrue();
        send(topic, 0, null, jsonCommand("kill-after", reserve));
        assertThat(firstResults(name + ".results", List.of("kill-after")).get("kill-after").path("state").asText())
                .isEqualTo("APPLIED");
        assertThat(reservationsTagged("kill-reserve")).isEqualTo(1);
        assertThat(reservationsTagged("kill-after")).isEqualTo(1);
        connect.addWorker();
        connect.deleteConnector(name);
    }
}
