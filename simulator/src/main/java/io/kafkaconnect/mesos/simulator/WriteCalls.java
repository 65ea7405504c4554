package io.kafkaconnect.mesos.simulator;

import io.kafkaconnect.mesos.simulator.json.MesosJsonWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.DrainConfig;
import org.apache.mesos.v1.Protos.DrainInfo;
import org.apache.mesos.v1.Protos.DrainState;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.MachineID;
import org.apache.mesos.v1.Protos.MachineInfo;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.Protos.WeightInfo;
import org.apache.mesos.v1.maintenance.Protos.Schedule;
import org.apache.mesos.v1.maintenance.Protos.Window;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.quota.Protos.QuotaConfig;

/**
 * The write calls of the leading master: validation first (nothing changes on an error), then the change applied
 * atomically under the state lock, then an entry in the operations log.
 */
final class WriteCalls {
  private final ClusterState state;
  private final OperationsLog log;

  WriteCalls(ClusterState state, OperationsLog log) {
    this.state = state;
    this.log = log;
  }

  /**
   * Applies the call; {@code principal} is the authenticated user or null.
   *
   * @return the empty success outcome (200, or 202 for the six resource/volume operations)
   */
  CallOutcome handle(Call call, String requestJson, String principal) throws CallFailure {
    synchronized (state.lock) {
      return switch (call.getType()) {
        case SET_LOGGING_LEVEL -> {
          state.loggingLevel = call.getSetLoggingLevel().getLevel();
          record(call, requestJson, null, null, null, List.of());
          yield CallOutcome.empty(200);
        }
        case UPDATE_WEIGHTS -> updateWeights(call, requestJson);
        case RESERVE_RESOURCES -> reserve(call, requestJson, principal);
        case UNRESERVE_RESOURCES -> unreserve(call, requestJson);
        case CREATE_VOLUMES -> createVolumes(call, requestJson);
        case DESTROY_VOLUMES -> destroyVolumes(call, requestJson);
        case GROW_VOLUME -> growVolume(call, requestJson);
        case SHRINK_VOLUME -> shrinkVolume(call, requestJson);
        case UPDATE_MAINTENANCE_SCHEDULE -> updateSchedule(call, requestJson);
        case START_MAINTENANCE -> startMaintenance(call, requestJson);
        case STOP_MAINTENANCE -> stopMaintenance(call, requestJson);
        case DRAIN_AGENT -> drain(call, requestJson);
        case DEACTIVATE_AGENT -> deactivate(call, requestJson);
        case REACTIVATE_AGENT -> reactivate(call, requestJson);
        case UPDATE_QUOTA -> updateQuota(call, requestJson);
        case SET_QUOTA -> setQuota(call, requestJson);
        case REMOVE_QUOTA -> removeQuota(call, requestJson);
        case TEARDOWN -> teardown(call, requestJson);
        case MARK_AGENT_GONE -> markGone(call, requestJson);
        default -> throw new IllegalArgumentException("Not a write call: " + call.getType());
      };
    }
  }

  // ------------------------------------------------------------ weights

  private CallOutcome updateWeights(Call call, String json) throws CallFailure {
    List<WeightInfo> infos = call.getUpdateWeights().getWeightInfosList();
    for (WeightInfo info : infos) {
      String roleError = roleError(info.getRole());
      if (roleError != null) {
        throw new CallFailure(400, "Failed to validate update weights request JSON: Invalid role '"
            + info.getRole() + "': " + roleError);
      }
      if (info.getWeight() <= 0) {
        throw new CallFailure(400, "Failed to validate update weights request JSON: Invalid weight '"
            + MesosJsonWriter.formatDouble(info.getWeight()) + "': Weights must be positive");
      }
    }
    infos.forEach(i -> state.weights.put(i.getRole(), i.getWeight()));
    record(call, json, null, null, String.join(",", infos.stream().map(WeightInfo::getRole).toList()), List.of());
    return CallOutcome.empty(200);
  }

  // ------------------------------------------------------------ resource operations

  private CallOutcome reserve(Call call, String json, String principal) throws CallFailure {
    Call.ReserveResources reserve = call.getReserveResources();
    AgentRecord agent = agentFor(reserve.getAgentId().getValue());
    List<Resource> resources = ResourceMath.upgradeAll(reserve.getResourcesList());
    String prefix = "Invalid RESERVE operation on agent " + agent.id + ": ";
    if (resources.isEmpty()) {
      throw new CallFailure(400, prefix + "no resources specified");
    }
    List<Resource> required = new ArrayList<>();
    for (Resource r : resources) {
      if (r.hasAllocationInfo()) {
        throw new CallFailure(400, prefix + "Resource " + ResourceMath.describe(List.of(r))
            + " must not have AllocationInfo set");
      }
      if (r.getReservationsCount() == 0) {
        throw new CallFailure(400, prefix + "Resource " + ResourceMath.describe(List.of(r))
            + " must be reserved");
      }
      Resource.ReservationInfo last = r.getReservations(r.getReservationsCount() - 1);
      if (last.getType() != Resource.ReservationInfo.Type.DYNAMIC || "*".equals(last.getRole())
          || last.getRole().isEmpty()) {
        throw new CallFailure(400, prefix + "Resource " + ResourceMath.describe(List.of(r))
            + " must be dynamically reserved");
      }
      if (principal != null && !principal.equals(last.getPrincipal())) {
        throw new CallFailure(400, prefix + "A reserve operation was attempted by authenticated principal '"
            + principal + "', which does not match a reserved resource in the request with principal '"
            + last.getPrincipal() + "'");
      }
      required.add(ResourceMath.popReservation(r));
    }
    if (!reserve.getSourceList().isEmpty()) {
      required = ResourceMath.upgradeAll(reserve.getSourceList());
    }
    List<Resource> after = applyOrConflict(agent, required, resources, "RESERVE");
    agent.totalResources = after;
    record(call, json, agent.id, resources.get(0).getReservations(resources.get(0).getReservationsCount() - 1)
        .getRole(), null, resources);
    return CallOutcome.empty(202);
  }

  private CallOutcome unreserve(Call call, String json) throws CallFailure {
    Call.UnreserveResources unreserve = call.getUnreserveResources();
    AgentRecord agent = agentFor(unreserve.getAgentId().getValue());
    List<Resource> resources = ResourceMath.upgradeAll(unreserve.getResourcesList());
    List<Resource> freed = new ArrayList<>();
    for (Resource r : resources) {
      if (r.getReservationsCount() == 0
          || r.getReservations(r.getReservationsCount() - 1).getType() != Resource.ReservationInfo.Type.DYNAMIC) {
        throw new CallFailure(400, "Invalid UNRESERVE operation: Resource " + ResourceMath.describe(List.of(r))
            + " is not dynamically reserved");
      }
      if (r.getDisk().hasPersistence()) {
        throw new CallFailure(400, "Invalid UNRESERVE operation: A dynamically reserved persistent volume "
            + ResourceMath.describe(List.of(r)) + " cannot be unreserved");
      }
      freed.add(ResourceMath.popReservation(r));
    }
    agent.totalResources = applyOrConflict(agent, resources, freed, "UNRESERVE");
    String role = resources.isEmpty() ? null
        : resources.get(0).getReservations(resources.get(0).getReservationsCount() - 1).getRole();
    record(call, json, agent.id, role, null, freed);
    return CallOutcome.empty(202);
  }

  private CallOutcome createVolumes(Call call, String json) throws CallFailure {
    Call.CreateVolumes create = call.getCreateVolumes();
    AgentRecord agent = agentFor(create.getAgentId().getValue());
    List<Resource> volumes = ResourceMath.upgradeAll(create.getVolumesList());
    String prefix = "Invalid CREATE operation on agent " + agent.id + ": ";
    Set<String> inUse = persistenceIds(agent);
    List<Resource> sources = new ArrayList<>();
    for (Resource v : volumes) {
      if (!v.getDisk().hasPersistence() || !v.getDisk().hasVolume()) {
        throw new CallFailure(400, prefix + "Resource " + ResourceMath.describe(List.of(v))
            + " is not a persistent volume");
      }
      if (v.getReservationsCount() == 0) {
        throw new CallFailure(400, prefix + "Persistent volumes cannot be created from unreserved resources");
      }
      if (!inUse.add(v.getDisk().getPersistence().getId())) {
        throw new CallFailure(400, prefix + "Persistence ID '" + v.getDisk().getPersistence().getId()
            + "' is already in use");
      }
      sources.add(stripVolume(v));
    }
    agent.totalResources = applyOrConflict(agent, sources, volumes, "CREATE");
    record(call, json, agent.id, roleOf(volumes), null, volumes);
    return CallOutcome.empty(202);
  }

  private CallOutcome destroyVolumes(Call call, String json) throws CallFailure {
    Call.DestroyVolumes destroy = call.getDestroyVolumes();
    AgentRecord agent = agentFor(destroy.getAgentId().getValue());
    List<Resource> volumes = ResourceMath.upgradeAll(destroy.getVolumesList());
    List<Resource> sources = new ArrayList<>();
    for (Resource v : volumes) {
      if (!v.getDisk().hasPersistence()) {
        throw new CallFailure(400, "Invalid DESTROY operation: Resource " + ResourceMath.describe(List.of(v))
            + " is not a persistent volume");
      }
      if (!agent.totalResources.contains(v)) {
        throw new CallFailure(400, "Invalid DESTROY operation: Persistent volumes not found");
      }
      sources.add(stripVolume(v));
    }
    agent.totalResources = applyOrConflict(agent, volumes, sources, "DESTROY");
    record(call, json, agent.id, roleOf(volumes), null, sources);
    return CallOutcome.empty(202);
  }

  private CallOutcome growVolume(Call call, String json) throws CallFailure {
    Call.GrowVolume grow = call.getGrowVolume();
    if (!grow.hasAgentId()) {
      throw new CallFailure(400,
          "Expecting 'agent_id' to be present; only agent default resources are supported right now");
    }
    AgentRecord agent = agentFor(grow.getAgentId().getValue());
    Resource volume = ResourceMath.upgrade(grow.getVolume());
    Resource addition = ResourceMath.upgrade(grow.getAddition());
    String prefix = "Invalid GROW_VOLUME operation on agent " + agent.id + ": ";
    if (!volume.getDisk().hasPersistence() || !agent.totalResources.contains(volume)) {
      throw new CallFailure(400, prefix + "Persistent volume " + ResourceMath.describe(List.of(volume))
          + " not found");
    }
    if (addition.getScalar().getValue() <= 0 || !ResourceMath.identity(addition)
        .equals(ResourceMath.identity(stripVolume(volume)))) {
      throw new CallFailure(400, prefix + "Addition " + ResourceMath.describe(List.of(addition))
          + " must be a positive amount of the volume's source resource");
    }
    Resource grown = volume.toBuilder().setScalar(Value.Scalar.newBuilder()
        .setValue(ResourceMath.round(volume.getScalar().getValue() + addition.getScalar().getValue()))).build();
    agent.totalResources = applyOrConflict(agent, List.of(volume, addition), List.of(grown), "GROW_VOLUME");
    record(call, json, agent.id, roleOf(List.of(volume)), null, List.of(grown));
    return CallOutcome.empty(202);
  }

  private CallOutcome shrinkVolume(Call call, String json) throws CallFailure {
    Call.ShrinkVolume shrink = call.getShrinkVolume();
    if (!shrink.hasAgentId()) {
      throw new CallFailure(400,
          "Expecting 'agent_id' to be present; only agent default resources are supported right now");
    }
    AgentRecord agent = agentFor(shrink.getAgentId().getValue());
    Resource volume = ResourceMath.upgrade(shrink.getVolume());
    double subtract = shrink.getSubtract().getValue();
    String prefix = "Invalid SHRINK_VOLUME operation on agent " + agent.id + ": ";
    if (!volume.getDisk().hasPersistence() || !agent.totalResources.contains(volume)) {
      throw new CallFailure(400, prefix + "Persistent volume " + ResourceMath.describe(List.of(volume))
          + " not found");
    }
    if (subtract <= 0 || subtract >= volume.getScalar().getValue()) {
      throw new CallFailure(400, prefix + "The amount to shrink must be positive and less than the volume size");
    }
    Resource shrunk = volume.toBuilder().setScalar(Value.Scalar.newBuilder()
        .setValue(ResourceMath.round(volume.getScalar().getValue() - subtract))).build();
    Resource freed = stripVolume(volume).toBuilder().setScalar(Value.Scalar.newBuilder().setValue(subtract)).build();
    agent.totalResources = applyOrConflict(agent, List.of(volume), List.of(shrunk, freed), "SHRINK_VOLUME");
    record(call, json, agent.id, roleOf(List.of(volume)), null, List.of(shrunk));
    return CallOutcome.empty(202);
  }

  /** total - consumed + produced, or 409 when the agent's unallocated resources do not contain {@code consumed}. */
  private List<Resource> applyOrConflict(AgentRecord agent, List<Resource> consumed, List<Resource> produced,
                                         String operation) throws CallFailure {
    List<Resource> unallocated = agent.totalResources;
    for (String taskId : agent.taskIds) {
      for (Resource used : state.tasks.get(taskId).getResourcesList()) {
        unallocated = ResourceMath.subtract(unallocated, used.toBuilder().clearAllocationInfo().build())
            .orElse(unallocated);
      }
    }
    if (ResourceMath.subtractAll(unallocated, consumed).isEmpty()) {
      throw new CallFailure(409, "Invalid " + operation + " operation on agent " + agent.id + ": "
          + "the agent's unallocated resources " + ResourceMath.describe(unallocated) + " do not contain "
          + ResourceMath.describe(consumed));
    }
    Optional<List<Resource>> remaining = ResourceMath.subtractAll(agent.totalResources, consumed);
    return ResourceMath.addAll(remaining.orElseThrow(), produced);
  }

  private static Resource stripVolume(Resource volume) {
    Resource.Builder b = volume.toBuilder();
    if (volume.getDisk().hasSource()) {
      b.setDisk(Resource.DiskInfo.newBuilder().setSource(volume.getDisk().getSource()));
    } else {
      b.clearDisk();
    }
    return b.build();
  }

  private Set<String> persistenceIds(AgentRecord agent) {
    Set<String> ids = new HashSet<>();
    agent.totalResources.stream().filter(r -> r.getDisk().hasPersistence())
        .forEach(r -> ids.add(r.getDisk().getPersistence().getId()));
    return ids;
  }

  private static String roleOf(List<Resource> resources) {
    for (Resource r : resources) {
      if (r.getReservationsCount() > 0) {
        return r.getReservations(r.getReservationsCount() - 1).getRole();
      }
    }
    return null;
  }

  // ------------------------------------------------------------ maintenance

  private CallOutcome updateSchedule(Call call, String json) throws CallFailure {
    Schedule schedule = call.getUpdateMaintenanceSchedule().getSchedule();
    Set<MachineID> listed = new HashSet<>();
    for (Window window : schedule.getWindowsList()) {
      if (window.getMachineIdsCount() == 0) {
        throw new CallFailure(400, "List of machines in the maintenance window is empty");
      }
      if (window.getUnavailability().hasDuration() && window.getUnavailability().getDuration().getNanoseconds() < 0) {
        throw new CallFailure(400, "Unavailability 'duration' is negative");
      }
      for (MachineID machine : window.getMachineIdsList()) {
        validateMachine(machine);
        if (!listed.add(normalize(machine))) {
          throw new CallFailure(400, "Machine '" + MesosJsonWriter.toJson(machine)
              + "' appears more than once in the schedule");
        }
      }
    }
    for (Map.Entry<MachineID, MachineInfo.Mode> e : state.machineModes.entrySet()) {
      if (e.getValue() == MachineInfo.Mode.DOWN && !listed.contains(e.getKey())) {
        throw new CallFailure(400, "Machine '" + MesosJsonWriter.toJson(e.getKey())
            + "' is deactivated and cannot be removed from the schedule");
      }
    }
    Map<MachineID, MachineInfo.Mode> modes = new LinkedHashMap<>();
    for (MachineID machine : listed) {
      modes.put(machine, state.machineModes.getOrDefault(machine, MachineInfo.Mode.DRAINING));
    }
    state.machineModes.clear();
    state.machineModes.putAll(modes);
    state.schedule = schedule;
    record(call, json, null, null, machines(listed), List.of());
    return CallOutcome.empty(200);
  }

  private CallOutcome startMaintenance(Call call, String json) throws CallFailure {
    List<MachineID> machines = call.getStartMaintenance().getMachinesList();
    requireMachinesIn(machines, MachineInfo.Mode.DRAINING, "cannot be brought down");
    for (MachineID machine : machines) {
      state.machineModes.put(normalize(machine), MachineInfo.Mode.DOWN);
      for (AgentRecord agent : state.agentsOnMachine(machine)) {
        state.removeAgentLocked(agent, TaskState.TASK_LOST, TaskStatus.Reason.REASON_AGENT_REMOVED, true);
      }
    }
    record(call, json, null, null, machines(machines), List.of());
    return CallOutcome.empty(200);
  }

  /** START/STOP_MAINTENANCE preconditions: a non-empty list of scheduled machines, each in {@code mode}. */
  private void requireMachinesIn(List<MachineID> machines, MachineInfo.Mode mode, String otherwise)
      throws CallFailure {
    if (machines.isEmpty()) {
      throw new CallFailure(400, "List of machines is empty");
    }
    for (MachineID machine : machines) {
      validateMachine(machine);
      MachineInfo.Mode current = state.machineModes.get(normalize(machine));
      if (current == null) {
        throw new CallFailure(400, "Machine '" + MesosJsonWriter.toJson(machine)
            + "' is not part of a maintenance schedule");
      }
      if (current != mode) {
        throw new CallFailure(400, "Machine '" + MesosJsonWriter.toJson(machine) + "' is not in " + mode
            + " mode and " + otherwise);
      }
    }
  }

  private CallOutcome stopMaintenance(Call call, String json) throws CallFailure {
    List<MachineID> machines = call.getStopMaintenance().getMachinesList();
    requireMachinesIn(machines, MachineInfo.Mode.DOWN, "cannot be brought up");
    Set<MachineID> stopped = new HashSet<>();
    machines.forEach(m -> stopped.add(normalize(m)));
    stopped.forEach(state.machineModes::remove);
    Schedule.Builder schedule = Schedule.newBuilder();
    for (Window window : state.schedule.getWindowsList()) {
      List<MachineID> kept = window.getMachineIdsList().stream().filter(m -> !stopped.contains(normalize(m))).toList();
      if (!kept.isEmpty()) {
        schedule.addWindows(window.toBuilder().clearMachineIds().addAllMachineIds(kept));
      }
    }
    state.schedule = schedule.build();
    record(call, json, null, null, machines(machines), List.of());
    return CallOutcome.empty(200);
  }

  private static void validateMachine(MachineID machine) throws CallFailure {
    if (machine.getHostname().isEmpty() && machine.getIp().isEmpty()) {
      throw new CallFailure(400, "Both 'hostname' and 'ip' for a machine are empty");
    }
    if (!machine.getIp().isEmpty() && !machine.getIp().matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      throw new CallFailure(400, "Failed to parse IP '" + machine.getIp() + "'");
    }
  }

  /** Mesos compares hostnames case-insensitively (it lower-cases them). */
  private static MachineID normalize(MachineID machine) {
    MachineID.Builder b = MachineID.newBuilder();
    if (!machine.getHostname().isEmpty()) {
      b.setHostname(machine.getHostname().toLowerCase(java.util.Locale.ROOT));
    }
    if (!machine.getIp().isEmpty()) {
      b.setIp(machine.getIp());
    }
    return b.build();
  }

  private static String machines(java.util.Collection<MachineID> machines) {
    return String.join(",", machines.stream()
        .map(m -> m.getHostname().isEmpty() ? m.getIp() : m.getHostname()).sorted().toList());
  }

  // ------------------------------------------------------------ agents

  private CallOutcome drain(Call call, String json) throws CallFailure {
    Call.DrainAgent drain = call.getDrainAgent();
    String agentId = drain.getAgentId().getValue();
    AgentRecord agent = state.agents.get(agentId);
    if (agent == null || !agent.registered) {
      throw new CallFailure(400, "Unknown agent");
    }
    for (MachineID machine : state.machineModes.keySet()) {
      if (state.agentsOnMachine(machine).contains(agent)) {
        throw new CallFailure(400, "Agent " + agentId + " is part of a maintenance schedule under Machine "
            + MesosJsonWriter.toJson(machine));
      }
    }
    if (!agent.drainingCapable) {
      throw new CallFailure(400, "Agent " + agentId + " is not capable of draining");
    }
    DrainConfig.Builder config = DrainConfig.newBuilder().setMarkGone(drain.getMarkGone());
    if (drain.hasMaxGracePeriod()) {
      config.setMaxGracePeriod(DurationInfo.newBuilder().setNanoseconds(
          drain.getMaxGracePeriod().getSeconds() * 1_000_000_000L + drain.getMaxGracePeriod().getNanos()));
    }
    agent.deactivated = true;
    agent.drainInfo = DrainInfo.newBuilder().setState(DrainState.DRAINING).setConfig(config).build();
    record(call, json, agentId, null, null, List.of());
    return CallOutcome.empty(200);
  }

  private CallOutcome deactivate(Call call, String json) throws CallFailure {
    String agentId = call.getDeactivateAgent().getAgentId().getValue();
    AgentRecord agent = state.agents.get(agentId);
    if (agent == null || !agent.registered) {
      throw new CallFailure(400, "Unknown agent");
    }
    agent.deactivated = true;
    record(call, json, agentId, null, null, List.of());
    return CallOutcome.empty(200);
  }

  private CallOutcome reactivate(Call call, String json) throws CallFailure {
    String agentId = call.getReactivateAgent().getAgentId().getValue();
    AgentRecord agent = state.agents.get(agentId);
    if (agent == null || !agent.registered) {
      throw new CallFailure(400, "Unknown agent");
    }
    if (agent.drainInfo != null && agent.drainInfo.getState() == DrainState.DRAINING) {
      throw new CallFailure(400, "Agent is still in the DRAINING state");
    }
    if (!agent.deactivated) {
      throw new CallFailure(400, "Agent is not deactivated");
    }
    agent.deactivated = false;
    agent.drainInfo = null;
    record(call, json, agentId, null, null, List.of());
    return CallOutcome.empty(200);
  }

  private CallOutcome markGone(Call call, String json) throws CallFailure {
    String agentId = call.getMarkAgentGone().getAgentId().getValue();
    if (state.goneAgents.contains(agentId)) {
      return CallOutcome.empty(200);
    }
    AgentRecord agent = state.agents.get(agentId);
    if (agent == null) {
      throw new CallFailure(404, "Agent '" + agentId + "' not found");
    }
    state.markGoneLocked(agent);
    record(call, json, agentId, null, null, List.of());
    return CallOutcome.empty(200);
  }

  private CallOutcome teardown(Call call, String json) throws CallFailure {
    String frameworkId = call.getTeardown().getFrameworkId().getValue();
    FrameworkRecord fw = state.frameworks.get(frameworkId);
    if (fw == null || !fw.visible) {
      throw new CallFailure(400, "No framework found with specified ID");
    }
    state.teardownLocked(fw);
    record(call, json, null, null, frameworkId, List.of());
    return CallOutcome.empty(200);
  }

  // ------------------------------------------------------------ quota

  private CallOutcome updateQuota(Call call, String json) throws CallFailure {
    Call.UpdateQuota update = call.getUpdateQuota();
    Map<String, QuotaConfig> next = new LinkedHashMap<>(state.quotas);
    for (QuotaConfig config : update.getQuotaConfigsList()) {
      String role = config.getRole();
      if (role.isEmpty()) {
        throw new CallFailure(400, "Invalid QuotaConfig: 'QuotaConfig.role' must be set");
      }
      String roleError = roleError(role);
      if (roleError != null) {
        throw new CallFailure(400, "Invalid QuotaConfig: Invalid 'QuotaConfig.role': " + roleError);
      }
      if (role.contains("/")) {
        throw new CallFailure(400, "Updating quota on nested role '" + role + "' is not supported yet");
      }
      for (Map.Entry<String, Value.Scalar> g : config.getGuaranteesMap().entrySet()) {
        Value.Scalar limit = config.getLimitsMap().get(g.getKey());
        if (g.getValue().getValue() < 0) {
          throw new CallFailure(400, "Invalid QuotaConfig: negative guarantee for '" + g.getKey() + "'");
        }
        if (limit != null && limit.getValue() < g.getValue().getValue()) {
          throw new CallFailure(400, "Invalid QuotaConfig: guarantees '" + scalars(config.getGuaranteesMap())
              + "' are not contained within limits '" + scalars(config.getLimitsMap()) + "'");
        }
      }
      next.put(role, config);
    }
    if (!update.getForce()) {
      checkCapacity(next, "Invalid QuotaConfig: total quota guarantees '%s' exceed cluster capacity '%s'"
          + " (use 'force' flag to bypass this check)", 400);
    }
    state.quotas.clear();
    state.quotas.putAll(next);
    record(call, json, null, update.getQuotaConfigsCount() == 1 ? update.getQuotaConfigs(0).getRole() : null,
        String.join(",", update.getQuotaConfigsList().stream().map(QuotaConfig::getRole).toList()), List.of());
    return CallOutcome.empty(200);
  }

  private CallOutcome setQuota(Call call, String json) throws CallFailure {
    var request = call.getSetQuota().getQuotaRequest();
    String role = request.getRole();
    String roleError = role.isEmpty() ? "role must be set" : roleError(role);
    if (roleError != null) {
      throw new CallFailure(400, "Failed to validate set quota request: " + roleError);
    }
    if (state.quotas.containsKey(role)) {
      throw new CallFailure(400, "Failed to validate set quota request: Cannot set quota for role '" + role
          + "' which already has quota");
    }
    QuotaConfig.Builder config = QuotaConfig.newBuilder().setRole(role);
    for (Resource r : request.getGuaranteeList()) {
      if (r.getType() != Value.Type.SCALAR) {
        throw new CallFailure(400, "Failed to validate set quota request: Quota guarantees must be scalar");
      }
      Value.Scalar scalar = Value.Scalar.newBuilder().setValue(r.getScalar().getValue()).build();
      config.putGuarantees(r.getName(), scalar);
      config.putLimits(r.getName(), scalar);
    }
    Map<String, QuotaConfig> next = new LinkedHashMap<>(state.quotas);
    next.put(role, config.build());
    if (!request.getForce()) {
      checkCapacity(next, "Quota guarantees overcommit the cluster (use 'force' to bypass this check): "
          + "total guarantees '%s' exceed cluster capacity '%s'", 409);
    }
    state.quotas.put(role, config.build());
    record(call, json, null, role, null, List.of());
    return CallOutcome.empty(200);
  }

  private CallOutcome removeQuota(Call call, String json) throws CallFailure {
    String role = call.getRemoveQuota().getRole();
    if (!state.quotas.containsKey(role)) {
      throw new CallFailure(400, "Failed to remove quota: Role '" + role + "' has no quota set");
    }
    state.quotas.remove(role);
    record(call, json, null, role, null, List.of());
    return CallOutcome.empty(200);
  }

  private void checkCapacity(Map<String, QuotaConfig> configs, String format, int status) throws CallFailure {
    Map<String, Double> guaranteed = new HashMap<>();
    configs.values().forEach(c -> c.getGuaranteesMap()
        .forEach((name, s) -> guaranteed.merge(name, s.getValue(), Double::sum)));
    Map<String, Double> capacity = new HashMap<>();
    for (AgentRecord agent : state.agents.values()) {
      if (agent.registered) {
        for (Resource r : agent.totalResources) {
          if (r.getType() == Value.Type.SCALAR) {
            capacity.merge(r.getName(), r.getScalar().getValue(), Double::sum);
          }
        }
      }
    }
    for (Map.Entry<String, Double> g : guaranteed.entrySet()) {
      if (g.getValue() > capacity.getOrDefault(g.getKey(), 0.0) + 1e-9) {
        throw new CallFailure(status, String.format(format, amounts(guaranteed), amounts(capacity)));
      }
    }
  }

  private static String scalars(Map<String, Value.Scalar> map) {
    Map<String, Double> plain = new java.util.TreeMap<>();
    map.forEach((k, v) -> plain.put(k, v.getValue()));
    return amounts(plain);
  }

  private static String amounts(Map<String, Double> map) {
    StringBuilder text = new StringBuilder();
    new java.util.TreeMap<>(map).forEach((k, v) -> text.append(text.length() > 0 ? "; " : "").append(k).append(':')
        .append(MesosJsonWriter.formatDouble(ResourceMath.round(v))));
    return text.toString();
  }

  /** Mesos role name rules; null when valid. */
  static String roleError(String role) {
    if (role.isEmpty()) {
      return "Empty role name is invalid";
    }
    if (role.equals("*")) {
      return "Role '*' cannot be used here";
    }
    if (role.startsWith("/") || role.endsWith("/")) {
      return "Role '" + role + "' cannot start or end with a slash";
    }
    for (String part : role.split("/")) {
      if (part.equals(".") || part.equals("..")) {
        return "Role '" + role + "' cannot contain '.' or '..' as a path component";
      }
      if (part.startsWith("-")) {
        return "Role '" + role + "' cannot start with '-'";
      }
    }
    for (char c : role.toCharArray()) {
      if (c <= 0x20 || c == 0x7f) {
        return "Role '" + role + "' cannot include whitespace or control characters";
      }
    }
    return null;
  }

  // ------------------------------------------------------------ log

  private AgentRecord agentFor(String agentId) throws CallFailure {
    AgentRecord agent = state.agents.get(agentId);
    if (agent == null || !agent.registered) {
      throw new CallFailure(400, "No agent found with specified ID");
    }
    return agent;
  }

  private void record(Call call, String json, String agentId, String role, String target, List<Resource> resources) {
    log.append(new AppliedOperation(call.getType().name(), agentId, role, target, json, Instant.now(), resources));
  }
}
