package io.kafkaconnect.mesos.simulator;

/**
 * What {@link WorkloadGenerator} builds and how it changes the cluster.
 *
 * @param seed               the random seed: equal configs give equal ground truth
 * @param agents             agents created by {@code populate()}
 * @param frameworks         frameworks created by {@code populate()}
 * @param tasks              RUNNING tasks created by {@code populate()}
 * @param roles              how many roles the frameworks spread over
 * @param agentChurnRate     probability that a step adds or removes an agent
 * @param frameworkChurnRate probability that a step adds or removes a framework
 * @param taskFailureRate    probability that a finishing task ends FAILED or KILLED instead of FINISHED
 */
public record WorkloadConfig(long seed, int agents, int frameworks, int tasks, int roles, double agentChurnRate,
                             double frameworkChurnRate, double taskFailureRate) {

  public WorkloadConfig {
    if (agents < 1 || frameworks < 1 || tasks < 0 || roles < 1) {
      throw new IllegalArgumentException("Need at least one agent, framework and role, and tasks >= 0");
    }
    if (agentChurnRate < 0 || frameworkChurnRate < 0 || agentChurnRate + frameworkChurnRate > 1
        || taskFailureRate < 0 || taskFailureRate > 1) {
      throw new IllegalArgumentException("Rates must be probabilities (agent + framework churn <= 1)");
    }
  }

  /** A small cluster: 10 agents, 3 frameworks, 30 tasks, 3 roles, 2% agent and 1% framework churn, 10% failures. */
  public static WorkloadConfig small(long seed) {
    return new WorkloadConfig(seed, 10, 3, 30, 3, 0.02, 0.01, 0.1);
  }

  /** The given sizes with the default rates of {@link #small}. */
  public static WorkloadConfig of(long seed, int agents, int frameworks, int tasks) {
    return new WorkloadConfig(seed, agents, frameworks, tasks, 3, 0.02, 0.01, 0.1);
  }

  public WorkloadConfig withRates(double agentChurn, double frameworkChurn, double taskFailure) {
    return new WorkloadConfig(seed, agents, frameworks, tasks, roles, agentChurn, frameworkChurn, taskFailure);
  }
}
