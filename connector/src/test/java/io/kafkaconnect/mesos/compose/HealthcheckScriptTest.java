package io.kafkaconnect.mesos.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code docker/healthcheck/http-check.sh} (the stack's curl-less health check) with bash against an in-process
 * server answering like a Mesos master: JSON with escaped slashes, {@code "master\/elected":1.0}.
 */
class HealthcheckScriptTest {
    private final ComposeProject project = ComposeProject.load();
    private volatile int status = 200;
    private volatile String body = "";
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        assumeTrue(ComposeFileTest.onPath("bash") != null, "needs bash");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void electedMasterIsHealthyThoughMesosEscapesSlashes() throws Exception {
        body = "{\"master\\/disk_used\":0.0,\"master\\/elected\":1.0,\"master\\/uptime_secs\":12.5}";
        assertThat(check("/metrics/snapshot", "\"master/elected\":1")).isZero();
    }

    @Test
    void standbyMasterIsNotHealthy() throws Exception {
        body = "{\"master\\/elected\":0.0}";
        assertThat(check("/metrics/snapshot", "\"master/elected\":1")).isNotZero();
    }

    @Test
    void unregisteredAgentIsNotHealthy() throws Exception {
        body = "{\"slave\\/registered\":0.0}";
        assertThat(check("/metrics/snapshot", "\"slave/registered\":1")).isNotZero();
        body = "{\"slave\\/registered\":1.0}";
        assertThat(check("/metrics/snapshot", "\"slave/registered\":1")).isZero();
    }

    @Test
    void anyStatusButOkIsUnhealthy() throws Exception {
        status = 503;
        body = "{\"status\":\"starting\"}";
        assertThat(check("/health", null)).isNotZero();
        status = 200;
        assertThat(check("/health", null)).isZero();
    }

    @Test
    void nothingListeningIsUnhealthy() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        assertThat(run(closedPort, "/health", null)).isNotZero();
    }

    private int check(String path, String expected) throws Exception {
        return run(server.getAddress().getPort(), path, expected);
    }

    private int run(int port, String path, String expected) throws Exception {
        String script = project.root().resolve("docker/healthcheck/http-check.sh").toString();
        ProcessBuilder builder = expected == null
                ? new ProcessBuilder("bash", script, String.valueOf(port), path)
                : new ProcessBuilder("bash", script, String.valueOf(port), path, expected);
        Process process = builder.redirectErrorStream(true).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the health check did not finish");
        return process.exitValue();
    }
}
