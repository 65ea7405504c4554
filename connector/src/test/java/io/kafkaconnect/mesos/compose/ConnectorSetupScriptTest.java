package io.kafkaconnect.mesos.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the compose stack's one-shot script ({@code docker/setup/create-connectors.sh}) with {@code sh} and
 * {@code curl} against an in-process fake of the Connect REST API: what it PUTs, when it retries, when it gives up.
 */
class ConnectorSetupScriptTest {
    private static final String BOTH_PLUGINS = "[{\"class\":\"" + ComposeFileTest.SOURCE_CLASS
            + "\",\"type\":\"source\"},{\"class\":\"" + ComposeFileTest.SINK_CLASS + "\",\"type\":\"sink\"}]";

    private final ComposeProject project = ComposeProject.load();
    private final Map<String, String> putBodies = new ConcurrentHashMap<>();
    private final Queue<String> requests = new ConcurrentLinkedQueue<>();
    /** Status codes to answer PUTs with, in order; 201 once they run out. */
    private final Queue<Integer> putStatuses = new ConcurrentLinkedQueue<>();
    private volatile String plugins = BOTH_PLUGINS;
    private HttpServer worker;
    private ExecutorService executor;

    @BeforeEach
    void startFakeWorker() throws IOException {
        assumeTrue(ComposeFileTest.onPath("sh") != null && ComposeFileTest.onPath("curl") != null, "needs sh and curl");
        worker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool();
        worker.setExecutor(executor);
        worker.createContext("/connector-plugins", exchange -> answer(exchange, 200, plugins));
        worker.createContext("/connectors/", this::handlePut);
        worker.start();
    }

    @AfterEach
    void stopFakeWorker() {
        if (worker != null) {
            worker.stop(0);
            executor.shutdownNow();
        }
    }

    @Test
    void putsEveryConnectorBodyUnderItsFileName() throws Exception {
        Path bodies = project.root().resolve("docker/connectors");

        Result result = runScript(bodies);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(putBodies).containsOnlyKeys("mesos-source", "mesos-sink");
        for (String name : putBodies.keySet()) {
            assertThat(putBodies.get(name)).isEqualTo(Files.readString(bodies.resolve(name + ".json")));
        }
        assertThat(result.output()).contains("connector mesos-source: configured", "connector mesos-sink: configured");
    }

    @Test
    void retriesWhileTheWorkerIsRebalancing(@TempDir Path bodies) throws Exception {
        Files.writeString(bodies.resolve("one.json"), "{\"connector.class\":\"x\"}");
        putStatuses.addAll(List.of(409, 503));

        Result result = runScript(bodies);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(requests).filteredOn(r -> r.startsWith("PUT")).hasSize(3);
        assertThat(putBodies).containsOnlyKeys("one");
    }

    @Test
    void givesUpAfterTheLastAttempt(@TempDir Path bodies) throws Exception {
        Files.writeString(bodies.resolve("one.json"), "{}");
        putStatuses.addAll(List.of(409, 409, 409, 409));

        Result result = runScript(bodies);

        assertThat(result.exitCode()).isNotZero();
        assertThat(requests).filteredOn(r -> r.startsWith("PUT")).hasSize(3);
        assertThat(result.output()).contains("connector one: HTTP 409 after 3 attempts");
    }

    @Test
    void reportsARejectedConfigAndStillCreatesTheOthers(@TempDir Path bodies) throws Exception {
        Files.writeString(bodies.resolve("a-bad.json"), "{\"connector.class\":\"bad\"}");
        Files.writeString(bodies.resolve("b-good.json"), "{\"connector.class\":\"good\"}");
        putStatuses.add(400);

        Result result = runScript(bodies);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("connector a-bad: HTTP 400: {\"error_code\":400");
        assertThat(putBodies).containsOnlyKeys("b-good");
    }

    @Test
    void stopsBeforeAnyPutWhenTheWorkerHasNoPlugin() throws Exception {
        plugins = "[{\"class\":\"org.apache.kafka.connect.mirror.MirrorSourceConnector\",\"type\":\"source\"}]";

        Result result = runScript(project.root().resolve("docker/connectors"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(requests).noneMatch(r -> r.startsWith("PUT"));
        assertThat(result.output()).contains("has no " + ComposeFileTest.SOURCE_CLASS, "./mvnw -B -DskipTests package");
    }

    private void handlePut(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(exchange.getRequestMethod() + " " + path);
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        boolean wellFormed = exchange.getRequestMethod().equals("PUT") && path.matches("/connectors/[^/]+/config")
                && "application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (!wellFormed) {
            answer(exchange, 405, "{\"error_code\":405,\"message\":\"unexpected request\"}");
            return;
        }
        Integer status = putStatuses.poll();
        int code = status == null ? 201 : status;
        if (code == 201) {
            putBodies.put(path.split("/")[2], body);
        }
        answer(exchange, code, "{\"error_code\":" + code + ",\"message\":\"from the fake worker\"}");
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private Result runScript(Path connectorsDir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", project.root().resolve("docker/setup/create-connectors.sh")
                .toString()).redirectErrorStream(true);
        builder.environment().put("CONNECT_URL", "http://127.0.0.1:" + worker.getAddress().getPort());
        builder.environment().put("CONNECTORS_DIR", connectorsDir.toString());
        builder.environment().put("ATTEMPTS", "3");
        builder.environment().put("RETRY_DELAY_SECONDS", "0");
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the setup script did not finish");
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String output) { }
}
