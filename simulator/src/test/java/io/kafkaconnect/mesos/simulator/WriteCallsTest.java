package io.kafkaconnect.mesos.simulator;

import static io.kafkaconnect.mesos.simulator.TestHttp.call;
import static io.kafkaconnect.mesos.simulator.TestHttp.post;
import static io.kafkaconnect.mesos.simulator.TestHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import org.apache.mesos.v1.Protos.DrainState;
import org.apache.mesos.v1.Protos.MachineInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Write calls change the state as a real master does (facts §3). */
class WriteCallsTest {
  private SimulatedMesosCluster cluster;
  private URI leader;
  private String agent;

  @BeforeEach
  void start() {
    cluster = SimulatedMesosCluster.builder().build().start();
    leader = cluster.leaderUrl();
    agent = cluster.state().addAgent(AgentSpec.of("node1.example", "10.0.0.1").withResources(4, 8192, 1000));
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private String reserveJson(double cpus, String commandId) {
    return "{\"type\":\"RESERVE_RESOURCES\",\"reserve_resources\":{\"agent_id\":{\"value\":\"" + agent + "\"},"
        + "\"resources\":[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":" + cpus + "},"
        + "\"reservations\":[{\"type\":\"DYNAMIC\",\"role\":\"dev\",\"principal\":\"ops\",\"labels\":{\"labels\":"
        + "[{\"key\":\"command_id\",\"value\":\"" + commandId + "\"}]}}]}]}}";
  }

  @Test
  void reserveChangesTotalResourcesAtOnceAndConflictsWhenShort() {
    assertThat(post(leader, reserveJson(1.5, "c-1")).statusCode()).isEqualTo(202);
    JsonNode resources = call(leader, "{\"type\":\"GET_AGENTS\"}").path("get_agents").path("agents").get(0)
        .path("total_resources");
    JsonNode reserved = null;
    JsonNode unreserved = null;
    for (JsonNode r : resources) {
      if (r.path("name").asText().equals("cpus")) {
        if (r.path("role").asText().equals("dev")) {
          reserved = r;
        } else {
          unreserved = r;
        }
      }
    }
    assertThat(reserved).isNotNull();
    assertThat(reserved.path("scalar").path("value").asDouble()).isEqualTo(1.5);
    assertThat(reserved.path("reservation").path("principal").asText()).isEqualTo("ops");
    assertThat(reserved.path("reservations").get(0).path("type").asText()).isEqualTo("DYNAMIC");
    assertThat(unreserved.path("role").asText()).isEqualTo("*");
    assertThat(unreserved.path("scalar").path("value").asDouble()).isEqualTo(2.5);

    HttpResponse<byte[]> tooMuch = post(leader, reserveJson(3, "c-2"));
    assertThat(tooMuch.statusCode()).isEqualTo(409);
    assertThat(cluster.operations().count(o -> o.hasReservationLabel("command_id", "c-1"))).isEqualTo(1);
    assertThat(cluster.operations().count(o -> o.hasReservationLabel("command_id", "c-2"))).isZero();
  }

  @Test
  void reserveValidation() {
    HttpResponse<byte[]> unknown = post(leader, reserveJson(1, "x").replace(agent, "nope"));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(text(unknown)).isEqualTo("No agent found with specified ID");
    HttpResponse<byte[]> notReserved = post(leader, "{\"type\":\"RESERVE_RESOURCES\",\"reserve_resources\":{"
        + "\"agent_id\":{\"value\":\"" + agent + "\"},\"resources\":[{\"name\":\"cpus\",\"type\":\"SCALAR\","
        + "\"scalar\":{\"value\":1}}]}}");
    assertThat(notReserved.statusCode()).isEqualTo(400);
    assertThat(text(notReserved)).startsWith("Invalid RESERVE operation on agent " + agent + ": ");
  }

  @Test
  void oldStyleReservationIsUpgradedAndUnreserveRestores() {
    String oldStyle = "{\"type\":\"RESERVE_RESOURCES\",\"reserve_resources\":{\"agent_id\":{\"value\":\"" + agent
        + "\"},\"resources\":[{\"name\":\"mem\",\"type\":\"SCALAR\",\"scalar\":{\"value\":1024},\"role\":\"dev\","
        + "\"reservation\":{\"principal\":\"ops\"}}]}}";
    assertThat(post(leader, oldStyle).statusCode()).isEqualTo(202);
    assertThat(cluster.groundTruth().reservations().get(agent)).hasSize(1);
    String unreserve = oldStyle.replace("RESERVE_RESOURCES", "UNRESERVE_RESOURCES")
        .replace("reserve_resources", "unreserve_resources");
    assertThat(post(leader, unreserve).statusCode()).isEqualTo(202);
    assertThat(cluster.groundTruth().reservations()).doesNotContainKey(agent);
    assertThat(ResourceMath.sumScalar(cluster.groundTruth().agents().get(agent).totalResources(), "mem"))
        .isEqualTo(8192);
    assertThat(post(leader, unreserve).statusCode()).isEqualTo(409);
  }

  @Test
  void volumesCreateGrowShrinkDestroy() {
    String reserveDisk = "{\"type\":\"RESERVE_RESOURCES\",\"reserve_resources\":{\"agent_id\":{\"value\":\"" + agent
        + "\"},\"resources\":[{\"name\":\"disk\",\"type\":\"SCALAR\",\"scalar\":{\"value\":500},"
        + "\"reservations\":[{\"type\":\"DYNAMIC\",\"role\":\"db\"}]}]}}";
    assertThat(post(leader, reserveDisk).statusCode()).isEqualTo(202);
    String volume = "{\"name\":\"disk\",\"type\":\"SCALAR\",\"scalar\":{\"value\":100},\"reservations\":"
        + "[{\"type\":\"DYNAMIC\",\"role\":\"db\"}],\"disk\":{\"persistence\":{\"id\":\"pv1\"},\"volume\":"
        + "{\"mode\":\"RW\",\"container_path\":\"data\"}}}";
    String agentId = "{\"value\":\"" + agent + "\"}";
    assertThat(post(leader, "{\"type\":\"CREATE_VOLUMES\",\"create_volumes\":{\"agent_id\":" + agentId
        + ",\"volumes\":[" + volume + "]}}").statusCode()).isEqualTo(202);
    assertThat(text(post(leader, "{\"type\":\"CREATE_VOLUMES\",\"create_volumes\":{\"agent_id\":" + agentId
        + ",\"volumes\":[" + volume + "]}}"))).contains("Persistence ID 'pv1' is already in use");
    String addition = "{\"name\":\"disk\",\"type\":\"SCALAR\",\"scalar\":{\"value\":50},\"reservations\":"
        + "[{\"type\":\"DYNAMIC\",\"role\":\"db\"}]}";
    assertThat(post(leader, "{\"type\":\"GROW_VOLUME\",\"grow_volume\":{\"agent_id\":" + agentId + ",\"volume\":"
        + volume + ",\"addition\":" + addition + "}}").statusCode()).isEqualTo(202);
    String grown = volume.replace("\"value\":100", "\"value\":150");
    HttpResponse<byte[]> noAgent = post(leader, "{\"type\":\"SHRINK_VOLUME\",\"shrink_volume\":{\"volume\":" + grown
        + ",\"subtract\":{\"value\":20}}}");
    assertThat(text(noAgent)).isEqualTo(
        "Expecting 'agent_id' to be present; only agent default resources are supported right now");
    assertThat(post(leader, "{\"type\":\"SHRINK_VOLUME\",\"shrink_volume\":{\"agent_id\":" + agentId + ",\"volume\":"
        + grown + ",\"subtract\":{\"value\":20}}}").statusCode()).isEqualTo(202);
    String shrunk = volume.replace("\"value\":100", "\"value\":130");
    assertThat(post(leader, "{\"type\":\"DESTROY_VOLUMES\",\"destroy_volumes\":{\"agent_id\":" + agentId
        + ",\"volumes\":[" + shrunk + "]}}").statusCode()).isEqualTo(202);
    var reserved = cluster.groundTruth().reservations().get(agent);
    assertThat(reserved).hasSize(1);
    assertThat(reserved.get(0).getScalar().getValue()).isEqualTo(500);
    assertThat(cluster.operations().ofType("CREATE_VOLUMES")).hasSize(1);
  }

  @Test
  void quotaIsAllOrNothing() {
    String ok = "{\"type\":\"UPDATE_QUOTA\",\"update_quota\":{\"quota_configs\":[{\"role\":\"dev\","
        + "\"guarantees\":{\"cpus\":{\"value\":1}},\"limits\":{\"cpus\":{\"value\":2}}}]}}";
    assertThat(post(leader, ok).statusCode()).isEqualTo(200);
    String mixed = "{\"type\":\"UPDATE_QUOTA\",\"update_quota\":{\"quota_configs\":[{\"role\":\"qa\","
        + "\"guarantees\":{\"cpus\":{\"value\":1}}},{\"role\":\"big\",\"guarantees\":{\"cpus\":{\"value\":100}}}]}}";
    HttpResponse<byte[]> rejected = post(leader, mixed);
    assertThat(rejected.statusCode()).isEqualTo(400);
    assertThat(text(rejected)).startsWith("Invalid QuotaConfig: total quota guarantees");
    assertThat(cluster.groundTruth().quota()).containsOnlyKeys("dev");
    assertThat(post(leader, mixed.replace("\"quota_configs\"", "\"force\":true,\"quota_configs\"")).statusCode())
        .isEqualTo(200);
    assertThat(cluster.groundTruth().quota()).containsOnlyKeys("dev", "qa", "big");

    JsonNode quota = call(leader, "{\"type\":\"GET_QUOTA\"}").path("get_quota").path("status");
    assertThat(quota.path("infos")).hasSize(3);
    assertThat(quota.path("configs")).hasSize(3);
    assertThat(quota.path("configs").get(1).path("limits").path("cpus").path("value").asDouble()).isEqualTo(2.0);

    HttpResponse<byte[]> none = post(leader, "{\"type\":\"REMOVE_QUOTA\",\"remove_quota\":{\"role\":\"nobody\"}}");
    assertThat(none.statusCode()).isEqualTo(400);
    assertThat(text(none)).isEqualTo("Failed to remove quota: Role 'nobody' has no quota set");
    assertThat(post(leader, "{\"type\":\"REMOVE_QUOTA\",\"remove_quota\":{\"role\":\"qa\"}}").statusCode())
        .isEqualTo(200);
    HttpResponse<byte[]> again = post(leader, "{\"type\":\"SET_QUOTA\",\"set_quota\":{\"quota_request\":{\"role\":"
        + "\"dev\",\"guarantee\":[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":1}}]}}}");
    assertThat(text(again)).isEqualTo(
        "Failed to validate set quota request: Cannot set quota for role 'dev' which already has quota");
  }

  @Test
  void weightsMustBePositive() {
    HttpResponse<byte[]> bad = post(leader,
        "{\"type\":\"UPDATE_WEIGHTS\",\"update_weights\":{\"weight_infos\":[{\"role\":\"dev\",\"weight\":0}]}}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(text(bad)).startsWith("Failed to validate update weights request JSON: ").endsWith(
        "Weights must be positive");
    assertThat(post(leader, "{\"type\":\"UPDATE_WEIGHTS\",\"update_weights\":{\"weight_infos\":"
        + "[{\"role\":\"dev\",\"weight\":2}]}}").statusCode()).isEqualTo(200);
    assertThat(call(leader, "{\"type\":\"GET_WEIGHTS\"}").path("get_weights").path("weight_infos").get(0)
        .path("weight").asDouble()).isEqualTo(2.0);
  }

  @Test
  void maintenanceModesUpDrainingDownUp() throws Exception {
    String machine = "{\"hostname\":\"node1.example\",\"ip\":\"10.0.0.1\"}";
    String schedule = "{\"type\":\"UPDATE_MAINTENANCE_SCHEDULE\",\"update_maintenance_schedule\":{\"schedule\":"
        + "{\"windows\":[{\"machine_ids\":[" + machine + "],\"unavailability\":{\"start\":{\"nanoseconds\":"
        + "1700000000000000000}}}]}}}";
    HttpResponse<byte[]> notScheduled = post(leader,
        "{\"type\":\"START_MAINTENANCE\",\"start_maintenance\":{\"machines\":[" + machine + "]}}");
    assertThat(text(notScheduled)).endsWith("is not part of a maintenance schedule");
    assertThat(post(leader, schedule).statusCode()).isEqualTo(200);
    assertThat(cluster.groundTruth().maintenance()).containsEntry("node1.example", MachineInfo.Mode.DRAINING);
    HttpResponse<byte[]> notDown = post(leader,
        "{\"type\":\"STOP_MAINTENANCE\",\"stop_maintenance\":{\"machines\":[" + machine + "]}}");
    assertThat(text(notDown)).endsWith("is not in DOWN mode and cannot be brought up");

    try (RecordIoStream stream = RecordIoStream.open(leader)) {
      stream.nextEvent();
      assertThat(post(leader, "{\"type\":\"START_MAINTENANCE\",\"start_maintenance\":{\"machines\":[" + machine
          + "]}}").statusCode()).isEqualTo(200);
      assertThat(stream.nextEvent().path("agent_removed").path("agent_id").path("value").asText()).isEqualTo(agent);
    }
    assertThat(cluster.groundTruth().maintenance()).containsEntry("node1.example", MachineInfo.Mode.DOWN);
    assertThat(cluster.groundTruth().agents()).doesNotContainKey(agent);
    JsonNode status = call(leader, "{\"type\":\"GET_MAINTENANCE_STATUS\"}").path("get_maintenance_status");
    assertThat(status.path("status").path("down_machines")).hasSize(1);
    HttpResponse<byte[]> dropDown = post(leader, "{\"type\":\"UPDATE_MAINTENANCE_SCHEDULE\","
        + "\"update_maintenance_schedule\":{\"schedule\":{}}}");
    assertThat(text(dropDown)).endsWith("is deactivated and cannot be removed from the schedule");
    assertThat(post(leader, "{\"type\":\"STOP_MAINTENANCE\",\"stop_maintenance\":{\"machines\":[" + machine
        + "]}}").statusCode()).isEqualTo(200);
    assertThat(cluster.groundTruth().maintenance()).isEmpty();
    assertThat(call(leader, "{\"type\":\"GET_MAINTENANCE_SCHEDULE\"}").path("get_maintenance_schedule")
        .path("schedule").has("windows")).isFalse();
  }

  @Test
  void drainDeactivateReactivate() {
    String id = "{\"agent_id\":{\"value\":\"" + agent + "\"}";
    assertThat(post(leader, "{\"type\":\"DRAIN_AGENT\",\"drain_agent\":" + id + ",\"max_grace_period\":"
        + "{\"seconds\":10}}}").statusCode()).isEqualTo(200);
    JsonNode a = call(leader, "{\"type\":\"GET_AGENTS\"}").path("get_agents").path("agents").get(0);
    assertThat(a.path("deactivated").asBoolean()).isTrue();
    assertThat(a.path("drain_info").path("state").asText()).isEqualTo("DRAINING");
    assertThat(a.path("drain_info").path("config").path("max_grace_period").path("nanoseconds").asLong())
        .isEqualTo(10_000_000_000L);
    assertThat(a.path("drain_info").path("config").path("mark_gone").asBoolean()).isFalse();
    assertThat(text(post(leader, "{\"type\":\"REACTIVATE_AGENT\",\"reactivate_agent\":" + id + "}}")))
        .isEqualTo("Agent is still in the DRAINING state");
    cluster.state().completeDrain(agent);
    assertThat(cluster.groundTruth().agents().get(agent).drainState()).isEqualTo(DrainState.DRAINED);
    assertThat(post(leader, "{\"type\":\"REACTIVATE_AGENT\",\"reactivate_agent\":" + id + "}}").statusCode())
        .isEqualTo(200);
    assertThat(text(post(leader, "{\"type\":\"REACTIVATE_AGENT\",\"reactivate_agent\":" + id + "}}")))
        .isEqualTo("Agent is not deactivated");
    assertThat(post(leader, "{\"type\":\"DEACTIVATE_AGENT\",\"deactivate_agent\":" + id + "}}").statusCode())
        .isEqualTo(200);
    assertThat(cluster.groundTruth().agents().get(agent).deactivated()).isTrue();
    String incapable = cluster.state().addAgent(AgentSpec.of("old", "10.0.0.2").withDrainingCapable(false));
    assertThat(text(post(leader, "{\"type\":\"DRAIN_AGENT\",\"drain_agent\":{\"agent_id\":{\"value\":\""
        + incapable + "\"}}}"))).isEqualTo("Agent " + incapable + " is not capable of draining");
  }

  @Test
  void oldVersionsLackNewCalls() {
    try (SimulatedMesosCluster old = SimulatedMesosCluster.builder().version("1.8.0").build().start()) {
      HttpResponse<byte[]> drain = post(old.leaderUrl(), "{\"type\":\"DRAIN_AGENT\",\"drain_agent\":"
          + "{\"agent_id\":{\"value\":\"a\"}}}");
      assertThat(text(drain)).isEqualTo("Failed to validate master::Call: Expecting 'type' to be present");
      HttpResponse<byte[]> quota = post(old.leaderUrl(), "{\"type\":\"UPDATE_QUOTA\",\"update_quota\":{}}");
      assertThat(quota.statusCode()).isEqualTo(501);
    }
  }

  @Test
  void markGoneIsIdempotentAndTeardownRemovesTheFramework() {
    String fw = cluster.state().registerFramework("f", "dev");
    cluster.state().launchTask(fw, agent, "t", 0.5, 64);
    String gone = "{\"type\":\"MARK_AGENT_GONE\",\"mark_agent_gone\":{\"agent_id\":{\"value\":\"" + agent + "\"}}}";
    assertThat(post(leader, gone).statusCode()).isEqualTo(200);
    assertThat(post(leader, gone).statusCode()).isEqualTo(200);
    assertThat(cluster.operations().ofType("MARK_AGENT_GONE")).hasSize(1);
    HttpResponse<byte[]> unknown = post(leader, gone.replace(agent, "ghost"));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(text(unknown)).isEqualTo("Agent 'ghost' not found");
    assertThat(cluster.groundTruth().goneAgents()).containsExactly(agent);

    String teardown = "{\"type\":\"TEARDOWN\",\"teardown\":{\"framework_id\":{\"value\":\"" + fw + "\"}}}";
    assertThat(post(leader, teardown).statusCode()).isEqualTo(200);
    assertThat(text(post(leader, teardown))).isEqualTo("No framework found with specified ID");
    JsonNode frameworks = call(leader, "{\"type\":\"GET_FRAMEWORKS\"}").path("get_frameworks");
    assertThat(frameworks.path("frameworks")).isEmpty();
    assertThat(frameworks.path("completed_frameworks")).hasSize(1);
    assertThat(List.of(cluster.groundTruth().tasks().values().toArray())).hasSize(1);
  }
}
