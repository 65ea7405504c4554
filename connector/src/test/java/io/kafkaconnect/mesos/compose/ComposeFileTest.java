package io.kafkaconnect.mesos.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkaconnect.mesos.compose.ComposeProject.Mount;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The promises of docker-compose.yml, checked without a Docker engine: health checks, start order, the official Kafka
 * image, the plugin on the worker's plugin.path, and connector bodies that name the real classes and reach the stack's
 * services. When Debian's {@code docker-compose} is installed, Compose itself validates the file too.
 */
class ComposeFileTest {
    static final String SOURCE_CLASS = "io.kafkaconnect.mesos.source.MesosSourceConnector";
    static final String SINK_CLASS = "io.kafkaconnect.mesos.sink.MesosSinkConnector";
    private static final String ONE_SHOT = "connector-setup";

    private final ComposeProject project = ComposeProject.load();

    @Test
    void declaresTheWholeStack() {
        assertThat(project.serviceNames()).containsExactlyInAnyOrder(
                "zookeeper", "mesos-master", "mesos-agent", "kafka", "connect", ONE_SHOT);
    }

    @Test
    void everyServiceButTheOneShotHasAHealthcheck() {
        for (String name : project.serviceNames()) {
            JsonNode healthcheck = project.service(name).path("healthcheck");
            if (name.equals(ONE_SHOT)) {
                assertThat(healthcheck.isMissingNode()).as("the one-shot %s runs once; no healthcheck", name).isTrue();
                continue;
            }
            List<String> test = ComposeProject.words(healthcheck.path("test"));
            assertThat(test).as("%s healthcheck.test", name).isNotEmpty();
            assertThat(test.get(0)).as("%s healthcheck.test", name).isIn("CMD", "CMD-SHELL");
            assertThat(test).as("%s healthcheck.test", name).hasSizeGreaterThan(1);
            assertThat(healthcheck.path("disable").asBoolean(false)).as("%s healthcheck.disable", name).isFalse();
        }
    }

    @Test
    void theOneShotRunsOnceAndNothingWaitsForIt() {
        assertThat(project.service(ONE_SHOT).path("restart").asText("no")).isEqualTo("no");
        for (String name : project.serviceNames()) {
            assertThat(dependencies(name)).as("%s depends on the one-shot", name).doesNotContain(ONE_SHOT);
        }
    }

    @Test
    void startOrderWaitsForHealthyDependencies() {
        assertWaitsForHealthy("mesos-master", "zookeeper");
        assertWaitsForHealthy("mesos-agent", "mesos-master");
        assertWaitsForHealthy("connect", "kafka");
        assertWaitsForHealthy(ONE_SHOT, "connect");
        // The connectors check the master when they are created, so the one-shot starts after the Mesos chain too.
        assertThat(startsAfter(ONE_SHOT)).contains("zookeeper", "mesos-master", "mesos-agent", "kafka", "connect");
        assertThat(startsAfter("mesos-agent")).contains("zookeeper", "mesos-master");
        assertThat(startsAfter("connect")).contains("kafka");
    }

    @Test
    void everyDependencyIsOnAHealthyService() {
        for (String name : project.serviceNames()) {
            JsonNode dependsOn = project.service(name).path("depends_on");
            assertThat(dependsOn.isArray()).as("%s: depends_on must name a condition (long form)", name).isFalse();
            dependsOn.fields().forEachRemaining(dependency -> assertThat(dependency.getValue().path("condition").asText())
                    .as("%s -> %s", name, dependency.getKey()).isEqualTo("service_healthy"));
        }
        for (String name : project.serviceNames()) {
            assertThat(startsAfter(name)).as("%s must not wait for itself (a cycle)", name).doesNotContain(name);
        }
    }

    @Test
    void brokerAndWorkerRunTheOfficialKafkaImageOfTheBuild() {
        String image = "apache/kafka:" + project.kafkaVersion();
        assertThat(project.service("kafka").path("image").asText()).isEqualTo(image);
        assertThat(project.service("connect").path("image").asText()).isEqualTo(image);
        assertThat(project.environment("kafka", "KAFKA_PROCESS_ROLES")).hasValue("broker,controller");
    }

    @Test
    void workerRunsDistributedModeWithTheMountedWorkerProperties() {
        JsonNode connect = project.service("connect");
        List<String> launch = new ArrayList<>(ComposeProject.words(connect.path("entrypoint")));
        launch.addAll(ComposeProject.words(connect.path("command")));
        assertThat(launch).hasSize(2);
        assertThat(launch.get(0)).isEqualTo("/opt/kafka/bin/connect-distributed.sh");

        Properties worker = project.mountedProperties("connect", launch.get(1));
        assertThat(worker.getProperty("plugin.discovery")).isEqualTo("service_load");
        assertThat(worker.getProperty("key.converter")).isEqualTo("org.apache.kafka.connect.json.JsonConverter");
        assertThat(worker.getProperty("value.converter")).isEqualTo("org.apache.kafka.connect.json.JsonConverter");
        assertThat(worker.getProperty("group.id")).isNotBlank();
        for (String topic : List.of("config", "offset", "status")) {
            assertThat(worker.getProperty(topic + ".storage.topic")).as(topic).isNotBlank();
            assertThat(worker.getProperty(topic + ".storage.replication.factor")).as(topic).isEqualTo("1");
        }
        assertThat(kafkaAdvertisedAddresses()).contains(worker.getProperty("bootstrap.servers"));
        assertThat(worker.getProperty("listeners")).endsWith(":8083");
    }

    @Test
    void pluginDirectoryBuiltByMavenIsMountedOnThePluginPath() {
        Properties worker = project.mountedProperties("connect", workerPropertiesPath());
        String pluginPath = worker.getProperty("plugin.path");
        assertThat(pluginPath).doesNotContain(",");

        Mount plugin = project.mountAt("connect", pluginPath)
                .orElseThrow(() -> new AssertionError("nothing is mounted on plugin.path " + pluginPath));
        // The assembly (connector/src/main/assembly/plugin.xml) unpacks into <artifactId>-<version>-plugin/.
        assertThat(plugin.source())
                .isEqualTo("./connector/target/kafka-connect-mesos-" + project.projectVersion() + "-plugin");
        assertThat(plugin.readOnly()).isTrue();
    }

    @Test
    void everyMountedRepositoryFileExists() {
        for (String name : project.serviceNames()) {
            for (Mount mount : project.mounts(name)) {
                if (mount.isBind() && !mount.source().startsWith("./connector/target/")) {
                    assertThat(project.hostPath(mount)).as("%s mounts %s", name, mount.source()).exists();
                    assertThat(mount.readOnly()).as("%s mounts %s read-only", name, mount.source()).isTrue();
                }
            }
        }
    }

    @Test
    void healthcheckScriptsAreMountedWhereTheChecksRunThem() {
        for (String name : project.serviceNames()) {
            List<String> test = ComposeProject.words(project.service(name).path("healthcheck").path("test"));
            test.stream().filter(word -> word.startsWith("/opt/healthcheck/")).forEach(script ->
                    assertThat(project.mountAt(name, script)).as("%s runs %s", name, script).isPresent());
        }
    }

    @Test
    void oneShotPutsBothConnectorsToTheWorker() {
        JsonNode setup = project.service(ONE_SHOT);
        List<String> entrypoint = ComposeProject.words(setup.path("entrypoint"));
        assertThat(entrypoint).hasSize(2);
        Mount script = project.mountAt(ONE_SHOT, entrypoint.get(1))
                .orElseThrow(() -> new AssertionError("the setup script is not mounted"));
        assertThat(project.hostPath(script)).isRegularFile();

        URI connectUrl = URI.create(project.environment(ONE_SHOT, "CONNECT_URL").orElseThrow());
        assertThat(connectUrl.getHost()).isEqualTo("connect");
        assertThat(connectUrl.getPort()).isEqualTo(8083);

        Map<String, Map<String, String>> connectors = connectorBodies();
        assertThat(connectors.values()).extracting(c -> c.get("connector.class"))
                .containsExactlyInAnyOrder(SOURCE_CLASS, SINK_CLASS);
        connectors.forEach((name, config) -> {
            assertThat(name).matches("[a-z0-9][a-z0-9-]*");
            if (config.containsKey("name")) {
                assertThat(config.get("name")).as("the name in %s.json", name).isEqualTo(name);
            }
            assertThat(config.get("mesos.encoding")).as(name).isIn("json", "protobuf");
            assertThat(config).as(name).containsKeys("mesos.master.urls", "kafka.bootstrap.servers", "tasks.max");
        });
    }

    @Test
    void sourceAndSinkBodiesCarryTheirOwnKeys() {
        Map<String, String> source = connectorWithClass(SOURCE_CLASS);
        assertThat(source.get("topic.prefix")).isNotBlank();

        Map<String, String> sink = connectorWithClass(SINK_CLASS);
        assertThat(sink.get("topics")).isNotBlank();
        assertThat(sink.get("errors.tolerance")).isEqualTo("all");
        assertThat(sink.get("errors.deadletterqueue.topic.name")).isNotBlank().isNotEqualTo(sink.get("topics"));
        assertThat(sink.get("errors.deadletterqueue.topic.replication.factor")).isEqualTo("1");
    }

    @Test
    void connectorsReachMesosAndKafkaByServiceName() {
        String masterPort = project.environment("mesos-master", "MESOS_PORT").orElse("5050");
        for (Map<String, String> config : connectorBodies().values()) {
            for (String url : config.get("mesos.master.urls").split(",")) {
                URI master = URI.create(url.trim());
                assertThat(master.getHost()).isEqualTo("mesos-master");
                assertThat(String.valueOf(master.getPort())).isEqualTo(masterPort);
            }
            assertThat(kafkaAdvertisedAddresses()).contains(config.get("kafka.bootstrap.servers"));
        }
        assertThat(project.environment("mesos-agent", "MESOS_MASTER")).hasValue(
                project.environment("mesos-master", "MESOS_ZK").orElseThrow());
        assertThat(project.environment("mesos-master", "MESOS_ZK").orElseThrow()).startsWith("zk://zookeeper:2181/");
    }

    @Test
    void composeValidatesTheFile() throws Exception {
        Path binary = onPath("docker-compose");
        assumeTrue(binary != null, "docker-compose is not installed");
        Process process = new ProcessBuilder(binary.toString(), "-f", ComposeProject.COMPOSE_FILE, "config", "-q")
                .directory(project.root().toFile())
                .redirectErrorStream(true)
                .start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "docker-compose config did not finish");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("docker-compose config: %s", output).isZero();
    }

    private void assertWaitsForHealthy(String service, String dependency) {
        assertThat(project.service(service).path("depends_on").path(dependency).path("condition").asText())
                .as("%s waits for %s", service, dependency).isEqualTo("service_healthy");
    }

    private Set<String> dependencies(String service) {
        Set<String> names = new HashSet<>();
        project.service(service).path("depends_on").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Every service that must be up before {@code service} starts, transitively. */
    private Set<String> startsAfter(String service) {
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(dependencies(service));
        while (!todo.isEmpty()) {
            String next = todo.remove(todo.size() - 1);
            if (seen.add(next)) {
                todo.addAll(dependencies(next));
            }
        }
        return seen;
    }

    private List<String> kafkaAdvertisedAddresses() {
        String listeners = project.environment("kafka", "KAFKA_ADVERTISED_LISTENERS").orElseThrow();
        return Arrays.stream(listeners.split(",")).map(l -> l.substring(l.indexOf("://") + 3)).toList();
    }

    private String workerPropertiesPath() {
        return ComposeProject.words(project.service("connect").path("command")).get(0);
    }

    private Map<String, Map<String, String>> connectorBodies() {
        String dir = project.environment(ONE_SHOT, "CONNECTORS_DIR").orElseThrow();
        Mount mount = project.mountAt(ONE_SHOT, dir)
                .orElseThrow(() -> new AssertionError("CONNECTORS_DIR " + dir + " is not mounted"));
        Path bodies = project.hostPath(mount);
        File[] files = bodies.toFile().listFiles((d, n) -> n.endsWith(".json"));
        assertThat(files).as("connector bodies in %s", bodies).isNotEmpty();
        Map<String, Map<String, String>> connectors = new TreeMap<>();
        for (File file : files) {
            connectors.put(file.getName().replaceFirst("\\.json$", ""), ComposeProject.connectorConfig(file.toPath()));
        }
        return connectors;
    }

    private Map<String, String> connectorWithClass(String connectorClass) {
        return connectorBodies().values().stream()
                .filter(c -> connectorClass.equals(c.get("connector.class")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no connector body with " + connectorClass));
    }

    static Path onPath(String binary) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, binary);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
