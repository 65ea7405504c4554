package io.kafkaconnect.mesos.simulator;

import static io.kafkaconnect.mesos.simulator.TestHttp.call;
import static io.kafkaconnect.mesos.simulator.TestHttp.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.Test;

/** Leader failover per facts §2: streams end, standbys redirect, agents recover gradually. */
class FailoverTest {

  @Test
  void failoverEndsStreamsMovesLeadershipAndRecoversAgents() throws Exception {
    try (SimulatedMesosCluster cluster = SimulatedMesosCluster.builder().masters(3).manualAgentReregistration()
        .build().start()) {
      ClusterState state = cluster.state();
      String a1 = state.addAgent("h1", "10.0.0.1");
      String a2 = state.addAgent("h2", "10.0.0.2");
      String fw = state.registerFramework("f", "dev");
      String task = state.launchTask(fw, a1, "t", 0.5, 64);
      state.updateTask(fw, task, TaskState.TASK_RUNNING);
      URI oldLeader = cluster.leaderUrl();

      try (RecordIoStream stream = RecordIoStream.open(oldLeader)) {
        stream.nextRecord();
        cluster.failover(Duration.ofMillis(100));
        assertThatThrownBy(() -> {
          while (true) {
            stream.nextRecord();
          }
        }).isInstanceOf(EOFException.class);
      }
      URI newLeader = cluster.leaderUrl();
      assertThat(newLeader).isNotEqualTo(oldLeader);
      var redirect = post(oldLeader, "{\"type\":\"GET_HEALTH\"}");
      assertThat(redirect.statusCode()).isEqualTo(307);
      assertThat(redirect.headers().firstValue("Location")).hasValue("//127.0.0.1:" + newLeader.getPort()
          + "/master/api/v1");

      JsonNode agents = call(newLeader, "{\"type\":\"GET_AGENTS\"}").path("get_agents");
      assertThat(agents.path("agents")).isEmpty();
      assertThat(agents.path("recovered_agents")).hasSize(2);
      assertThat(call(newLeader, "{\"type\":\"GET_FRAMEWORKS\"}").path("get_frameworks").path("frameworks")).isEmpty();
      assertThat(call(newLeader, "{\"type\":\"GET_TASKS\"}").path("get_tasks").path("tasks")).isEmpty();

      try (RecordIoStream stream = RecordIoStream.open(newLeader)) {
        JsonNode snapshot = stream.nextJson().path("subscribed").path("get_state");
        assertThat(snapshot.path("get_agents").path("recovered_agents")).hasSize(2);
        cluster.reregisterAgents(List.of(a1));
        List<String> types = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          types.add(stream.nextEvent().path("type").asText());
        }
        assertThat(types).containsExactly("AGENT_ADDED", "FRAMEWORK_ADDED", "TASK_ADDED");
        JsonNode frameworks = call(newLeader, "{\"type\":\"GET_FRAMEWORKS\"}").path("get_frameworks")
            .path("frameworks");
        assertThat(frameworks.get(0).path("recovered").asBoolean()).isTrue();
        state.reregisterFramework(fw);
        JsonNode updated = stream.nextEvent();
        assertThat(updated.path("type").asText()).isEqualTo("FRAMEWORK_UPDATED");
        assertThat(updated.path("framework_updated").path("framework").path("recovered").asBoolean()).isFalse();
        cluster.reregisterAgents();
        assertThat(stream.nextEvent().path("agent_added").path("agent").path("agent_info").path("id").path("value")
            .asText()).isEqualTo(a2);
      }
      assertThat(cluster.groundTruth().tasks()).containsEntry(task, TaskState.TASK_RUNNING);
    }
  }

  @Test
  void agentsReregisterOnTheirOwnAfterTheDelay() throws Exception {
    try (SimulatedMesosCluster cluster = SimulatedMesosCluster.builder().masters(2)
        .agentReregisterDelay(Duration.ofMillis(100)).build().start()) {
      cluster.state().addAgent("h1", "10.0.0.1");
      cluster.failover(Duration.ZERO);
      try (RecordIoStream stream = RecordIoStream.open(cluster.leaderUrl())) {
        stream.nextJson();
        waitForAgentAdded(stream);
      }
      assertThat(call(cluster.leaderUrl(), "{\"type\":\"GET_AGENTS\"}").path("get_agents").path("agents"))
          .hasSize(1);
    }
  }

  private static void waitForAgentAdded(RecordIoStream stream) throws IOException {
    assertThat(stream.nextEvent().path("type").asText()).isEqualTo("AGENT_ADDED");
  }
}
