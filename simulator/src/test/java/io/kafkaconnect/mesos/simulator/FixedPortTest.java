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

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
