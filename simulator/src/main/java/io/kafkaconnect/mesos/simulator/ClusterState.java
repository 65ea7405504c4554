package io.kafkaconnect.mesos.simulator;

import com.google.protobuf.ByteString;
import io.kafkaconnect.mesos.simulator.stream.EventStreamHub;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.DrainState;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.MachineID;
import org.apache.mesos.v1.Protos.MachineInfo;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Task;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.TimeInfo;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.maintenance.Protos.Schedule;
import org.apache.mesos.v1.master.Protos.Event;
import org.apache.mesos.v1.master.Protos.Response;
import org.apache.mesos.v1.quota.Protos.QuotaConfig;

/**
 * The leading master's in-memory state: agents, frameworks, tasks, executors, reservations, quota, weights and
 * maintenance. Every mutator is atomic and publishes the stream events a real master would, in the same order, to the
 * open SUBSCRIBE streams. Snapshots (GET_STATE, SUBSCRIBED) are taken under the same lock as the mutations.
 */
public final class ClusterState {
  static final int MAX_COMPLETED_TASKS_PER_FRAMEWORK = 1000;
  static final int MAX_COMPLETED_FRAMEWORKS = 50;

  final Object lock = new Object();
  final MesosVersion version;
  final EventStreamHub hub;
  private final AtomicLong idSequence = new AtomicLong();

  final Map<String, AgentRecord> agents = new LinkedHashMap<>();
  final Map<String, FrameworkRecord> frameworks = new LinkedHashMap<>();
  final Map<String, Task> tasks = new LinkedHashMap<>();
  final Map<String, Deque<Task>> completedTasks = new LinkedHashMap<>();
  final Deque<FrameworkRecord> completedFrameworks = new ArrayDeque<>();
  final java.util.Set<String> goneAgents = new java.util.LinkedHashSet<>();
  final Map<String, QuotaConfig> quotas = new LinkedHashMap<>();
  final Map<String, Double> weights = new LinkedHashMap<>();
  /** Machines in the schedule, by MachineID, with their mode (DRAINING or DOWN). */
  final Map<MachineID, MachineInfo.Mode> machineModes = new LinkedHashMap<>();
  Schedule schedule = Schedule.getDefaultInstance();
  int loggingLevel;

  ClusterState(MesosVersion version, EventStreamHub hub) {
    this.version = version;
    this.hub = hub;
  }

  // ---------------------------------------------------------------- frameworks

  /** Subscribes a new framework with one role; emits FRAMEWORK_ADDED. Returns its id. */
  public String registerFramework(String name, String role) {
    return registerFramework(FrameworkInfo.newBuilder().setUser("root").setName(name).addRoles(role)
        .addCapabilities(FrameworkInfo.Capability.newBuilder().setType(FrameworkInfo.Capability.Type.MULTI_ROLE))
        .build());
  }

  /** Subscribes a new framework; an id is assigned when {@code info} has none. Emits FRAMEWORK_ADDED. */
  public String registerFramework(FrameworkInfo info) {
    synchronized (lock) {
      String id = info.hasId() ? info.getId().getValue() : nextId("framework");
      if (frameworks.containsKey(id)) {
        throw new IllegalArgumentException("Framework " + id + " already registered");
      }
      FrameworkInfo withId = info.toBuilder().setId(FrameworkID.newBuilder().setValue(id)).build();
      FrameworkRecord record = new FrameworkRecord(id, withId, nowNanos());
      frameworks.put(id, record);
      publishFramework(Event.Type.FRAMEWORK_ADDED, record);
      return id;
    }
  }

  /**
   * The framework re-subscribes: FRAMEWORK_UPDATED, or FRAMEWORK_ADDED when this master does not know it yet (after a
   * failover, before any of its agents re-registered).
   */
  public void reregisterFramework(String frameworkId) {
    synchronized (lock) {
      FrameworkRecord record = requireFramework(frameworkId);
      boolean wasVisible = record.visible;
      record.visible = true;
      record.recovered = false;
      record.active = true;
      record.connected = true;
      record.reregisteredNanos = nowNanos();
      publishFramework(wasVisible ? Event.Type.FRAMEWORK_UPDATED : Event.Type.FRAMEWORK_ADDED, record);
    }
  }

  /** Removes the framework like a TEARDOWN: TASK_KILLED updates for its live tasks, then FRAMEWORK_REMOVED. */
  public void removeFramework(String frameworkId) {
    synchronized (lock) {
      teardownLocked(requireFramework(frameworkId));
    }
  }

  void teardownLocked(FrameworkRecord record) {
    for (String taskId : new ArrayList<>(record.taskIds)) {
      Task task = tasks.get(taskId);
      if (task != null) {
        transitionLocked(task, TaskState.TASK_KILLED, TaskStatus.Reason.REASON_FRAMEWORK_REMOVED,
            TaskStatus.Source.SOURCE_MASTER, "Framework removed");
      }
    }
    frameworks.remove(record.id);
    record.active = false;
    record.connected = false;
    record.unregisteredNanos = nowNanos();
    completedFrameworks.addLast(record);
    while (completedFrameworks.size() > MAX_COMPLETED_FRAMEWORKS) {
      // A real master keeps a completed framework's completed tasks with it, and forgets both together.
      completedTasks.remove(completedFrameworks.removeFirst().id);
    }
    if (record.visible && version.atLeast(1, 4) && hub.hasSubscribers()) {
      hub.publish(Event.newBuilder().setType(Event.Type.FRAMEWORK_REMOVED)
          .setFrameworkRemoved(Event.FrameworkRemoved.newBuilder().setFrameworkInfo(record.info)).build());
    }
  }

  // ---------------------------------------------------------------- agents

  /** Registers an agent with default resources; emits AGENT_ADDED. Returns its id. */
  public String addAgent(String hostname, String ip) {
    return addAgent(AgentSpec.of(hostname, ip));
  }

  /** Registers a new agent; emits AGENT_ADDED. Returns its id. */
  public String addAgent(AgentSpec spec) {
    Objects.requireNonNull(spec, "spec");
    synchronized (lock) {
      String id = nextId("agent") + "-S0";
      List<Resource> resources = new ArrayList<>();
      addScalar(resources, "cpus", spec.cpus());
      addScalar(resources, "mem", spec.mem());
      addScalar(resources, "disk", spec.disk());
      addScalar(resources, "gpus", spec.gpus());
      if (!spec.ports().isEmpty()) {
        Value.Ranges.Builder ranges = Value.Ranges.newBuilder();
        spec.ports().forEach(p -> ranges.addRange(Value.Range.newBuilder().setBegin(p.begin()).setEnd(p.end())));
        resources.add(Resource.newBuilder().setName("ports").setType(Value.Type.RANGES).setRanges(ranges).build());
      }
      AgentInfo.Builder info = AgentInfo.newBuilder().setHostname(spec.hostname()).setPort(5051)
          .setId(AgentID.newBuilder().setValue(id));
      resources.forEach(r -> info.addResources(ResourceMath.toEndpointFormat(r)));
      spec.attributes().forEach((k, v) -> info.addAttributes(Attribute.newBuilder().setName(k)
          .setType(Value.Type.TEXT).setText(Value.Text.newBuilder().setValue(v))));
      AgentRecord record = new AgentRecord(id, info.build(), spec.ip(), spec.drainingCapable(), resources, nowNanos());
      agents.put(id, record);
      publishAgentAdded(record);
      return id;
    }
  }

  /** The agent unregisters: TASK_LOST (REASON_AGENT_REMOVED) for its live tasks, then AGENT_REMOVED. */
  public void removeAgent(String agentId) {
    synchronized (lock) {
      removeAgentLocked(requireAgent(agentId), TaskState.TASK_LOST, TaskStatus.Reason.REASON_AGENT_REMOVED, true);
    }
  }

  /**
   * Finishes a drain started by DRAIN_AGENT: live tasks are killed (REASON_AGENT_DRAINING) and drain_info becomes
   * DRAINED; with {@code mark_gone} the agent is then marked gone.
   */
  public void completeDrain(String agentId) {
    synchronized (lock) {
      AgentRecord agent = requireAgent(agentId);
      if (agent.drainInfo == null) {
        throw new IllegalStateException("Agent " + agentId + " is not draining");
      }
      for (String taskId : new ArrayList<>(agent.taskIds)) {
        transitionLocked(tasks.get(taskId), TaskState.TASK_KILLED, TaskStatus.Reason.REASON_AGENT_DRAINING,
            TaskStatus.Source.SOURCE_AGENT, "Agent draining");
      }
      agent.drainInfo = agent.drainInfo.toBuilder().setState(DrainState.DRAINED).build();
      if (agent.drainInfo.getConfig().getMarkGone()) {
        markGoneLocked(agent);
      }
    }
  }

  void removeAgentLocked(AgentRecord agent, TaskState taskState, TaskStatus.Reason reason, boolean emitRemoved) {
    for (String taskId : new ArrayList<>(agent.taskIds)) {
      Task task = tasks.get(taskId);
      TaskState state = taskState;
      if (state == TaskState.TASK_GONE_BY_OPERATOR) {
        FrameworkRecord fw = frameworks.get(task.getFrameworkId().getValue());
        if (fw == null || !fw.isPartitionAware()) {
          state = TaskState.TASK_LOST;
        }
      }
      transitionLocked(task, state, reason, TaskStatus.Source.SOURCE_MASTER, "Agent removed");
    }
    agents.remove(agent.id);
    if (emitRemoved && agent.registered && version.atLeast(1, 1) && hub.hasSubscribers()) {
      hub.publish(Event.newBuilder().setType(Event.Type.AGENT_REMOVED)
          .setAgentRemoved(Event.AgentRemoved.newBuilder().setAgentId(agentIdOf(agent.id))).build());
    }
  }

  void markGoneLocked(AgentRecord agent) {
    removeAgentLocked(agent, TaskState.TASK_GONE_BY_OPERATOR, TaskStatus.Reason.REASON_AGENT_REMOVED_BY_OPERATOR,
        false);
    goneAgents.add(agent.id);
  }

  // ---------------------------------------------------------------- tasks

  /** Launches a task with an generated id (TASK_ADDED in TASK_STAGING). Returns the task id. */
  public String launchTask(String frameworkId, String agentId, String name, double cpus, double mem) {
    return launchTask(frameworkId, agentId, nextId("task"), name, cpus, mem, 0);
  }

  /**
   * Launches a task on the agent, using its unreserved resources allocated to the framework's first role. Emits
   * TASK_ADDED with the task in TASK_STAGING. Returns the task id.
   */
  public String launchTask(String frameworkId, String agentId, String taskId, String name, double cpus, double mem,
                           double disk) {
    synchronized (lock) {
      FrameworkRecord fw = requireFramework(frameworkId);
      AgentRecord agent = requireAgent(agentId);
      if (tasks.containsKey(taskId)) {
        throw new IllegalArgumentException("Task " + taskId + " already exists");
      }
      String role = fw.info.getRolesCount() > 0 ? fw.info.getRoles(0) : fw.info.getRole();
      Resource.AllocationInfo allocation = Resource.AllocationInfo.newBuilder().setRole(role).build();
      Task.Builder task = Task.newBuilder().setName(name).setTaskId(TaskID.newBuilder().setValue(taskId))
          .setFrameworkId(fw.info.getId()).setAgentId(agentIdOf(agentId)).setState(TaskState.TASK_STAGING)
          .setExecutorId(ExecutorID.newBuilder().setValue(taskId)).setUser(fw.info.getUser());
      for (Resource r : List.of(ResourceMath.scalar("cpus", cpus), ResourceMath.scalar("mem", mem),
          ResourceMath.scalar("disk", disk))) {
        if (r.getScalar().getValue() > 0) {
          task.addResources(r.toBuilder().setAllocationInfo(allocation));
        }
      }
      Task built = task.build();
      tasks.put(taskId, built);
      fw.taskIds.add(taskId);
      agent.taskIds.add(taskId);
      if (agent.registered && hub.hasSubscribers()) {
        hub.publish(Event.newBuilder().setType(Event.Type.TASK_ADDED)
            .setTaskAdded(Event.TaskAdded.newBuilder().setTask(built)).build());
      }
      return taskId;
    }
  }

  /** A status update from the agent; emits TASK_UPDATED when the state changes. */
  public void updateTask(String frameworkId, String taskId, TaskState state) {
    updateTask(frameworkId, taskId, state, null);
  }

  /**
   * A status update from the agent ({@code reason} may be null). Emits TASK_UPDATED when the state differs from the last
   * one (retries are suppressed, as on a real master); terminal tasks move to completed_tasks.
   */
  public void updateTask(String frameworkId, String taskId, TaskState state, TaskStatus.Reason reason) {
    synchronized (lock) {
      Task task = tasks.get(taskId);
      if (task == null || !task.getFrameworkId().getValue().equals(frameworkId)) {
        throw new IllegalArgumentException("No live task " + taskId + " of framework " + frameworkId);
      }
      if (task.getState() == state) {
        return;
      }
      transitionLocked(task, state, reason, TaskStatus.Source.SOURCE_EXECUTOR, null);
    }
  }

  void transitionLocked(Task task, TaskState state, TaskStatus.Reason reason, TaskStatus.Source source,
                        String message) {
    TaskStatus.Builder status = TaskStatus.newBuilder().setTaskId(task.getTaskId()).setState(state)
        .setSource(source).setAgentId(task.getAgentId()).setExecutorId(task.getExecutorId())
        .setTimestamp(System.currentTimeMillis() / 1000.0).setUuid(randomUuid());
    if (reason != null) {
      status.setReason(reason);
    }
    if (message != null) {
      status.setMessage(message);
    }
    TaskStatus built = status.build();
    Task updated = task.toBuilder().setState(state).clearStatuses().addStatuses(built)
        .setStatusUpdateState(state).setStatusUpdateUuid(built.getUuid()).build();
    String taskId = task.getTaskId().getValue();
    String frameworkId = task.getFrameworkId().getValue();
    String agentId = task.getAgentId().getValue();
    AgentRecord agent = agents.get(agentId);
    if (isTerminal(state)) {
      tasks.remove(taskId);
      FrameworkRecord fw = frameworks.get(frameworkId);
      if (fw != null) {
        fw.taskIds.remove(taskId);
      }
      if (agent != null) {
        agent.taskIds.remove(taskId);
      }
      Deque<Task> done = completedTasks.computeIfAbsent(frameworkId, k -> new ArrayDeque<>());
      done.addLast(updated);
      while (done.size() > MAX_COMPLETED_TASKS_PER_FRAMEWORK) {
        done.removeFirst();
      }
    } else {
      tasks.put(taskId, updated);
    }
    boolean visible = agent == null || agent.registered;
    if (visible && hub.hasSubscribers()) {
      hub.publish(Event.newBuilder().setType(Event.Type.TASK_UPDATED).setTaskUpdated(Event.TaskUpdated.newBuilder()
          .setFrameworkId(task.getFrameworkId()).setStatus(built).setState(state)).build());
    }
  }

  /** Whether the task exists and is not terminal. */
  public boolean isLive(String taskId) {
    synchronized (lock) {
      return tasks.containsKey(taskId);
    }
  }

  static boolean isTerminal(TaskState state) {
    return switch (state) {
      case TASK_FINISHED, TASK_FAILED, TASK_KILLED, TASK_ERROR, TASK_LOST, TASK_DROPPED, TASK_GONE,
          TASK_GONE_BY_OPERATOR -> true;
      default -> false;
    };
  }

  // ---------------------------------------------------------------- failover

  /** The new leader's view right after election: agents only "recovered", frameworks unknown, history lost. */
  void beginFailoverRecovery() {
    synchronized (lock) {
      for (AgentRecord agent : agents.values()) {
        agent.registered = false;
      }
      for (FrameworkRecord fw : frameworks.values()) {
        fw.visible = false;
        fw.recovered = false;
      }
      completedTasks.clear();
      completedFrameworks.clear();
    }
  }

  /** Ids of agents still waiting to re-register after a failover. */
  public List<String> recoveredAgentIds() {
    synchronized (lock) {
      return agents.values().stream().filter(a -> !a.registered).map(a -> a.id).toList();
    }
  }

  /**
   * A recovered agent re-registers: AGENT_ADDED, FRAMEWORK_ADDED ({@code recovered: true}) for frameworks of its tasks
   * this master did not know yet, then TASK_ADDED for its tasks.
   */
  public void reregisterAgent(String agentId) {
    synchronized (lock) {
      AgentRecord agent = requireAgent(agentId);
      if (agent.registered) {
        return;
      }
      agent.registered = true;
      agent.reregisteredNanos = nowNanos();
      publishAgentAdded(agent);
      for (String taskId : agent.taskIds) {
        Task task = tasks.get(taskId);
        FrameworkRecord fw = frameworks.get(task.getFrameworkId().getValue());
        if (fw != null && !fw.visible) {
          fw.visible = true;
          fw.recovered = true;
          fw.active = false;
          fw.connected = false;
          publishFramework(Event.Type.FRAMEWORK_ADDED, fw);
        }
      }
      if (hub.hasSubscribers()) {
        for (String taskId : agent.taskIds) {
          hub.publish(Event.newBuilder().setType(Event.Type.TASK_ADDED)
              .setTaskAdded(Event.TaskAdded.newBuilder().setTask(tasks.get(taskId))).build());
        }
      }
    }
  }

  // ---------------------------------------------------------------- snapshots

  /** An immutable snapshot of what the simulator knows, for assertions. */
  public GroundTruth groundTruth() {
    synchronized (lock) {
      return GroundTruth.capture(this);
    }
  }

  Response.GetAgents getAgentsLocked() {
    Response.GetAgents.Builder b = Response.GetAgents.newBuilder();
    for (AgentRecord agent : agents.values()) {
      if (agent.registered) {
        b.addAgents(agentMessage(agent));
      } else {
        b.addRecoveredAgents(agent.info);
      }
    }
    return b.build();
  }

  Response.GetAgents.Agent agentMessage(AgentRecord agent) {
    Response.GetAgents.Agent.Builder b = Response.GetAgents.Agent.newBuilder().setAgentInfo(agent.info)
        .setActive(!agent.deactivated).setVersion(version.toString())
        .setPid("slave(1)@" + agent.ip + ":5051")
        .setRegisteredTime(TimeInfo.newBuilder().setNanoseconds(agent.registeredNanos));
    if (version.atLeast(1, 9)) {
      b.setDeactivated(agent.deactivated);
    }
    if (agent.reregisteredNanos != null) {
      b.setReregisteredTime(TimeInfo.newBuilder().setNanoseconds(agent.reregisteredNanos));
    }
    agent.totalResources.forEach(r -> b.addTotalResources(ResourceMath.toEndpointFormat(r)));
    List<Resource> allocated = new ArrayList<>();
    for (String taskId : agent.taskIds) {
      allocated = ResourceMath.addAll(allocated, tasks.get(taskId).getResourcesList());
    }
    allocated.forEach(r -> b.addAllocatedResources(ResourceMath.toEndpointFormat(r)));
    for (AgentInfo.Capability.Type type : List.of(AgentInfo.Capability.Type.MULTI_ROLE,
        AgentInfo.Capability.Type.HIERARCHICAL_ROLE, AgentInfo.Capability.Type.RESERVATION_REFINEMENT,
        AgentInfo.Capability.Type.RESOURCE_PROVIDER, AgentInfo.Capability.Type.RESIZE_VOLUME,
        AgentInfo.Capability.Type.AGENT_OPERATION_FEEDBACK)) {
      b.addCapabilities(AgentInfo.Capability.newBuilder().setType(type));
    }
    if (agent.drainingCapable) {
      b.addCapabilities(AgentInfo.Capability.newBuilder().setType(AgentInfo.Capability.Type.AGENT_DRAINING));
    }
    if (agent.drainInfo != null) {
      b.setDrainInfo(agent.drainInfo);
    }
    return b.build();
  }

  Response.GetFrameworks.Framework frameworkMessage(FrameworkRecord fw) {
    Response.GetFrameworks.Framework.Builder b = Response.GetFrameworks.Framework.newBuilder()
        .setFrameworkInfo(fw.info).setActive(fw.active).setConnected(fw.connected).setRecovered(fw.recovered)
        .setRegisteredTime(TimeInfo.newBuilder().setNanoseconds(fw.registeredNanos));
    if (fw.reregisteredNanos != null) {
      b.setReregisteredTime(TimeInfo.newBuilder().setNanoseconds(fw.reregisteredNanos));
    }
    if (fw.unregisteredNanos != null) {
      b.setUnregisteredTime(TimeInfo.newBuilder().setNanoseconds(fw.unregisteredNanos));
    }
    return b.build();
  }

  Response.GetFrameworks getFrameworksLocked() {
    Response.GetFrameworks.Builder b = Response.GetFrameworks.newBuilder();
    for (FrameworkRecord fw : frameworks.values()) {
      if (fw.visible) {
        b.addFrameworks(frameworkMessage(fw));
      }
    }
    completedFrameworks.forEach(fw -> b.addCompletedFrameworks(frameworkMessage(fw)));
    return b.build();
  }

  Response.GetExecutors getExecutorsLocked() {
    Response.GetExecutors.Builder b = Response.GetExecutors.newBuilder();
    for (Task task : tasks.values()) {
      AgentRecord agent = agents.get(task.getAgentId().getValue());
      if (agent != null && agent.registered) {
        b.addExecutors(Response.GetExecutors.Executor.newBuilder().setExecutorInfo(commandExecutor(task))
            .setAgentId(task.getAgentId()));
      }
    }
    return b.build();
  }

  /** Every live task runs under its own command executor, built on demand to keep memory per task small. */
  static ExecutorInfo commandExecutor(Task task) {
    return ExecutorInfo.newBuilder().setType(ExecutorInfo.Type.DEFAULT).setExecutorId(task.getExecutorId())
        .setFrameworkId(task.getFrameworkId())
        .setName("Command Executor (Task: " + task.getTaskId().getValue() + ")").build();
  }

  Response.GetTasks getTasksLocked() {
    Response.GetTasks.Builder b = Response.GetTasks.newBuilder();
    for (Task task : tasks.values()) {
      AgentRecord agent = agents.get(task.getAgentId().getValue());
      if (agent != null && agent.registered) {
        b.addTasks(task);
      }
    }
    completedTasks.values().forEach(b::addAllCompletedTasks);
    return b.build();
  }

  Response.GetState getStateLocked() {
    return Response.GetState.newBuilder().setGetTasks(getTasksLocked()).setGetExecutors(getExecutorsLocked())
        .setGetFrameworks(getFrameworksLocked()).setGetAgents(getAgentsLocked()).build();
  }

  // ---------------------------------------------------------------- helpers

  AgentRecord requireAgent(String agentId) {
    AgentRecord agent = agents.get(agentId);
    if (agent == null) {
      throw new IllegalArgumentException("Unknown agent " + agentId);
    }
    return agent;
  }

  FrameworkRecord requireFramework(String frameworkId) {
    FrameworkRecord fw = frameworks.get(frameworkId);
    if (fw == null) {
      throw new IllegalArgumentException("Unknown framework " + frameworkId);
    }
    return fw;
  }

  private void publishAgentAdded(AgentRecord record) {
    if (version.atLeast(1, 1) && hub.hasSubscribers()) {
      hub.publish(Event.newBuilder().setType(Event.Type.AGENT_ADDED)
          .setAgentAdded(Event.AgentAdded.newBuilder().setAgent(agentMessage(record))).build());
    }
  }

  private void publishFramework(Event.Type type, FrameworkRecord record) {
    if (!version.atLeast(1, 4) || !hub.hasSubscribers()) {
      return;
    }
    Event.Builder event = Event.newBuilder().setType(type);
    if (type == Event.Type.FRAMEWORK_ADDED) {
      event.setFrameworkAdded(Event.FrameworkAdded.newBuilder().setFramework(frameworkMessage(record)));
    } else {
      event.setFrameworkUpdated(Event.FrameworkUpdated.newBuilder().setFramework(frameworkMessage(record)));
    }
    hub.publish(event.build());
  }

  private static void addScalar(List<Resource> resources, String name, double value) {
    if (value > 0) {
      resources.add(ResourceMath.scalar(name, value));
    }
  }

  static AgentID agentIdOf(String id) {
    return AgentID.newBuilder().setValue(id).build();
  }

  private String nextId(String kind) {
    return kind + "-" + idSequence.incrementAndGet();
  }

  static long nowNanos() {
    return System.currentTimeMillis() * 1_000_000L;
  }

  /** A version-4 UUID for a status update; not security relevant, so a fast generator is fine. */
  private static ByteString randomUuid() {
    java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xf000L) | 0x4000L;
    long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    ByteBuffer buffer = ByteBuffer.allocate(16);
    buffer.putLong(high).putLong(low);
    return ByteString.copyFrom(buffer.array());
  }

  /** Agents whose machine (hostname or ip) matches. */
  List<AgentRecord> agentsOnMachine(MachineID machine) {
    List<AgentRecord> out = new ArrayList<>();
    for (AgentRecord agent : agents.values()) {
      boolean hostMatches = machine.hasHostname() && machine.getHostname().equals(agent.info.getHostname());
      boolean ipMatches = machine.hasIp() && machine.getIp().equals(agent.ip);
      if (hostMatches || ipMatches) {
        out.add(agent);
      }
    }
    return out;
  }

  Map<String, Double> roleNames() {
    Map<String, Double> roles = new HashMap<>();
    frameworks.values().forEach(fw -> fw.info.getRolesList().forEach(r -> roles.put(r, 1.0)));
    quotas.keySet().forEach(r -> roles.put(r, 1.0));
    for (AgentRecord agent : agents.values()) {
      for (Resource r : agent.totalResources) {
        r.getReservationsList().forEach(res -> roles.put(res.getRole(), 1.0));
      }
    }
    roles.putAll(weights);
    return roles;
  }
}
