package io.kafkaconnect.mesos.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaconnect.mesos.codec.MesosJson;
import io.kafkaconnect.mesos.simulator.SimulatedMesosCluster;
import io.kafkaconnect.mesos.sink.MesosSinkConnector;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.provider.FileConfigProvider;
import org.apache.kafka.connect.converters.ByteArrayConverter;
import org.apache.kafka.connect.runtime.ConnectorConfig;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.mesos.v1.Protos.WeightInfo;
import org.apache.mesos.v1.master.Protos.Call;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a Mesos password can show up once a connector runs on a real Connect worker, against a simulated master that
 * demands Basic authentication: the REST API (connector config, info, task configs, status, validate) and the
 * worker's log output.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretsInConnectRestIT {

    private static final String SECRET = "pw-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    private static Path secrets;
    private static SimulatedMesosCluster mesos;
    private static EmbeddedConnectCluster connect;
    private static CapturedStderr logs;

    @BeforeAll
    static void start() throws Exception {
        secrets = dir.resolve("mesos-secrets.properties");
        Files.writeString(secrets, "password=" + SECRET + "\n");
        logs = new CapturedStderr();
        mesos = SimulatedMesosCluster.builder().masters(1).basicAuth("ops", SECRET).build().start();
        Map<String, String> worker = new HashMap<>();
        worker.put("plugin.discovery", "service_load");
        worker.put("config.providers", "file");
        worker.put("config.providers.file.class", FileConfigProvider.class.getName());
        connect = new EmbeddedConnectCluster.Builder().name("secrets-it").numWorkers(1).numBrokers(1)
                .workerProps(worker).build();
        connect.start();
    }

    @AfterAll
    static void stop() {
        try {
            if (connect != null) {
                connect.stop();
            }
            if (mesos != null) {
                mesos.close();
            }
        } finally {
            if (logs != null) {
                logs.close();
            }
        }
    }

    private static Map<String, String> sink(String name, String password) {
        Map<String, String> p = new HashMap<>();
        p.put(ConnectorConfig.CONNECTOR_CLASS_CONFIG, MesosSinkConnector.class.getName());
        p.put(ConnectorConfig.TASKS_MAX_CONFIG, "1");
        p.put(ConnectorConfig.NAME_CONFIG, name);
        p.put("topics", name + ".commands");
        p.put(ConnectorConfig.KEY_CONVERTER_CLASS_CONFIG, StringConverter.class.getName());
        p.put(ConnectorConfig.VALUE_CONVERTER_CLASS_CONFIG, ByteArrayConverter.class.getName());
        p.put("mesos.master.urls", mesos.leaderUrl().toString());
        p.put("mesos.auth.type", "basic");
        p.put("mesos.auth.username", "ops");
        p.put("mesos.auth.password", password);
        p.put("kafka.bootstrap.servers", connect.kafka().bootstrapServers());
        p.put("sink.topics.replication.factor", "1");
        return p;
    }

    private static String get(String resource) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(connect.endpointForResource(resource))).GET(), resource);
    }

    private static String send(HttpRequest.Builder request, String what) throws Exception {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s: %s", what, response.body()).isBetween(200, 204);
        return response.body();
    }

    @Test
    @Order(1)
    void aPasswordFromAConfigProviderAuthenticatesButTheRestApiShowsOnlyItsReference() throws Exception {
        String name = "sink-provided";
        String reference = "${file:" + secrets + ":password}";
        connect.kafka().createTopic(name + ".commands", 1);
        connect.configureConnector(name, sink(name, reference));
        connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning(name, 1, "sink did not start");

        send(name, "w1");
        JsonNode result = firstResult(name + ".results");
        assertThat(result.path("state").asText()).as("result %s", result).isEqualTo("APPLIED"); // the master took it

        for (String resource : List.of("connectors/" + name + "/config", "connectors/" + name,
                "connectors/" + name + "/tasks", "connectors/" + name + "/status", "connectors?expand=info")) {
            String body = get(resource);
            assertThat(body).as(resource).doesNotContain(SECRET);
            if (!resource.endsWith("/status")) {
                assertThat(body).as(resource).contains(reference);
            }
        }
        connect.deleteConnector(name);
    }

    /**
     * Kafka Connect returns a connector's configuration as it was given; it does not mask PASSWORD keys. This pins
     * that fact, which docs/security.md states: a secret belongs in a ConfigProvider, as in the test above.
     */
    @Test
    @Order(2)
    void connectShowsALiteralPasswordAsGivenSoSecretsBelongInAConfigProvider() throws Exception {
        String name = "sink-literal";
        connect.configureConnector(name, sink(name, SECRET));
        assertThat(get("connectors/" + name + "/config")).contains(SECRET);
        connect.deleteConnector(name);
    }

    @Test
    @Order(3)
    void validateNeverEchoesAPassword() throws Exception {
        Map<String, String> props = sink("sink-validate", SECRET);
        props.put("mesos.auth.token", SECRET + "-token");
        String resource = "connector-plugins/" + MesosSinkConnector.class.getSimpleName() + "/config/validate";
        String body = send(HttpRequest.newBuilder(URI.create(connect.endpointForResource(resource)))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(props))), resource);
        assertThat(body).doesNotContain(SECRET);
        JsonNode password = null;
        for (JsonNode config : JSON.readTree(body).path("configs")) {
            if (config.path("value").path("name").asText().equals("mesos.auth.password")) {
                password = config.path("value");
            }
        }
        assertThat(password).isNotNull();
        assertThat(password.path("value").asText()).isEqualTo("[hidden]");
    }

    @Test
    @Order(4)
    void theWorkersLogsNeverShowThePassword() throws Exception {
        // Last: it checks everything the worker logged in this class. The connector starts with the right password,
        // then its secret file changes to a wrong one and it restarts: its task now meets 401s from the master.
        String name = "sink-rotated";
        Path rotated = dir.resolve("rotated.properties");
        Files.writeString(rotated, "password=" + SECRET + "\n");
        connect.kafka().createTopic(name + ".commands", 1);
        connect.configureConnector(name, sink(name, "${file:" + rotated + ":password}"));
        connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning(name, 1, "sink did not start");
        String wrong = SECRET + "-rotated-wrong";
        Files.writeString(rotated, "password=" + wrong + "\n");
        send(HttpRequest.newBuilder(URI.create(connect.endpointForResource("connectors/" + name
                + "/restart?includeTasks=true"))).POST(HttpRequest.BodyPublishers.noBody()), "restart");
        connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning(name, 1, "sink did not restart");
        send(name, "w2");
        JsonNode result = firstResult(name + ".results");
        assertThat(result.path("http_status").asInt()).as("result %s", result).isEqualTo(401);

        String text = logs.text();
        assertThat(text).contains("sink-rotated-0 started"); // the task that met the 401s ran in this worker
        for (String secret : List.of(SECRET, wrong)) {
            assertThat(text).doesNotContain(secret);
            assertThat(text).doesNotContain(Base64.getEncoder().encodeToString(("ops:" + secret)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        connect.deleteConnector(name);
    }

    /** An UPDATE_WEIGHTS command on the connector's topic. */
    private static void send(String connector, String commandId) throws Exception {
        Call weights = Call.newBuilder().setType(Call.Type.UPDATE_WEIGHTS).setUpdateWeights(
                Call.UpdateWeights.newBuilder().addWeightInfos(WeightInfo.newBuilder().setRole("secrets-it")
                        .setWeight(2.5))).build();
        try (KafkaProducer<byte[], byte[]> producer = connect.kafka().createProducer(Map.of())) {
            producer.send(new ProducerRecord<>(connector + ".commands", ("{\"command_id\":\"" + commandId
                    + "\",\"call\":" + MesosJson.toJson(weights) + "}").getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private static JsonNode firstResult(String topic) throws Exception {
        Map<String, Object> props = Map.of(ConsumerConfig.GROUP_ID_CONFIG, "secrets-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = connect.kafka().createConsumerAndSubscribeTo(props, topic)) {
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(250))) {
                    return JSON.readTree(r.value());
                }
            }
        }
        throw new AssertionError("no result on " + topic);
    }
}
