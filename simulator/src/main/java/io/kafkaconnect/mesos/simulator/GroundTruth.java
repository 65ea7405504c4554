package io.kafkaconnect.mesos.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.DrainState;
import org.apache.mesos.v1.Protos.MachineInfo;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.quota.Protos.QuotaConfig;

/**
 * An immutable snapshot of the simulated cluster, for assertions: what a connector's output should converge to.
 *
 * @param agents       every agent the master holds (registered or only recovered), by id
 * @param frameworks   live frameworks by id
 * @param tasks        task id to state, for live tasks and the completed tasks the master still remembers
 * @param executors    executor id to the agent it runs on
 * @param reservations agent id to its dynamically reserved resources (volumes included), post-refinement format
 * @param quota        role to quota config
 * @param weights      role to weight, for roles with an explicit weight
 * @param maintenance  machine (hostname, or ip when no hostname) to mode, for machines in the schedule
 * @param goneAgents   ids of agents marked gone
 */
public record GroundTruth(Map<String, AgentView> agents, Map<String, FrameworkView> frameworks,
                          Map<String, TaskState> tasks, Map<String, String> executors,
                          Map<String, List<Resource>> reservations, Map<String, QuotaConfig> quota,
                          Map<String, Double> weights, Map<String, MachineInfo.Mode> maintenance,
                          List<String> goneAgents) {

  /** One agent. {@code drainState} is null when the agent is not draining. */
  public record AgentView(String id, String hostname, String ip, boolean registered, boolean deactivated,
                          DrainState drainState, List<Resource> totalResources, int liveTasks) {
  }

  /** One framework. */
  public record FrameworkView(String id, String name, List<String> roles, boolean active, boolean recovered,
                              int liveTasks) {
  }

  static GroundTruth capture(ClusterState s) {
    Map<String, AgentView> agents = new LinkedHashMap<>();
    Map<String, List<Resource>> reservations = new LinkedHashMap<>();
    for (AgentRecord a : s.agents.values()) {
      agents.put(a.id, new AgentView(a.id, a.info.getHostname(), a.ip, a.registered, a.deactivated,
          a.drainInfo == null ? null : a.drainInfo.getState(), List.copyOf(a.totalResources), a.taskIds.size()));
      List<Resource> reserved = a.totalResources.stream().filter(r -> r.getReservationsCount() > 0).toList();
      if (!reserved.isEmpty()) {
        reservations.put(a.id, reserved);
      }
    }
    Map<String, FrameworkView> frameworks = new LinkedHashMap<>();
    for (FrameworkRecord f : s.frameworks.values()) {
      frameworks.put(f.id, new FrameworkView(f.id, f.info.getName(), List.copyOf(f.info.getRolesList()), f.active,
          f.recovered, f.taskIds.size()));
    }
    Map<String, TaskState> tasks = new LinkedHashMap<>();
    s.completedTasks.values().forEach(d -> d.forEach(t -> tasks.put(t.getTaskId().getValue(), t.getState())));
    s.tasks.values().forEach(t -> tasks.put(t.getTaskId().getValue(), t.getState()));
    Map<String, String> executors = new LinkedHashMap<>();
    s.tasks.values().forEach(t -> executors.put(t.getExecutorId().getValue(), t.getAgentId().getValue()));
    Map<String, MachineInfo.Mode> maintenance = new LinkedHashMap<>();
    s.machineModes.forEach((id, mode) -> maintenance.put(id.hasHostname() ? id.getHostname() : id.getIp(), mode));
    return new GroundTruth(java.util.Collections.unmodifiableMap(agents),
        java.util.Collections.unmodifiableMap(frameworks), java.util.Collections.unmodifiableMap(tasks),
        java.util.Collections.unmodifiableMap(executors), java.util.Collections.unmodifiableMap(reservations),
        Map.copyOf(s.quotas), Map.copyOf(s.weights), java.util.Collections.unmodifiableMap(maintenance),
        List.copyOf(s.goneAgents));
  }
}
