package io.kafkaconnect.mesos.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /redirect}: 307 to {@code //leaderHost:port} (no path), or 503 when no leader is elected. */
final class RedirectHandler implements HttpHandler {
  private final SimulatedMesosCluster cluster;

  RedirectHandler(SimulatedMesosCluster cluster) {
    this.cluster = cluster;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      MasterNode leader = cluster.leaderNode();
      if (leader == null) {
        byte[] body = "No leader elected".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(503, body.length);
        exchange.getResponseBody().write(body);
        return;
      }
      exchange.getResponseHeaders().set("Location", "//" + leader.hostname() + ":" + leader.port());
      exchange.sendResponseHeaders(307, -1);
    }
  }
}
