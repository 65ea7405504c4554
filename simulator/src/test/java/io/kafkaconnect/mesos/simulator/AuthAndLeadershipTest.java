package io.kafkaconnect.mesos.simulator;

import static io.kafkaconnect.mesos.simulator.TestHttp.post;
import static io.kafkaconnect.mesos.simulator.TestHttp.request;
import static io.kafkaconnect.mesos.simulator.TestHttp.send;
import static io.kafkaconnect.mesos.simulator.TestHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Authentication comes first, even on a standby; no leader means 503 everywhere. */
class AuthAndLeadershipTest {

  @Test
  void missingOrWrongCredentialsAre401EvenOnAStandby() {
    try (SimulatedMesosCluster cluster = SimulatedMesosCluster.builder().masters(2).basicAuth("operator", "secret")
        .hostname("master.example").build().start()) {
      for (URI url : cluster.masterUrls()) {
        HttpResponse<byte[]> none = post(url, "{\"type\":\"GET_HEALTH\"}");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(text(none)).isEqualTo("401 Unauthorized.");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"mesos-master-readwrite\"");
        assertThat(withAuth(url, "operator:wrong").statusCode()).isEqualTo(401);
      }
      assertThat(withAuth(cluster.leaderUrl(), "operator:secret").statusCode()).isEqualTo(200);
      HttpResponse<byte[]> standby = withAuth(cluster.masterUrls().get(1), "operator:secret");
      assertThat(standby.statusCode()).isEqualTo(307);
      assertThat(standby.headers().firstValue("Location"))
          .hasValue("//master.example:" + cluster.leaderUrl().getPort() + "/master/api/v1");
    }
  }

  @Test
  void noLeaderElectedAndRecovery() throws Exception {
    try (SimulatedMesosCluster cluster = SimulatedMesosCluster.builder().masters(2).build().start()) {
      cluster.abdicate();
      for (URI url : cluster.masterUrls()) {
        HttpResponse<byte[]> r = post(url, "{\"type\":\"GET_HEALTH\"}");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(text(r)).isEqualTo("No leader elected");
      }
      Thread failover = new Thread(() -> cluster.failover(Duration.ofMillis(1500)));
      failover.start();
      Thread.sleep(300);
      URI newLeader = cluster.leaderUrl();
      HttpResponse<byte[]> recovering = post(newLeader, "{\"type\":\"GET_HEALTH\"}");
      assertThat(recovering.statusCode()).isEqualTo(503);
      assertThat(text(recovering)).isEqualTo("Master has not finished recovery");
      failover.join();
      assertThat(post(newLeader, "{\"type\":\"GET_HEALTH\"}").statusCode()).isEqualTo(200);
    }
  }

  private static HttpResponse<byte[]> withAuth(URI url, String userPass) {
    return send(request(url, "/api/v1").header("Content-Type", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            userPass.getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"GET_HEALTH\"}")).build());
  }
}
