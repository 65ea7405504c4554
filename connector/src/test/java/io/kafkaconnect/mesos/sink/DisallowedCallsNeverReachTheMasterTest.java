package io.kafkaconnect.mesos.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.kafkaconnect.mesos.client.MesosClient;
import io.kafkaconnect.mesos.client.MesosClientConfig;
import io.kafkaconnect.mesos.client.RetryPolicy;
import io.kafkaconnect.mesos.client.StubMaster;
import io.kafkaconnect.mesos.codec.MesosJson;
import io.kafkaconnect.mesos.simulator.SimulatedMesosCluster;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.mesos.v1.master.Protos.Call;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With the default allowlist, the destructive calls (and calls the sink never issues) are refused before any byte of
 * them goes to the master: the sink runs with its real parser, validator, executor and Mesos client, against the
 * simulated master behind a proxy that records every request it forwards.
 */
class DisallowedCallsNeverReachTheMasterTest {

    private static SimulatedMesosCluster mesos;
    private static StubMaster proxy;

    @BeforeAll
    static void start() throws Exception {
        mesos = SimulatedMesosCluster.builder().masters(1).build().start();
        HttpClient http = HttpClient.newHttpClient();
        URI api = URI.create(mesos.leaderUrl() + "/api/v1");
        proxy = StubMaster.http((exchange, request, index) -> {
            String contentType = request.header("Content-Type");
            HttpResponse<byte[]> answer;
            try {
                answer = http.send(HttpRequest.newBuilder(api).header("Content-Type", contentType)
                        .header("Accept", request.header("Accept"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(request.body())).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.IOException(e);
            }
            StubMaster.respond(exchange, answer.statusCode(), answer.headers().firstValue("Content-Type")
                    .orElse(null), answer.body());
        });
    }

    @AfterAll
    static void stop() {
        proxy.close();
        mesos.close();
    }

    /** The call type of every request the proxy forwarded. */
    private static List<String> forwardedTypes() {
        List<String> types = new ArrayList<>();
        for (StubMaster.Received request : proxy.requests()) {
            types.add(MesosJson.fromJson(request.body(), Call.getDefaultInstance()).value().getType().name());
        }
        return types;
    }

    @Test
    void destructiveAndForeignCallsAreRefusedWithoutARequest() {
        MesosSinkConnectorConfig config = new MesosSinkConnectorConfig(Map.of("mesos.master.urls",
                proxy.url().toString(), "kafka.bootstrap.servers", "unused:9092", "retry.max.attempts", "1"));
        Set<Call.Type> allowed = config.allowedTypes();
        Set<Call.Type> destructive = EnumSet.copyOf(CallCatalog.supported());
        destructive.removeAll(allowed);
        assertThat(destructive).containsExactlyInAnyOrder(Call.Type.TEARDOWN, Call.Type.MARK_AGENT_GONE,
                Call.Type.DESTROY_VOLUMES, Call.Type.UNRESERVE_RESOURCES);

        List<ResultRecord> results = new ArrayList<>();
        try (Metrics registry = new Metrics();
             MesosClient client = new MesosClient(MesosClientConfig.builder().masterUrl(proxy.url())
                     .retry(RetryPolicy.none()).build())) {
            SinkMetrics metrics = new SinkMetrics(registry, "disallowed", 0);
            MesosClientGateway master = new MesosClientGateway(client);
            CommandProcessor sink = SinkRuntime.processor(config, master, new InMemoryLedger(),
                    new RecordingResults(), (record, error) -> CompletableFuture.completedFuture(null), metrics);
            long offset = 0;
            for (Call.Type type : destructive) {
                results.add(sink.process(command(offset++, type.name(), MesosJson.toJson(TestCalls.all().get(type)))));
            }
            for (Call.Type type : List.of(Call.Type.SUBSCRIBE, Call.Type.GET_STATE, Call.Type.READ_FILE)) {
                results.add(sink.process(command(offset++, type.name(), "{\"type\":\"" + type + "\"}")));
            }
            results.add(sink.process(command(offset++, "unknown", "{\"type\":\"FORMAT_DISKS\"}")));
            assertThat(results).allSatisfy(r -> {
                assertThat(r.state()).isEqualTo(CommandState.REJECTED);
                assertThat(r.reason()).isIn("NOT_ALLOWED", "UNSUPPORTED_TYPE");
            });
            // only the version the validator's gate needs was asked for
            assertThat(forwardedTypes()).as("calls forwarded to the master").containsOnly("GET_VERSION");

            // the control: an allowed command does go through the proxy and is applied
            Call weights = TestCalls.all().get(Call.Type.UPDATE_WEIGHTS);
            assertThat(sink.process(command(offset, "allowed", MesosJson.toJson(weights))).state())
                    .isEqualTo(CommandState.APPLIED);
            metrics.close();
        }
        assertThat(forwardedTypes()).contains("UPDATE_WEIGHTS")
                .allSatisfy(type -> assertThat(type).matches("UPDATE_WEIGHTS|GET_.*"));
        for (Call.Type type : destructive) {
            assertThat(mesos.operations().ofType(type.name())).as("%s applied by the master", type).isEmpty();
        }
    }

    private static SinkRecord command(long offset, String id, String callJson) {
        return new SinkRecord("commands", 0, null, null, null, ("{\"command_id\":\"" + id + "\",\"call\":" + callJson
                + "}").getBytes(StandardCharsets.UTF_8), offset);
    }
}
