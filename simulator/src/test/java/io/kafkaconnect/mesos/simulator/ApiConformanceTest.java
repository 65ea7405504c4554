package io.kafkaconnect.mesos.simulator;

import static io.kafkaconnect.mesos.simulator.TestHttp.call;
import static io.kafkaconnect.mesos.simulator.TestHttp.post;
import static io.kafkaconnect.mesos.simulator.TestHttp.request;
import static io.kafkaconnect.mesos.simulator.TestHttp.send;
import static io.kafkaconnect.mesos.simulator.TestHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The /api/v1 handler's checks, statuses, headers and bodies, per facts §1-§3. */
class ApiConformanceTest {
  private static SimulatedMesosCluster cluster;
  private static URI leader;

  @BeforeAll
  static void start() {
    cluster = SimulatedMesosCluster.builder().masters(2).build().start();
    leader = cluster.leaderUrl();
    cluster.state().addAgent("host-a", "10.0.0.1");
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void contentTypeMustMatchExactly() {
    HttpResponse<byte[]> charset = send(request(leader, "/api/v1")
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"GET_HEALTH\"}")).build());
    assertThat(charset.statusCode()).isEqualTo(415);
    assertThat(text(charset)).isEqualTo("Expecting 'Content-Type' of application/json or application/x-protobuf");
    assertThat(charset.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");

    HttpResponse<byte[]> missing = send(request(leader, "/api/v1")
        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"GET_HEALTH\"}")).build());
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(text(missing)).isEqualTo("Expecting 'Content-Type' to be present");
  }

  @Test
  void methodOtherThanPostIs405WithAllow() {
    HttpResponse<byte[]> get = send(request(leader, "/api/v1").GET().build());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    assertThat(text(get)).isEqualTo("405 Method Not Allowed. Expecting one of { 'POST' }, but received 'GET'.");
  }

  @Test
  void bothPathsServeTheApi() {
    HttpResponse<byte[]> r = send(request(leader, "/master/api/v1").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"GET_HEALTH\"}")).build());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(TestHttp.json(r).path("get_health").path("healthy").asBoolean()).isTrue();
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
  }

  @Test
  void acceptNegotiation() throws Exception {
    String health = "{\"type\":\"GET_HEALTH\"}";
    assertThat(accept(health, "application/x-protobuf;q=1.0, application/json;q=0.1")
        .headers().firstValue("Content-Type")).hasValue("application/json");
    HttpResponse<byte[]> proto = accept(health, "application/x-protobuf");
    assertThat(proto.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
    assertThat(Response.parseFrom(proto.body()).getGetHealth().getHealthy()).isTrue();
    assertThat(accept(health, "application/json;q=0, application/x-protobuf")
        .headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
    assertThat(accept(health, "*/*").headers().firstValue("Content-Type")).hasValue("application/json");
    HttpResponse<byte[]> none = accept(health, "application/recordio");
    assertThat(none.statusCode()).isEqualTo(406);
    assertThat(text(none)).isEqualTo("Expecting 'Accept' to allow 'application/x-protobuf' or 'application/json'");
  }

  @Test
  void validationComesBeforeAcceptAndUnknownIs501() {
    HttpResponse<byte[]> noMetrics = send(request(leader, "/api/v1").header("Content-Type", "application/json")
        .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"GET_METRICS\"}")).build());
    assertThat(noMetrics.statusCode()).isEqualTo(400);
    assertThat(text(noMetrics)).isEqualTo("Failed to validate master::Call: Expecting 'get_metrics' to be present");

    HttpResponse<byte[]> unknown = post(leader, "{\"type\":\"UNKNOWN\"}");
    assertThat(unknown.statusCode()).isEqualTo(501);
    assertThat(text(unknown)).isEqualTo("501 Not Implemented.");

    HttpResponse<byte[]> bogus = post(leader, "{\"type\":\"BOGUS\"}");
    assertThat(bogus.statusCode()).isEqualTo(400);
    assertThat(text(bogus)).isEqualTo("Failed to validate master::Call: Expecting 'type' to be present");
  }

  @Test
  void jsonAndProtobufParseErrors() {
    HttpResponse<byte[]> notJson = post(leader, "{\"type\":");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(text(notJson)).startsWith("Failed to parse body into JSON: ");

    HttpResponse<byte[]> enumNumber = post(leader, "{\"type\":9}");
    assertThat(text(enumNumber)).isEqualTo(
        "Failed to convert JSON into Call protobuf: Not expecting a JSON number for field 'type'");

    HttpResponse<byte[]> missing = post(leader, "{\"type\":\"RESERVE_RESOURCES\",\"reserve_resources\":{}}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(text(missing)).isEqualTo(
        "Failed to convert JSON into Call protobuf: Missing required fields: reserve_resources.agent_id");

    HttpResponse<byte[]> grace = post(leader, "{\"type\":\"DRAIN_AGENT\",\"drain_agent\":{\"agent_id\":{\"value\":\"x\"},"
        + "\"max_grace_period\":\"10s\"}}");
    assertThat(text(grace)).isEqualTo(
        "Failed to convert JSON into Call protobuf: Not expecting a JSON string for field 'max_grace_period'");

    HttpResponse<byte[]> badProto = send(request(leader, "/api/v1").header("Content-Type", "application/x-protobuf")
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xff, 0x01, 0x02})).build());
    assertThat(badProto.statusCode()).isEqualTo(400);
    assertThat(text(badProto)).isEqualTo("Failed to parse body into Call protobuf");
  }

  @Test
  void protobufRequestsWork() throws Exception {
    byte[] body = Call.newBuilder().setType(Call.Type.GET_VERSION).build().toByteArray();
    HttpResponse<byte[]> r = send(request(leader, "/api/v1").header("Content-Type", "application/x-protobuf")
        .header("Accept", "application/x-protobuf").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Response.parseFrom(r.body()).getGetVersion().getVersionInfo().getVersion()).isEqualTo("1.11.0");
  }

  @Test
  void standbyRedirectsWithProtocolRelativeLocation() {
    URI standby = cluster.masterUrls().get(1);
    HttpResponse<byte[]> r = post(standby, "{\"type\":\"GET_HEALTH\"}");
    assertThat(r.statusCode()).isEqualTo(307);
    assertThat(r.headers().firstValue("Location"))
        .hasValue("//127.0.0.1:" + leader.getPort() + "/master/api/v1");
    URI resolved = standby.resolve(r.headers().firstValue("Location").orElseThrow());
    HttpResponse<byte[]> followed = send(HttpRequest.newBuilder(resolved).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"GET_HEALTH\"}")).build());
    assertThat(followed.statusCode()).isEqualTo(200);

    HttpResponse<byte[]> redirect = send(request(standby, "/redirect").GET().build());
    assertThat(redirect.statusCode()).isEqualTo(307);
    assertThat(redirect.headers().firstValue("Location")).hasValue("//127.0.0.1:" + leader.getPort());
    // a non-POST on a standby is redirected first: leadership is checked before the method
    assertThat(send(request(standby, "/api/v1").GET().build()).statusCode()).isEqualTo(307);
  }

  @Test
  void writesAnswerEmpty200Or202() {
    HttpResponse<byte[]> weights = post(leader,
        "{\"type\":\"UPDATE_WEIGHTS\",\"update_weights\":{\"weight_infos\":[{\"role\":\"dev\",\"weight\":2.5}]}}");
    assertThat(weights.statusCode()).isEqualTo(200);
    assertThat(weights.body()).isEmpty();
    assertThat(weights.headers().firstValue("Content-Length")).hasValue("0");
    assertThat(weights.headers().firstValue("Content-Type")).isEmpty();

    String agentId = cluster.groundTruth().agents().keySet().iterator().next();
    HttpResponse<byte[]> reserve = post(leader, "{\"type\":\"RESERVE_RESOURCES\",\"reserve_resources\":{"
        + "\"agent_id\":{\"value\":\"" + agentId + "\"},\"resources\":[{\"name\":\"cpus\",\"type\":\"SCALAR\","
        + "\"scalar\":{\"value\":0.5},\"reservations\":[{\"type\":\"DYNAMIC\",\"role\":\"dev\"}]}]}}");
    assertThat(reserve.statusCode()).isEqualTo(202);
    assertThat(reserve.body()).isEmpty();
    assertThat(reserve.headers().firstValue("Content-Length")).hasValue("0");

    HttpResponse<byte[]> level = post(leader, "{\"type\":\"SET_LOGGING_LEVEL\",\"set_logging_level\":"
        + "{\"level\":\"2\",\"duration\":{\"nanoseconds\":60000000000}}}");
    assertThat(level.statusCode()).isEqualTo(200);
    assertThat(call(leader, "{\"type\":\"GET_LOGGING_LEVEL\"}").path("get_logging_level").path("level").asInt())
        .isEqualTo(2);
  }

  @Test
  void largeBodiesAreGzippedOnRequest() throws Exception {
    HttpResponse<byte[]> r = send(request(leader, "/api/v1").header("Content-Type", "application/json")
        .header("Accept-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofString(
            "{\"type\":\"GET_METRICS\",\"get_metrics\":{}}")).build());
    assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
    byte[] plain = new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes();
    assertThat(plain.length).isGreaterThanOrEqualTo(1024);
    HttpResponse<byte[]> small = send(request(leader, "/api/v1").header("Content-Type", "application/json")
        .header("Accept-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"GET_HEALTH\"}"))
        .build());
    assertThat(small.headers().firstValue("Content-Encoding")).isEmpty();
  }

  @Test
  void metricsAreSortedAndIncludeTheKeyGauges() {
    JsonNode metrics = call(leader, "{\"type\":\"GET_METRICS\",\"get_metrics\":{}}").path("get_metrics")
        .path("metrics");
    List<String> names = new ArrayList<>();
    metrics.forEach(m -> names.add(m.path("name").asText()));
    assertThat(names).isSorted().contains("master/elected", "master/slaves_active",
        "master/operator_event_stream_subscribers", "allocator/mesos/resources/cpus/total");
  }

  @Test
  void getMasterCarriesNetworkOrderIpAndDoubles() {
    JsonNode master = call(leader, "{\"type\":\"GET_MASTER\"}").path("get_master");
    assertThat(master.path("master_info").path("ip").asLong()).isEqualTo(16777343L); // 127.0.0.1
    assertThat(master.path("master_info").path("port").asInt()).isEqualTo(leader.getPort());
    assertThat(master.path("start_time").isDouble()).isTrue();
    assertThat(master.path("elected_time").isDouble()).isTrue();
  }

  @Test
  void stateListsAreAlwaysEmitted() {
    JsonNode state = call(leader, "{\"type\":\"GET_STATE\"}").path("get_state");
    assertThat(state.path("get_tasks").has("tasks")).isTrue();
    assertThat(state.path("get_tasks").has("unreachable_tasks")).isTrue();
    assertThat(state.path("get_tasks").has("completed_tasks")).isTrue();
    assertThat(state.path("get_tasks").has("pending_tasks")).isFalse();
    assertThat(state.path("get_agents").has("recovered_agents")).isTrue();
    assertThat(state.path("get_frameworks").has("completed_frameworks")).isTrue();
    assertThat(state.path("get_executors").has("executors")).isTrue();
    JsonNode agent = state.path("get_agents").path("agents").get(0);
    assertThat(agent.path("agent_info").path("port").asInt()).isEqualTo(5051);
    assertThat(agent.path("total_resources").get(0).path("role").asText()).isEqualTo("*");
  }

  @Test
  void injectedFailuresAndDelays() {
    cluster.faults().failNextCalls(503, "try later", 2);
    assertThat(post(leader, "{\"type\":\"GET_HEALTH\"}").statusCode()).isEqualTo(503);
    HttpResponse<byte[]> second = post(leader, "{\"type\":\"GET_HEALTH\"}");
    assertThat(text(second)).isEqualTo("try later");
    assertThat(post(leader, "{\"type\":\"GET_HEALTH\"}").statusCode()).isEqualTo(200);
  }

  @Test
  void delayedWriteIsAppliedEvenWhenTheClientGivesUp() {
    cluster.faults().responseDelay(java.time.Duration.ofMillis(1500));
    try {
      HttpRequest request = request(leader, "/api/v1").timeout(java.time.Duration.ofMillis(200))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
              "{\"type\":\"UPDATE_WEIGHTS\",\"update_weights\":{\"weight_infos\":[{\"role\":\"late\",\"weight\":3}]}}"))
          .build();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> send(request)).hasRootCauseInstanceOf(
          java.net.http.HttpTimeoutException.class);
      assertThat(cluster.groundTruth().weights()).containsEntry("late", 3.0);
      assertThat(cluster.operations().count(o -> "late".equals(o.target()))).isEqualTo(1);
    } finally {
      cluster.faults().responseDelay(java.time.Duration.ZERO);
    }
  }

  @Test
  void droppedWriteResponseLeavesTheWriteAppliedAndTheClientWithoutAnAnswer() {
    cluster.faults().dropNextWriteResponses(1);
    String weights = "{\"type\":\"UPDATE_WEIGHTS\",\"update_weights\":{\"weight_infos\":[{\"role\":\"dropped\","
        + "\"weight\":4}]}}";
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> post(leader, weights))
        .hasRootCauseInstanceOf(java.io.IOException.class);
    assertThat(cluster.groundTruth().weights()).containsEntry("dropped", 4.0);
    assertThat(cluster.operations().count(o -> "dropped".equals(o.target()))).isEqualTo(1);
    assertThat(cluster.faults().droppedWriteResponses()).isEqualTo(1);
    assertThat(post(leader, "{\"type\":\"GET_HEALTH\"}").statusCode()).as("reads are answered").isEqualTo(200);
    assertThat(post(leader, weights).statusCode()).as("only one response was dropped").isEqualTo(200);
    cluster.faults().dropNextWriteResponses(Call.Type.RESERVE_RESOURCES, 1);
    assertThat(post(leader, weights).statusCode()).as("armed for another call type").isEqualTo(200);
    cluster.faults().clear();
  }

  private static HttpResponse<byte[]> accept(String body, String accept) {
    return send(request(leader, "/api/v1").header("Content-Type", "application/json").header("Accept", accept)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }
}
