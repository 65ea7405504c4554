package io.kafkaconnect.mesos.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.Test;

/** The generator is deterministic per seed and drives realistic transitions. */
class WorkloadGeneratorTest {

  private static GroundTruth run(WorkloadConfig config, int steps) {
    try (SimulatedMesosCluster cluster = SimulatedMesosCluster.builder().build().start()) {
      WorkloadGenerator generator = new WorkloadGenerator(cluster, config);
      generator.populate();
      generator.step(steps);
      return cluster.groundTruth();
    }
  }

  @Test
  void sameSeedSameGroundTruth() {
    WorkloadConfig config = WorkloadConfig.of(11, 20, 4, 80).withRates(0.05, 0.03, 0.2);
    GroundTruth first = run(config, 3000);
    GroundTruth second = run(config, 3000);
    assertThat(first).isEqualTo(second);
    GroundTruth other = run(WorkloadConfig.of(12, 20, 4, 80).withRates(0.05, 0.03, 0.2), 3000);
    assertThat(other.tasks()).isNotEqualTo(first.tasks());
  }

  @Test
  void populateBuildsTheConfiguredClusterWithRunningTasks() {
    try (SimulatedMesosCluster cluster = SimulatedMesosCluster.builder().build().start()) {
      new WorkloadGenerator(cluster, WorkloadConfig.of(1, 7, 3, 50)).populate();
      GroundTruth truth = cluster.groundTruth();
      assertThat(truth.agents()).hasSize(7);
      assertThat(truth.frameworks()).hasSize(3);
      assertThat(truth.tasks()).hasSize(50).allSatisfy((id, state) -> assertThat(state)
          .isEqualTo(TaskState.TASK_RUNNING));
      assertThat(truth.executors()).hasSize(50);
    }
  }

  @Test
  void stepsProduceEveryKindOfTransition() {
    try (SimulatedMesosCluster cluster = SimulatedMesosCluster.builder().build().start()) {
      WorkloadGenerator generator = new WorkloadGenerator(cluster, WorkloadConfig.of(5, 10, 3, 30)
          .withRates(0.05, 0.05, 0.3));
      generator.populate();
      assertThat(generator.taskTransitions()).isZero();
      generator.step(2000);
      // every step but the 10% agent and framework churn is a launch or a state change
      assertThat(generator.taskTransitions()).isBetween(1700L, 2000L);
      GroundTruth truth = cluster.groundTruth();
      assertThat(truth.tasks().values()).contains(TaskState.TASK_FINISHED, TaskState.TASK_FAILED,
          TaskState.TASK_KILLED, TaskState.TASK_RUNNING);
      assertThat(truth.agents().keySet()).isNotEqualTo(java.util.Set.of());
    }
  }

  @Test
  void backgroundRunMutatesUntilStopped() throws Exception {
    try (SimulatedMesosCluster cluster = SimulatedMesosCluster.builder().build().start();
         WorkloadGenerator generator = new WorkloadGenerator(cluster, WorkloadConfig.small(9))) {
      generator.populate();
      GroundTruth before = cluster.groundTruth();
      generator.start(500);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (cluster.groundTruth().equals(before) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      generator.stop();
      GroundTruth stopped = cluster.groundTruth();
      assertThat(stopped).isNotEqualTo(before);
      Thread.sleep(100);
      assertThat(cluster.groundTruth()).isEqualTo(stopped);
    }
  }
}
