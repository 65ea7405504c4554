package io.kafkaconnect.mesos.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.kafkaconnect.mesos.simulator.AgentSpec;
import io.kafkaconnect.mesos.simulator.SimulatedMesosCluster;

/**
 * The shipped artifact at work: the plugin zip unpacked into a worker's plugin.path ({@code plugin.discovery=
 * service_load}, the project's classes off the classpath), both connectors created through the REST API from the
 * shipped config files for the simulated master, with only the master URL and the bootstrap servers pointed at this
 * test's simulator and broker.
 */
class PluginZipIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_MS = 120_000;

    @TempDir
    static Path pluginPath;
    private static PackagedPlugin plugin;
    private static SimulatedMesosCluster mesos;
    private static EmbeddedConnectCluster connect;
    private static String agentId;

    @BeforeAll
    static void start() throws IOException {
        plugin = PackagedPlugin.fromBuild();
        plugin.unpackInto(pluginPath);
        mesos = SimulatedMesosCluster.builder().version("1.11.0").build().start();
        agentId = mesos.state().addAgent(AgentSpec.of("node1", "10.0.0.1").withResources(8, 16384, 100_000));
        String framework = mesos.state().registerFramework("marathon", "dev");
        mesos.state().launchTask(framework, agentId, "web", 0.5, 256);

        Map<String, String> worker = new HashMap<>();
        worker.put("plugin.path", pluginPath.toString());
        worker.put("plugin.discovery", "service_load");
        worker.put("offset.flush.interval.ms", "1000");
        // as in config/connect-distributed.properties
        worker.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        worker.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        connect = new EmbeddedConnectCluster.Builder().name("packaged-plugin-it").numWorkers(1).numBrokers(1)
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
    void theWorkerListsBothConnectorsFromTheZipWithTheirVersion() throws IOException {
        String body = String.valueOf(
                connect.requestGet(connect.endpointForResource("connector-plugins")).getEntity());
        Map<String, JsonNode> plugins = new HashMap<>();
        JSON.readTree(body).forEach(p -> plugins.put(p.path("class").asText(), p));

        assertThat(plugins.get(PackagedPlugin.SOURCE_CONNECTOR)).as(body).isNotNull();
        assertThat(plugins.get(PackagedPlugin.SOURCE_CONNECTOR).path("type").asText()).isEqualTo("source");
        assertThat(plugins.get(PackagedPlugin.SOURCE_CONNECTOR).path("version").asText()).isEqualTo(plugin.version());
        assertThat(plugins.get(PackagedPlugin.SINK_CONNECTOR)).as(body).isNotNull();
        assertThat(plugins.get(PackagedPlugin.SINK_CONNECTOR).path("type").asText()).isEqualTo("sink");
        assertThat(plugins.get(PackagedPlugin.SINK_CONNECTOR).path("version").asText()).isEqualTo(plugin.version());
    }

    @Test
    void theSourceFromTheZipPublishesTheSimulatedCluster() throws Exception {
        connect.configureConnector("mesos-source", shippedConfig("mesos-source-simulator.json"));
        connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning("mesos-source", 1,
                "the source from the zip did not start");

        Map<String, JsonNode> agents = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : connect.kafka().consume(1, TIMEOUT_MS, "mesos.agents")) {
            agents.put(new String(record.key(), StandardCharsets.UTF_8), JSON.readTree(record.value()));
        }

        assertThat(agents).containsKey(agentId);
        assertThat(agents.get(agentId).toString()).contains("node1");
    }

    @Test
    void theSinkFromTheZipAppliesACommandAndReportsIt() throws Exception {
        connect.kafka().createTopic("mesos.commands", 1);
        connect.configureConnector("mesos-sink", shippedConfig("mesos-sink-simulator.json"));
        connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning("mesos-sink", 1,
                "the sink from the zip did not start");

        String call = "{\"type\":\"RESERVE_RESOURCES\",\"reserve_resources\":{\"agent_id\":{\"value\":\"" + agentId
                + "\"},\"resources\":[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":1},"
                + "\"reservations\":[{\"type\":\"DYNAMIC\",\"role\":\"dev\",\"principal\":\"ops\"}]}]}}";
        connect.kafka().produce("mesos.commands", "zip-reserve-1",
                "{\"command_id\":\"zip-reserve-1\",\"requested_by\":\"packaging-it\",\"call\":" + call + "}");

        JsonNode result = JSON.readTree(StreamSupport.stream(
                connect.kafka().consume(1, TIMEOUT_MS, "mesos.sink.results").spliterator(), false)
                .findFirst().orElseThrow().value());

        assertThat(result.path("command_id").asText()).isEqualTo("zip-reserve-1");
        assertThat(result.path("state").asText()).as(result.toString()).isEqualTo("APPLIED");
        assertThat(result.path("http_status").asInt()).isEqualTo(202);
        assertThat(mesos.operations().count(op -> op.callType().equals("RESERVE_RESOURCES")
                && op.hasReservationLabel("kafka-connect-mesos.command-id", "zip-reserve-1"))).isEqualTo(1);
    }

    /** A shipped REST body for the simulator, pointed at this test's simulated master and broker. */
    private static Map<String, String> shippedConfig(String file) {
        Map<String, String> config = new HashMap<>(ShippedConfig.load(ShippedConfig.file(file)));
        config.put("mesos.master.urls", mesos.masterUrls().stream().map(URI::toString)
                .collect(Collectors.joining(",")));
        config.put("kafka.bootstrap.servers", connect.kafka().bootstrapServers());
        return config;
    }
}
