package io.kafkaconnect.mesos.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Runs the real docker-compose.yml (Mesos master and agent, ZooKeeper, Kafka, Connect and the one-shot setup) on a
 * machine with Docker and the {@code docker compose} CLI: both connectors reach RUNNING through the REST API and the
 * source writes the master's SUBSCRIBED event to its events topic. Skipped where there is no Docker engine. Needs the
 * plugin built first (failsafe runs after {@code package}). Run it alone with {@code -Dgroups=docker}.
 */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
class DockerComposeStackIT {
    private static final Duration STARTUP = Duration.ofMinutes(6);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ComposeContainer stack;

    @BeforeAll
    static void startStack() {
        ComposeProject project = ComposeProject.load();
        Path plugin = project.root().resolve(
                "connector/target/kafka-connect-mesos-" + project.projectVersion() + "-plugin");
        assertThat(plugin).as("the plugin must be built first (./mvnw package)").isDirectory();
        stack = new ComposeContainer(project.composeFile().toFile())
                .withLocalCompose(true)
                .withRemoveVolumes(true)
                .withExposedService("connect", 8083, Wait.forHealthcheck().withStartupTimeout(STARTUP))
                .waitingFor("kafka", Wait.forHealthcheck().withStartupTimeout(STARTUP))
                .waitingFor("mesos-agent", Wait.forHealthcheck().withStartupTimeout(STARTUP));
        stack.start();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void connectorsRunAndTheSourceArchivesTheSubscribedEvent() throws Exception {
        String connect = "http://" + stack.getServiceHost("connect", 8083) + ":" + stack.getServicePort("connect", 8083);
        for (String connector : new String[] {"mesos-source", "mesos-sink"}) {
            awaitRunning(connect, connector);
        }

        ContainerState kafka = stack.getContainerByServiceName("kafka").orElseThrow();
        ExecResult consumed = kafka.execInContainer("/opt/kafka/bin/kafka-console-consumer.sh",
                "--bootstrap-server", "kafka:19092", "--topic", "mesos.events", "--from-beginning",
                "--max-messages", "1", "--timeout-ms", "120000");

        assertThat(consumed.getExitCode()).as(consumed.getStderr()).isZero();
        JsonNode record = JSON.readTree(consumed.getStdout().lines().findFirst().orElseThrow());
        // JsonConverter with schemas enabled: {"schema": ..., "payload": ...}; the stream opens with SUBSCRIBED.
        assertThat(record.path("schema").path("name").asText()).isEqualTo("io.kafkaconnect.mesos.Event");
        assertThat(record.path("payload").path("type").asText()).isEqualTo("SUBSCRIBED");
        assertThat(record.path("payload").path("payload_json").asText()).contains("SUBSCRIBED");
    }

    /** Polls GET /connectors/{name}/status until the connector and all its tasks are RUNNING. */
    private static void awaitRunning(String connect, String connector) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(connect + "/connectors/" + connector + "/status"))
                .timeout(Duration.ofSeconds(10)).build();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200 && allRunning(JSON.readTree(response.body()))) {
                return;
            }
            Thread.sleep(2_000);
        }
        throw new AssertionError(connector + " did not reach RUNNING; last status: " + last);
    }

    private static boolean allRunning(JsonNode status) {
        JsonNode tasks = status.path("tasks");
        if (!"RUNNING".equals(status.path("connector").path("state").asText()) || tasks.isEmpty()) {
            return false;
        }
        for (JsonNode task : tasks) {
            if (!"RUNNING".equals(task.path("state").asText())) {
                return false;
            }
        }
        return true;
    }
}
