package io.kafkaconnect.mesos.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.Protos.WeightInfo;
import org.apache.mesos.v1.master.Protos.Call;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.kafkaconnect.mesos.codec.Encoding;
import io.kafkaconnect.mesos.config.MesosConnectionConfig;
import io.kafkaconnect.mesos.simulator.SimulatedMesosCluster;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/** The client against the simulated Mesos 1.11 master: one test per client pitfall in the facts file (§10). */
@Timeout(60)
class ClientPitfallsTest {

    private static final RetryPolicy PATIENT = new RetryPolicy(12, Duration.ofMillis(50), Duration.ofMillis(250));

    private static SimulatedMesosCluster.Builder cluster() {
        return SimulatedMesosCluster.builder().masters(1).version("1.11.0");
    }

    private static MesosClient client(List<URI> urls, Encoding encoding) {
        return new MesosClient(MesosClientConfig.builder().masterUrls(urls).encoding(encoding).retry(PATIENT)
                .requestTimeout(Duration.ofSeconds(10)).build());
    }

    private static Call simple(Call.Type type) {
        return Call.newBuilder().setType(type).build();
    }

    /** Pitfall 1: a charset parameter gets 415; the client sends the bare media type. */
    @ParameterizedTest
    @EnumSource(Encoding.class)
    void exactContentTypeIsAccepted(Encoding encoding) throws Exception {
        try (SimulatedMesosCluster sim = cluster().build().start(); MesosClient client = client(sim.masterUrls(),
                encoding)) {
            assertThat(client.call(simple(Call.Type.GET_HEALTH)).json().path("get_health").path("healthy")
                    .asBoolean()).isTrue();

            // What the client avoids: OkHttp's String body adds "; charset=utf-8".
            OkHttpClient raw = new OkHttpClient();
            Request request = new Request.Builder().url(sim.leaderUrl() + "/api/v1")
                    .post(RequestBody.create("{\"type\":\"GET_HEALTH\"}", MediaType.get("application/json"))).build();
            try (okhttp3.Response response = raw.newCall(request).execute()) {
                assertThat(response.code()).isEqualTo(415);
            }
            raw.dispatcher().executorService().shutdown();
        }
    }

    /** Pitfall 2: snake_case field names, so a write does what it says (camelCase would be ignored). */
    @ParameterizedTest
    @EnumSource(Encoding.class)
    void writesUseProtoFieldNames(Encoding encoding) {
        try (SimulatedMesosCluster sim = cluster().build().start(); MesosClient client = client(sim.masterUrls(),
                encoding)) {
            String frameworkId = sim.state().registerFramework("analytics", "dev");
            ApiResponse teardown = client.call(Call.newBuilder().setType(Call.Type.TEARDOWN)
                    .setTeardown(Call.Teardown.newBuilder().setFrameworkId(FrameworkID.newBuilder()
                            .setValue(frameworkId))).build());
            assertThat(teardown.status()).isEqualTo(200);
            JsonNode frameworks = client.call(simple(Call.Type.GET_FRAMEWORKS)).json().path("get_frameworks");
            assertThat(ids(frameworks.path("frameworks"))).doesNotContain(frameworkId);
            assertThat(ids(frameworks.path("completed_frameworks"))).contains(frameworkId);
        }
    }

    /** Pitfall 3: DRAIN_AGENT's max_grace_period is a google.protobuf.Duration sent as {"seconds":N}. */
    @ParameterizedTest
    @EnumSource(Encoding.class)
    void drainAgentGracePeriodIsAccepted(Encoding encoding) {
        try (SimulatedMesosCluster sim = cluster().build().start(); MesosClient client = client(sim.masterUrls(),
                encoding)) {
            String agentId = sim.state().addAgent("agent-1", "10.0.0.1");
            ApiResponse drain = client.call(Call.newBuilder().setType(Call.Type.DRAIN_AGENT)
                    .setDrainAgent(Call.DrainAgent.newBuilder().setAgentId(AgentID.newBuilder().setValue(agentId))
                            .setMaxGracePeriod(com.google.protobuf.Duration.newBuilder().setSeconds(10)))
                    .build());
            assertThat(drain.status()).isEqualTo(200);
            assertThat(drain.hasBody()).isFalse();
            JsonNode agent = client.call(simple(Call.Type.GET_AGENTS)).json().path("get_agents").path("agents")
                    .get(0);
            assertThat(agent.path("drain_info").path("state").asText()).isEqualTo("DRAINING");
            // Stored by the master as DrainConfig's DurationInfo.
            assertThat(agent.path("drain_info").path("config").path("max_grace_period").path("nanoseconds")
                    .asLong()).isEqualTo(10_000_000_000L);
        }
    }

    /** Pitfall 4: GET_METRICS without get_metrics gets 400; the client adds it. */
    @ParameterizedTest
    @EnumSource(Encoding.class)
    void getMetricsWorksWithoutGetMetrics(Encoding encoding) {
        try (SimulatedMesosCluster sim = cluster().build().start(); MesosClient client = client(sim.masterUrls(),
                encoding)) {
            ApiResponse metrics = client.call(simple(Call.Type.GET_METRICS));
            assertThat(metrics.decoded().ok()).isTrue();
            assertThat(metrics.decoded().value().getGetMetrics().getMetricsList())
                    .anySatisfy(m -> assertThat(m.getName()).isEqualTo("master/elected"));
        }
    }

    /** Pitfall 5: only the resource operations answer 202; other writes answer 200 with no body. */
    @ParameterizedTest
    @EnumSource(Encoding.class)
    void anyTwoHundredIsSuccess(Encoding encoding) {
        try (SimulatedMesosCluster sim = cluster().build().start(); MesosClient client = client(sim.masterUrls(),
                encoding)) {
            String agentId = sim.state().addAgent("agent-1", "10.0.0.1");
            Resource reserved = Resource.newBuilder().setName("cpus").setType(Value.Type.SCALAR)
                    .setScalar(Value.Scalar.newBuilder().setValue(1.0))
                    .addReservations(Resource.ReservationInfo.newBuilder()
                            .setType(Resource.ReservationInfo.Type.DYNAMIC).setRole("dev"))
                    .build();
            ApiResponse reserve = client.call(Call.newBuilder().setType(Call.Type.RESERVE_RESOURCES)
                    .setReserveResources(Call.ReserveResources.newBuilder()
                            .setAgentId(AgentID.newBuilder().setValue(agentId)).addResources(reserved)).build());
            assertThat(reserve.status()).isEqualTo(202);
            assertThat(reserve.hasBody()).isFalse();

            ApiResponse weights = client.call(Call.newBuilder().setType(Call.Type.UPDATE_WEIGHTS)
                    .setUpdateWeights(Call.UpdateWeights.newBuilder()
                            .addWeightInfos(WeightInfo.newBuilder().setRole("dev").setWeight(2.0))).build());
            assertThat(weights.status()).isEqualTo(200);
            assertThat(weights.hasBody()).isFalse();
        }
    }

    /** Pitfall 6: a standby answers 307 with //host:port/master/api/v1; a new leader answers 503 while recovering. */
    @ParameterizedTest
    @EnumSource(Encoding.class)
    void followsTheLeaderThroughAFailover(Encoding encoding) throws Exception {
        try (SimulatedMesosCluster sim = cluster().masters(3).build().start();
             MesosClient client = client(List.of(sim.masterUrls().get(2)), encoding)) {
            client.call(simple(Call.Type.GET_HEALTH));
            assertThat(client.currentMaster()).isEqualTo(sim.masterUrls().get(0));

            Thread failover = new Thread(() -> sim.failover(Duration.ofMillis(700)));
            failover.start();
            while (sim.masterUrls().get(0).equals(sim.leaderUrl())) {
                Thread.sleep(5);
            }
            ApiResponse health = client.call(simple(Call.Type.GET_HEALTH));
            failover.join();
            assertThat(health.status()).isEqualTo(200);
            assertThat(client.currentMaster()).isEqualTo(sim.leaderUrl()).isEqualTo(sim.masterUrls().get(1));
        }
    }

    /** Pitfall 6, all masters without a leader: 503 "No leader elected" until retries run out. */
    @Test
    void noLeaderElectedIsUnavailable() {
        try (SimulatedMesosCluster sim = cluster().masters(2).build().start(); MesosClient client = new MesosClient(
                MesosClientConfig.builder().masterUrls(sim.masterUrls())
                        .retry(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20))).build())) {
            sim.abdicate();
            assertThatThrownBy(() -> client.call(simple(Call.Type.GET_HEALTH)))
                    .isInstanceOfSatisfying(MesosHttpException.class, e -> {
                        assertThat(e.kind()).isEqualTo(MesosHttpException.Kind.UNAVAILABLE);
                        assertThat(e.body()).isEqualTo("No leader elected");
                    });
        }
    }

    /** Pitfall 7: SUBSCRIBE is a RecordIO stream; SUBSCRIBED (the snapshot) comes first, then HEARTBEAT. */
    @ParameterizedTest
    @EnumSource(Encoding.class)
    void subscribeReadsSnapshotThenEvents(Encoding encoding) {
        try (SimulatedMesosCluster sim = cluster().build().start(); MesosClient client = client(sim.masterUrls(),
                encoding); EventStream stream = client.subscribe()) {
            MesosEvent subscribed = stream.next();
            assertThat(subscribed.type()).isEqualTo("SUBSCRIBED");
            assertThat(subscribed.encoding()).isEqualTo(encoding);
            assertThat(subscribed.typed().ok()).isTrue();
            assertThat(stream.heartbeatIntervalSeconds()).hasValue(15.0);
            assertThat(stream.next().type()).isEqualTo("HEARTBEAT");

            sim.state().addAgent("agent-1", "10.0.0.1");
            MesosEvent added = stream.next();
            assertThat(added.type()).isEqualTo("AGENT_ADDED");
            assertThat(added.json().path("agent_added").path("agent").path("agent_info").path("hostname").asText())
                    .isEqualTo("agent-1");
        }
    }

    /** Pitfall 8: a stream that goes silent is detected by the watchdog (5 x heartbeat interval). */
    @ParameterizedTest
    @EnumSource(Encoding.class)
    void stalledStreamTripsTheWatchdog(Encoding encoding) {
        try (SimulatedMesosCluster sim = cluster().heartbeatInterval(Duration.ofMillis(100)).build().start();
             MesosClient client = client(sim.masterUrls(), encoding); EventStream stream = client.subscribe()) {
            assertThat(stream.next().type()).isEqualTo("SUBSCRIBED");
            assertThat(stream.heartbeatIntervalSeconds()).hasValue(0.1);
            sim.faults().stallStreams();
            assertThatThrownBy(() -> {
                while (true) {
                    stream.next();
                }
            }).isInstanceOfSatisfying(StreamStalledException.class,
                    e -> assertThat(e.window()).isEqualTo(Duration.ofMillis(500)));
        }
    }

    /** Pitfall 9 / §2: a failover ends the stream; subscribing again gives a fresh SUBSCRIBED from the new leader. */
    @ParameterizedTest
    @EnumSource(Encoding.class)
    void resubscribesAfterFailover(Encoding encoding) {
        try (SimulatedMesosCluster sim = cluster().masters(2).build().start();
             MesosClient client = client(sim.masterUrls(), encoding)) {
            try (EventStream first = client.subscribe()) {
                assertThat(first.next().type()).isEqualTo("SUBSCRIBED");
                sim.failover(Duration.ofMillis(200));
                assertThat(drainUntilEnd(first)).isTrue();
            }
            try (EventStream second = client.subscribe()) {
                assertThat(second.next().type()).isEqualTo("SUBSCRIBED");
                assertThat(second.master()).isEqualTo(sim.leaderUrl());
            }
        }
    }

    /** Pitfall 11: TASK_UPDATED carries task_id and agent_id under status only; the tree keeps that shape. */
    @ParameterizedTest
    @EnumSource(Encoding.class)
    void taskUpdatedKeepsItsShape(Encoding encoding) {
        try (SimulatedMesosCluster sim = cluster().build().start(); MesosClient client = client(sim.masterUrls(),
                encoding); EventStream stream = client.subscribe()) {
            // Changes made before SUBSCRIBED is read may already be part of the snapshot.
            assertThat(stream.next().type()).isEqualTo("SUBSCRIBED");
            String agentId = sim.state().addAgent("agent-1", "10.0.0.1");
            String frameworkId = sim.state().registerFramework("fw", "dev");
            String taskId = sim.state().launchTask(frameworkId, agentId, "web", 0.5, 128);
            sim.state().updateTask(frameworkId, taskId, org.apache.mesos.v1.Protos.TaskState.TASK_RUNNING);
            MesosEvent updated = nextOfType(stream, "TASK_UPDATED");
            JsonNode body = updated.json().path("task_updated");
            assertThat(body.has("task_id")).isFalse();
            assertThat(body.path("status").path("task_id").path("value").asText()).isEqualTo(taskId);
            assertThat(body.path("status").path("agent_id").path("value").asText()).isEqualTo(agentId);
            assertThat(body.path("state").asText()).isEqualTo("TASK_RUNNING");
        }
    }

    /** Framing faults the simulator can inject on the next stream record. */
    enum FramingFault { GARBAGE_HEADER, OVERSIZED_HEADER, TRUNCATED_RECORD }

    /** Pitfall 12 and §5: broken framing is a typed error, never a crash or a silently short record. */
    @ParameterizedTest
    @EnumSource(FramingFault.class)
    void framingFaultsAreTypedErrors(FramingFault fault) {
        for (Encoding encoding : Encoding.values()) {
            // A fresh master each time: a fault is consumed by the next record written on any stream.
            try (SimulatedMesosCluster sim = cluster().build().start();
                 MesosClient client = client(sim.masterUrls(), encoding); EventStream stream = client.subscribe()) {
                assertThat(stream.next().type()).isEqualTo("SUBSCRIBED");
                assertThat(stream.next().type()).isEqualTo("HEARTBEAT");
                switch (fault) {
                    case GARBAGE_HEADER -> sim.faults().garbageHeaderOnNextRecord();
                    case OVERSIZED_HEADER -> sim.faults().oversizedHeaderOnNextRecord(1L << 40);
                    case TRUNCATED_RECORD -> sim.faults().truncateNextRecord();
                }
                sim.state().addAgent("agent-1", "10.0.0.1");
                var thrown = assertThatThrownBy(() -> readForever(stream)).isInstanceOf(RecordIoException.class);
                switch (fault) {
                    case GARBAGE_HEADER -> thrown.hasMessageContaining("garbage");
                    case OVERSIZED_HEADER -> thrown.isInstanceOf(FrameTooLargeException.class);
                    case TRUNCATED_RECORD -> thrown.hasMessageContaining("ended inside record");
                }
            }
        }
    }

    /** Pitfall 15: protobuf responses only when protobuf alone is accepted. */
    @ParameterizedTest
    @EnumSource(Encoding.class)
    void responseEncodingFollowsAccept(Encoding encoding) {
        try (SimulatedMesosCluster sim = cluster().build().start(); MesosClient client = client(sim.masterUrls(),
                encoding)) {
            ApiResponse state = client.call(simple(Call.Type.GET_STATE));
            assertThat(state.encoding()).isEqualTo(encoding);
            assertThat(state.decoded().ok()).isTrue();
            assertThat(state.json().path("get_state").isObject()).isTrue();
        }
    }

    /** Pitfall 17: beyond the subscriber limit the master closes the oldest stream (the client sees its end). */
    @Test
    void oldestStreamEndsBeyondTheSubscriberLimit() {
        try (SimulatedMesosCluster sim = cluster().maxSubscribers(1).build().start();
             MesosClient client = client(sim.masterUrls(), Encoding.JSON);
             EventStream oldest = client.subscribe()) {
            assertThat(oldest.next().type()).isEqualTo("SUBSCRIBED");
            try (EventStream newest = client.subscribe()) {
                assertThat(newest.next().type()).isEqualTo("SUBSCRIBED");
                assertThat(drainUntilEnd(oldest)).isTrue();
            }
        }
    }

    /** Injected 503s (e.g. a recovering leader) are retried; other injected errors are reported with their text. */
    @Test
    void injectedFailuresAreRetriedOrReported() {
        try (SimulatedMesosCluster sim = cluster().build().start(); MesosClient client = client(sim.masterUrls(),
                Encoding.JSON)) {
            sim.faults().failNextCalls(503, "Master has not finished recovery", 3);
            assertThat(client.call(simple(Call.Type.GET_HEALTH)).status()).isEqualTo(200);
            sim.faults().failNextCalls(409, "Agent is currently being marked gone", 1);
            assertThatThrownBy(() -> client.call(simple(Call.Type.GET_HEALTH)))
                    .isInstanceOfSatisfying(MesosHttpException.class, e -> {
                        assertThat(e.kind()).isEqualTo(MesosHttpException.Kind.CONFLICT);
                        assertThat(e.body()).isEqualTo("Agent is currently being marked gone");
                    });
        }
    }

    @Test
    void basicAuthAgainstAnAuthenticatingMaster() {
        try (SimulatedMesosCluster sim = cluster().basicAuth("ops", "right").build().start()) {
            try (MesosClient good = new MesosClient(MesosClientConfig.builder().masterUrls(sim.masterUrls())
                    .auth(MesosAuth.basic("ops", "right")).build())) {
                assertThat(good.masterVersion()).isEqualTo(MesosVersion.parse("1.11.0"));
            }
            try (MesosClient bad = new MesosClient(MesosClientConfig.builder().masterUrls(sim.masterUrls())
                    .auth(MesosAuth.basic("ops", "wrong")).build())) {
                assertThatThrownBy(bad::masterVersion).isInstanceOfSatisfying(MesosHttpException.class,
                        e -> assertThat(e.kind()).isEqualTo(MesosHttpException.Kind.UNAUTHORIZED));
            }
        }
    }

    @Test
    void versionGatesFeaturesOnAnOlderMaster() {
        try (SimulatedMesosCluster sim = cluster().version("1.8.0").build().start();
             MesosClient client = client(sim.masterUrls(), Encoding.JSON)) {
            assertThat(client.masterVersion()).isEqualTo(MesosVersion.parse("1.8.0"));
            assertThat(client.supports(MesosFeature.HEARTBEATS)).isTrue();
            assertThat(client.supports(MesosFeature.UPDATE_QUOTA)).isFalse();
            assertThatThrownBy(() -> client.require(MesosFeature.AGENT_DRAIN))
                    .isInstanceOf(MesosVersionException.class);
        }
    }

    @Test
    void liveValidationAgainstTheSimulator() {
        ConfigDef def = MesosConnectionConfig.define(new ConfigDef());
        try (SimulatedMesosCluster sim = cluster().basicAuth("ops", "right").build().start()) {
            String url = sim.leaderUrl().toString();
            Map<String, ConfigValue> ok = validate(def, Map.of(MesosConnectionConfig.MASTER_URLS, url,
                    MesosConnectionConfig.AUTH_TYPE, "basic", MesosConnectionConfig.AUTH_USERNAME, "ops",
                    MesosConnectionConfig.AUTH_PASSWORD, "right"));
            assertThat(ok.values()).allSatisfy(v -> assertThat(v.errorMessages()).isEmpty());

            Map<String, ConfigValue> badPassword = validate(def, Map.of(MesosConnectionConfig.MASTER_URLS, url,
                    MesosConnectionConfig.AUTH_TYPE, "basic", MesosConnectionConfig.AUTH_USERNAME, "ops",
                    MesosConnectionConfig.AUTH_PASSWORD, "wrong"));
            assertThat(badPassword.get(MesosConnectionConfig.AUTH_PASSWORD).errorMessages()).singleElement()
                    .asString().contains("401");
            assertThat(badPassword.get(MesosConnectionConfig.MASTER_URLS).errorMessages()).isEmpty();
        }
        Map<String, ConfigValue> badUrl = validate(def, Map.of(MesosConnectionConfig.MASTER_URLS,
                MesosClientTest.deadUrl().toString()));
        assertThat(badUrl.get(MesosConnectionConfig.MASTER_URLS).errorMessages()).singleElement().asString()
                .contains("Cannot reach");
    }

    private static Map<String, ConfigValue> validate(ConfigDef def, Map<String, String> props) {
        Config result = new Config(def.validate(props));
        MesosConnectionConfig.validateLive(props, result, Duration.ofSeconds(3));
        return result.configValues().stream().collect(Collectors.toMap(ConfigValue::name, v -> v));
    }

    private static List<String> ids(JsonNode frameworks) {
        return StreamSupport.stream(frameworks.spliterator(), false)
                .map(f -> f.path("framework_info").path("id").path("value").asText()).toList();
    }

    private static MesosEvent nextOfType(EventStream stream, String type) {
        for (MesosEvent e = stream.next(); e != null; e = stream.next()) {
            if (e.type().equals(type)) {
                return e;
            }
        }
        throw new AssertionError("stream ended before a " + type + " event");
    }

    /** Reads until the stream ends; true if it ended (by EOF or a connection error, as a dying master gives). */
    private static boolean drainUntilEnd(EventStream stream) {
        try {
            while (stream.next() != null) {
                // heartbeats or events still in flight
            }
            return true;
        } catch (MesosConnectionException e) {
            return true;
        }
    }

    private static void readForever(EventStream stream) {
        while (stream.next() != null) {
            // until the fault surfaces
        }
        throw new AssertionError("stream ended cleanly; expected a framing error");
    }
}
