package io.kafkaconnect.mesos.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.Test;

/** The master's bounded history: completed frameworks beyond {@code --max_completed_frameworks} take their tasks. */
class CompletedHistoryTest {

  @Test
  void completedTasksAreForgottenWithTheirCompletedFramework() {
    try (SimulatedMesosCluster cluster = SimulatedMesosCluster.builder().build().start()) {
      ClusterState state = cluster.state();
      String agent = state.addAgent("host-a", "10.0.0.1");
      List<String> tasks = new ArrayList<>();
      for (int i = 0; i <= ClusterState.MAX_COMPLETED_FRAMEWORKS; i++) {
        String framework = state.registerFramework("fw-" + i, "role");
        String task = state.launchTask(framework, agent, "t-" + i, 0.1, 16);
        state.updateTask(framework, task, TaskState.TASK_FINISHED);
        state.removeFramework(framework);
        tasks.add(task);
      }
      assertThat(cluster.groundTruth().tasks()).as("the oldest completed framework is forgotten, its tasks too")
          .doesNotContainKey(tasks.get(0))
          .containsKeys(tasks.subList(1, tasks.size()).toArray(String[]::new));
    }
  }
}
