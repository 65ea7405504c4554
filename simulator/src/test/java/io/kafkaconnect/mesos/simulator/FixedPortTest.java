package io.kafkaconnect.mesos.simulator;

import static io.kafkaconnect.mesos.simulator.TestHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** {@code firstPort} lets users point shipped configs at a fixed URL, as with a real master on 5050. */
class FixedPortTest {

  @Test
  void mastersListenOnConsecutivePortsFromTheFirstOne() throws IOException {
    int first = freePort();
    try (SimulatedMesosCluster cluster = SimulatedMesosCluster.builder().masters(2).firstPort(first).build()
        .start()) {
      assertThat(cluster.masterUrls()).containsExactly(URI.create("http://127.0.0.1:" + first),
          URI.create("http://127.0.0.1:" + (first + 1)));
      assertThat(post(cluster.leaderUrl(), "{\"type\":\"GET_HEALTH\"}").statusCode()).isEqualTo(200);
    }
  }

  /** A port that is free, and whose next port is free too (another process may take either before we bind). */
  private static int freePort() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (ServerSocket first = new ServerSocket(0)) {
        int port = first.getLocalPort();
        if (port < 65535) {
          try (ServerSocket next = new ServerSocket(port + 1)) {
            return port;
          } catch (IOException taken) {
            // try another pair
          }
        }
      }
    }
    throw new IOException("no two consecutive free ports found");
  }
}
