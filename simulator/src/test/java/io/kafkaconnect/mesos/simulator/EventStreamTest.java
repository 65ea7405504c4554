package io.kafkaconnect.mesos.simulator;

import static io.kafkaconnect.mesos.simulator.TestHttp.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.master.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SUBSCRIBE per facts §4: first records, heartbeats, events per mutation, eviction and stream faults. */
class EventStreamTest {
  private SimulatedMesosCluster cluster;

  private SimulatedMesosCluster start(SimulatedMesosCluster.Builder builder) {
    cluster = builder.build().start();
    return cluster;
  }

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void subscribedThenImmediateHeartbeatThenPeriodicHeartbeats() throws Exception {
    start(SimulatedMesosCluster.builder().heartbeatInterval(Duration.ofMillis(200)));
    cluster.state().addAgent("h1", "10.0.0.1");
    try (RecordIoStream stream = RecordIoStream.open(cluster.leaderUrl())) {
      assertThat(stream.response.statusCode()).isEqualTo(200);
      assertThat(stream.response.headers().firstValue("Content-Type")).hasValue("application/json");
      JsonNode first = stream.nextJson();
      assertThat(first.path("type").asText()).isEqualTo("SUBSCRIBED");
      assertThat(first.path("subscribed").path("heartbeat_interval_seconds").asDouble()).isEqualTo(0.2);
      assertThat(first.path("subscribed").path("get_state").path("get_agents").path("agents")).hasSize(1);
      assertThat(first.path("subscribed").path("get_state").path("get_tasks").has("tasks")).isTrue();
      assertThat(stream.nextJson().path("type").asText()).isEqualTo("HEARTBEAT");
      assertThat(stream.nextJson().path("type").asText()).isEqualTo("HEARTBEAT");
      assertThat(stream.nextJson().path("type").asText()).isEqualTo("HEARTBEAT");
    }
  }

  @Test
  void heartbeatRecordIsExactlyTheMesosBytes() throws Exception {
    start(SimulatedMesosCluster.builder());
    try (RecordIoStream stream = RecordIoStream.open(cluster.leaderUrl())) {
      stream.nextRecord();
      assertThat(new String(stream.nextRecord(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo("{\"type\":\"HEARTBEAT\"}");
    }
  }

  @Test
  void oldVersionsHaveNoHeartbeats() throws Exception {
    start(SimulatedMesosCluster.builder().version("1.4.0").heartbeatInterval(Duration.ofMillis(100)));
    try (RecordIoStream stream = RecordIoStream.open(cluster.leaderUrl())) {
      JsonNode first = stream.nextJson();
      assertThat(first.path("subscribed").has("heartbeat_interval_seconds")).isFalse();
      cluster.state().addAgent("h1", "10.0.0.1");
      assertThat(stream.nextJson().path("type").asText()).isEqualTo("AGENT_ADDED");
    }
  }

  @Test
  void everyMutationEmitsItsEvents() throws Exception {
    start(SimulatedMesosCluster.builder());
    ClusterState state = cluster.state();
    try (RecordIoStream stream = RecordIoStream.open(cluster.leaderUrl())) {
      stream.nextEvent();
      String agent = state.addAgent("h1", "10.0.0.1");
      assertThat(stream.nextEvent().path("agent_added").path("agent").path("agent_info").path("id").path("value")
          .asText()).isEqualTo(agent);
      String fw = state.registerFramework("marathon", "dev");
      JsonNode added = stream.nextEvent();
      assertThat(added.path("type").asText()).isEqualTo("FRAMEWORK_ADDED");
      assertThat(added.path("framework_added").path("framework").path("framework_info").path("failover_timeout")
          .isNumber()).isTrue();
      String task = state.launchTask(fw, agent, "web", 0.5, 256);
      JsonNode taskAdded = stream.nextEvent();
      assertThat(taskAdded.path("task_added").path("task").path("state").asText()).isEqualTo("TASK_STAGING");
      state.updateTask(fw, task, TaskState.TASK_RUNNING);
      state.updateTask(fw, task, TaskState.TASK_RUNNING); // a retry: no event
      JsonNode updated = stream.nextEvent();
      assertThat(updated.path("type").asText()).isEqualTo("TASK_UPDATED");
      assertThat(updated.path("task_updated").has("task_id")).isFalse();
      assertThat(updated.path("task_updated").has("agent_id")).isFalse();
      assertThat(updated.path("task_updated").path("status").path("task_id").path("value").asText()).isEqualTo(task);
      assertThat(updated.path("task_updated").path("state").asText()).isEqualTo("TASK_RUNNING");

      // Reservations, weights, deactivate: nothing streamed. The next event is the framework update.
      assertThat(post(cluster.leaderUrl(), "{\"type\":\"DEACTIVATE_AGENT\",\"deactivate_agent\":{\"agent_id\":{\"value\":\""
          + agent + "\"}}}").statusCode()).isEqualTo(200);
      assertThat(post(cluster.leaderUrl(), "{\"type\":\"UPDATE_WEIGHTS\",\"update_weights\":{\"weight_infos\":"
          + "[{\"role\":\"dev\",\"weight\":2}]}}").statusCode()).isEqualTo(200);
      state.reregisterFramework(fw);
      assertThat(stream.nextEvent().path("type").asText()).isEqualTo("FRAMEWORK_UPDATED");

      state.removeAgent(agent);
      JsonNode lost = stream.nextEvent();
      assertThat(lost.path("task_updated").path("state").asText()).isEqualTo("TASK_LOST");
      assertThat(lost.path("task_updated").path("status").path("reason").asText()).isEqualTo("REASON_AGENT_REMOVED");
      assertThat(stream.nextEvent().path("agent_removed").path("agent_id").path("value").asText()).isEqualTo(agent);

      state.removeFramework(fw);
      assertThat(stream.nextEvent().path("framework_removed").path("framework_info").path("name").asText())
          .isEqualTo("marathon");
    }
  }

  @Test
  void teardownAndMarkGoneStreamOnlyTaskUpdatesBeforeRemoval() throws Exception {
    start(SimulatedMesosCluster.builder());
    ClusterState state = cluster.state();
    String agent = state.addAgent("h1", "10.0.0.1");
    String fw = state.registerFramework("f", "dev");
    String task = state.launchTask(fw, agent, "t", 0.1, 32);
    try (RecordIoStream stream = RecordIoStream.open(cluster.leaderUrl())) {
      stream.nextEvent();
      assertThat(post(cluster.leaderUrl(), "{\"type\":\"MARK_AGENT_GONE\",\"mark_agent_gone\":{\"agent_id\":{\"value\":\""
          + agent + "\"}}}").statusCode()).isEqualTo(200);
      JsonNode gone = stream.nextEvent();
      assertThat(gone.path("task_updated").path("status").path("reason").asText())
          .isEqualTo("REASON_AGENT_REMOVED_BY_OPERATOR");
      assertThat(gone.path("task_updated").path("status").path("source").asText()).isEqualTo("SOURCE_MASTER");
      assertThat(gone.path("task_updated").path("status").path("task_id").path("value").asText()).isEqualTo(task);
      assertThat(post(cluster.leaderUrl(), "{\"type\":\"TEARDOWN\",\"teardown\":{\"framework_id\":{\"value\":\""
          + fw + "\"}}}").statusCode()).isEqualTo(200);
      assertThat(stream.nextEvent().path("type").asText()).isEqualTo("FRAMEWORK_REMOVED"); // no AGENT_REMOVED before
    }
  }

  @Test
  void protobufStreams() throws Exception {
    start(SimulatedMesosCluster.builder());
    try (RecordIoStream stream = RecordIoStream.open(cluster.leaderUrl(), "application/x-protobuf")) {
      assertThat(stream.response.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
      assertThat(Event.parseFrom(stream.nextRecord()).getType()).isEqualTo(Event.Type.SUBSCRIBED);
      assertThat(Event.parseFrom(stream.nextRecord()).getType()).isEqualTo(Event.Type.HEARTBEAT);
      cluster.state().addAgent("h1", "10.0.0.1");
      assertThat(Event.parseFrom(stream.nextRecord()).getAgentAdded().getAgent().getAgentInfo().getHostname())
          .isEqualTo("h1");
    }
  }

  @Test
  void recordsAreSplitAcrossAndPackedIntoChunks() throws Exception {
    start(SimulatedMesosCluster.builder().heartbeatInterval(Duration.ofMillis(50)).seed(7));
    cluster.faults().stallStreams(); // let events queue up so that the writer packs them
    try (RawChunkedStream raw = RawChunkedStream.subscribe(cluster.leaderUrl())) {
      for (int i = 0; i < 40; i++) {
        cluster.state().addAgent("host-" + i, "10.0.0." + i);
      }
      cluster.faults().resumeStreams();
      raw.readRecords(42, 100_000);
      assertThat(raw.recordsParsed()).isGreaterThanOrEqualTo(42);
      assertThat(raw.chunksEndingMidRecord()).isGreaterThan(0);
      assertThat(raw.chunksHoldingARecordEnd()).isGreaterThan(0);
    }
  }

  @Test
  void oldestSubscriberIsEvicted() throws Exception {
    start(SimulatedMesosCluster.builder().maxSubscribers(2));
    try (RecordIoStream first = RecordIoStream.open(cluster.leaderUrl());
         RecordIoStream second = RecordIoStream.open(cluster.leaderUrl())) {
      first.nextRecord();
      second.nextRecord();
      try (RecordIoStream third = RecordIoStream.open(cluster.leaderUrl())) {
        third.nextRecord();
        first.nextRecord(); // the heartbeat queued before eviction
        assertThatThrownBy(first::nextRecord).isInstanceOf(EOFException.class);
        cluster.state().addAgent("h", "10.0.0.9");
        assertThat(second.nextEvent().path("type").asText()).isEqualTo("AGENT_ADDED");
        assertThat(third.nextEvent().path("type").asText()).isEqualTo("AGENT_ADDED");
        assertThat(cluster.subscriberCount()).isEqualTo(2);
      }
    }
  }

  @Test
  void stalledStreamsGetNothingUntilResumedAndLoseNothing() throws Exception {
    start(SimulatedMesosCluster.builder().heartbeatInterval(Duration.ofMillis(50)));
    cluster.faults().stallStreams();
    try (RecordIoStream stream = RecordIoStream.open(cluster.leaderUrl())) {
      assertThat(stream.response.statusCode()).isEqualTo(200);
      String agent = cluster.state().addAgent("h1", "10.0.0.1");
      Thread.sleep(400); // eight heartbeat intervals
      assertThat(stream.raw().available()).isZero();
      assertThat(cluster.bufferedEvents()).as("the master holds the agent's event for the stream").isPositive();
      cluster.faults().resumeStreams();
      assertThat(stream.nextJson().path("type").asText()).isEqualTo("SUBSCRIBED");
      JsonNode event = stream.nextEvent();
      assertThat(event.path("agent_added").path("agent").path("agent_info").path("id").path("value").asText())
          .isEqualTo(agent);
    }
  }

  @Test
  void droppedStreamsEndWithEof() throws Exception {
    start(SimulatedMesosCluster.builder());
    try (RecordIoStream stream = RecordIoStream.open(cluster.leaderUrl())) {
      stream.nextRecord();
      stream.nextRecord();
      cluster.faults().dropAllStreams();
      assertThatThrownBy(stream::nextRecord).isInstanceOf(EOFException.class);
    }
  }

  @Test
  void framingFaults() throws Exception {
    start(SimulatedMesosCluster.builder().heartbeatInterval(Duration.ofMillis(100)));
    try (RecordIoStream stream = RecordIoStream.open(cluster.leaderUrl())) {
      stream.nextRecord();
      stream.nextRecord();
      cluster.faults().garbageHeaderOnNextRecord();
      assertThatThrownBy(stream::nextRecord).isInstanceOf(IOException.class).hasMessageContaining("Bad RecordIO header");
    }
    try (RecordIoStream stream = RecordIoStream.open(cluster.leaderUrl())) {
      stream.nextRecord();
      stream.nextRecord();
      cluster.faults().oversizedHeaderOnNextRecord(1L << 40);
      assertThat(stream.nextHeader()).isEqualTo("1099511627776");
    }
    try (RecordIoStream stream = RecordIoStream.open(cluster.leaderUrl())) {
      stream.nextRecord();
      stream.nextRecord();
      cluster.faults().truncateNextRecord();
      assertThatThrownBy(stream::nextRecord).isInstanceOf(EOFException.class).hasMessageContaining("truncated");
    }
  }

  @Test
  void noEventIsLostBetweenSnapshotAndStream() throws Exception {
    start(SimulatedMesosCluster.builder());
    WorkloadGenerator generator = new WorkloadGenerator(cluster, WorkloadConfig.of(3, 20, 4, 100));
    generator.populate();
    generator.start(3000);
    Map<String, String> tasks = new HashMap<>();
    try (RecordIoStream stream = RecordIoStream.open(cluster.leaderUrl())) {
      JsonNode snapshot = stream.nextJson().path("subscribed").path("get_state").path("get_tasks");
      snapshot.path("tasks").forEach(t -> tasks.put(t.path("task_id").path("value").asText(),
          t.path("state").asText()));
      Thread.sleep(300);
      generator.stop();
      String marker = cluster.state().addAgent("marker", "10.9.9.9");
      while (true) {
        JsonNode e = stream.nextEvent();
        String type = e.path("type").asText();
        if (type.equals("TASK_ADDED")) {
          JsonNode t = e.path("task_added").path("task");
          tasks.put(t.path("task_id").path("value").asText(), t.path("state").asText());
        } else if (type.equals("TASK_UPDATED")) {
          tasks.put(e.path("task_updated").path("status").path("task_id").path("value").asText(),
              e.path("task_updated").path("state").asText());
        } else if (type.equals("AGENT_ADDED") && e.path("agent_added").path("agent").path("agent_info").path("id")
            .path("value").asText().equals(marker)) {
          break;
        }
      }
    }
    Map<String, String> liveFromStream = new HashMap<>();
    tasks.forEach((id, s) -> {
      if (!ClusterState.isTerminal(TaskState.valueOf(s))) {
        liveFromStream.put(id, s);
      }
    });
    Map<String, String> liveTruth = new HashMap<>();
    cluster.groundTruth().tasks().forEach((id, s) -> {
      if (!ClusterState.isTerminal(s)) {
        liveTruth.put(id, s.name());
      }
    });
    assertThat(liveTruth).isNotEmpty();
    assertThat(liveFromStream).isEqualTo(liveTruth);
  }
}
