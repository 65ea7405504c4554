package io.kafkaconnect.mesos.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaconnect.mesos.simulator.json.MesosJsonWriter;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.master.Protos.Event;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A 35,000-agent / 100,000-task cluster: populate completes and the snapshot is served; figures are printed. */
@Tag("large")
class LargeClusterTest {

  @Test
  void populatesAndServesAFullSizeCluster() throws Exception {
    try (SimulatedMesosCluster cluster = SimulatedMesosCluster.builder().build().start()) {
      long start = System.nanoTime();
      new WorkloadGenerator(cluster, WorkloadConfig.of(1, 35_000, 50, 100_000)).populate();
      long populateMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      System.gc();
      Runtime rt = Runtime.getRuntime();
      long heapMb = (rt.totalMemory() - rt.freeMemory()) / 1_000_000;
      GroundTruth truth = cluster.groundTruth();
      assertThat(truth.agents()).hasSize(35_000);
      assertThat(truth.tasks()).hasSize(100_000);
      assertThat(truth.frameworks()).hasSize(50);

      ClusterState state = cluster.state();
      Event subscribed;
      long snapStart = System.nanoTime();
      synchronized (state.lock) {
        subscribed = Event.newBuilder().setType(Event.Type.SUBSCRIBED).setSubscribed(Event.Subscribed.newBuilder()
            .setGetState(state.getStateLocked()).setHeartbeatIntervalSeconds(15)).build();
      }
      long snapMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - snapStart);
      long jsonStart = System.nanoTime();
      int jsonBytes = MesosJsonWriter.toBytes(subscribed).length;
      long jsonMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - jsonStart);
      int protoBytes = subscribed.toByteArray().length;
      System.out.printf("Large cluster: populate %d ms, heap after GC %d MB; snapshot %d ms; SUBSCRIBED JSON %.1f MB (encoded in %d ms),"
              + " protobuf %.1f MB%n", populateMs, heapMb, snapMs, jsonBytes / 1e6, jsonMs, protoBytes / 1e6);
      assertThat(jsonBytes).isGreaterThan(protoBytes);

      try (RecordIoStream stream = RecordIoStream.open(cluster.leaderUrl(), "application/x-protobuf")) {
        Event first = Event.parseFrom(stream.nextRecord());
        assertThat(first.getSubscribed().getGetState().getGetTasks().getTasksCount()).isEqualTo(100_000);
        assertThat(first.getSubscribed().getGetState().getGetAgents().getAgentsCount()).isEqualTo(35_000);
      }
    }
  }
}
