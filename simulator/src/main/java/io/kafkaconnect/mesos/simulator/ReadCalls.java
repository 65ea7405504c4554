package io.kafkaconnect.mesos.simulator;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.mesos.v1.Protos.Address;
import org.apache.mesos.v1.Protos.FileInfo;
import org.apache.mesos.v1.Protos.Flag;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.MachineInfo;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.Metric;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Role;
import org.apache.mesos.v1.Protos.Task;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TimeInfo;
import org.apache.mesos.v1.Protos.VersionInfo;
import org.apache.mesos.v1.Protos.WeightInfo;
import org.apache.mesos.v1.maintenance.Protos.ClusterStatus;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Response;
import org.apache.mesos.v1.quota.Protos.QuotaConfig;
import org.apache.mesos.v1.quota.Protos.QuotaInfo;
import org.apache.mesos.v1.quota.Protos.QuotaStatus;

/** The read-only calls of the leading master. */
final class ReadCalls {
  private static final String LOG_PATH = "/master/log";

  private final ClusterState state;
  private final MasterNode node;
  private final SimulatorSettings settings;

  ReadCalls(ClusterState state, MasterNode node, SimulatorSettings settings) {
    this.state = state;
    this.node = node;
    this.settings = settings;
  }

  CallOutcome handle(Call call) {
    Response.Builder r = Response.newBuilder();
    switch (call.getType()) {
      case GET_HEALTH -> r.setType(Response.Type.GET_HEALTH)
          .setGetHealth(Response.GetHealth.newBuilder().setHealthy(true));
      case GET_FLAGS -> r.setType(Response.Type.GET_FLAGS).setGetFlags(flags());
      case GET_VERSION -> r.setType(Response.Type.GET_VERSION).setGetVersion(Response.GetVersion.newBuilder()
          .setVersionInfo(VersionInfo.newBuilder().setVersion(state.version.toString())
              .setBuildDate("2020-11-17 14:30:00").setBuildTime(1605623400.0).setBuildUser("simulator")));
      case GET_METRICS -> r.setType(Response.Type.GET_METRICS).setGetMetrics(metrics());
      case GET_LOGGING_LEVEL -> {
        synchronized (state.lock) {
          r.setType(Response.Type.GET_LOGGING_LEVEL)
              .setGetLoggingLevel(Response.GetLoggingLevel.newBuilder().setLevel(state.loggingLevel));
        }
      }
      case LIST_FILES -> {
        String path = call.getListFiles().getPath();
        if (!path.equals("/master") && !path.equals(LOG_PATH)) {
          return CallOutcome.error(404, "Path '" + path + "' not found");
        }
        r.setType(Response.Type.LIST_FILES).setListFiles(Response.ListFiles.newBuilder()
            .addFileInfos(FileInfo.newBuilder().setPath(LOG_PATH).setNlink(1).setSize(logText().length)
                .setMode(0100644).setUid("root").setGid("root")
                .setMtime(TimeInfo.newBuilder().setNanoseconds(node.startNanos()))));
      }
      case READ_FILE -> {
        Call.ReadFile read = call.getReadFile();
        if (!read.getPath().equals(LOG_PATH)) {
          return CallOutcome.error(404, "Failed to validate file path: '" + read.getPath() + "' not found");
        }
        byte[] text = logText();
        int from = (int) Math.min(Math.max(read.getOffset(), 0), text.length);
        int to = read.hasLength() ? (int) Math.min(text.length, from + read.getLength()) : text.length;
        r.setType(Response.Type.READ_FILE).setReadFile(Response.ReadFile.newBuilder().setSize(text.length)
            .setData(ByteString.copyFrom(text, from, to - from)));
      }
      case GET_STATE -> {
        synchronized (state.lock) {
          r.setType(Response.Type.GET_STATE).setGetState(state.getStateLocked());
        }
      }
      case GET_AGENTS -> {
        synchronized (state.lock) {
          r.setType(Response.Type.GET_AGENTS).setGetAgents(state.getAgentsLocked());
        }
      }
      case GET_FRAMEWORKS -> {
        synchronized (state.lock) {
          r.setType(Response.Type.GET_FRAMEWORKS).setGetFrameworks(state.getFrameworksLocked());
        }
      }
      case GET_EXECUTORS -> {
        synchronized (state.lock) {
          r.setType(Response.Type.GET_EXECUTORS).setGetExecutors(state.getExecutorsLocked());
        }
      }
      case GET_TASKS -> {
        synchronized (state.lock) {
          r.setType(Response.Type.GET_TASKS).setGetTasks(state.getTasksLocked());
        }
      }
      case GET_ROLES -> r.setType(Response.Type.GET_ROLES).setGetRoles(roles());
      case GET_WEIGHTS -> {
        Response.GetWeights.Builder weights = Response.GetWeights.newBuilder();
        synchronized (state.lock) {
          state.weights.forEach((role, w) -> weights.addWeightInfos(WeightInfo.newBuilder().setRole(role).setWeight(w)));
        }
        r.setType(Response.Type.GET_WEIGHTS).setGetWeights(weights);
      }
      case GET_MASTER -> r.setType(Response.Type.GET_MASTER).setGetMaster(Response.GetMaster.newBuilder()
          .setMasterInfo(masterInfo(node)).setStartTime(node.startNanos() / 1e9)
          .setElectedTime(node.electedNanos() / 1e9));
      case GET_MAINTENANCE_STATUS -> {
        ClusterStatus.Builder status = ClusterStatus.newBuilder();
        synchronized (state.lock) {
          state.machineModes.forEach((machine, mode) -> {
            if (mode == MachineInfo.Mode.DOWN) {
              status.addDownMachines(machine);
            } else {
              status.addDrainingMachines(ClusterStatus.DrainingMachine.newBuilder().setId(machine));
            }
          });
        }
        r.setType(Response.Type.GET_MAINTENANCE_STATUS)
            .setGetMaintenanceStatus(Response.GetMaintenanceStatus.newBuilder().setStatus(status));
      }
      case GET_MAINTENANCE_SCHEDULE -> {
        synchronized (state.lock) {
          r.setType(Response.Type.GET_MAINTENANCE_SCHEDULE).setGetMaintenanceSchedule(
              Response.GetMaintenanceSchedule.newBuilder().setSchedule(state.schedule));
        }
      }
      case GET_QUOTA -> r.setType(Response.Type.GET_QUOTA).setGetQuota(quota());
      case GET_OPERATIONS -> r.setType(Response.Type.GET_OPERATIONS)
          .setGetOperations(Response.GetOperations.getDefaultInstance());
      default -> throw new IllegalArgumentException("Not a read call: " + call.getType());
    }
    return CallOutcome.ok(r.build());
  }

  static MasterInfo masterInfo(MasterNode node) {
    return MasterInfo.newBuilder().setId(node.masterId()).setIp(networkOrderIp(node.ip())).setPort(node.port())
        .setPid("master@" + node.ip() + ":" + node.port()).setHostname(node.hostname())
        .setVersion(node.version().toString())
        .setAddress(Address.newBuilder().setHostname(node.hostname()).setIp(node.ip()).setPort(node.port()))
        .addCapabilities(MasterInfo.Capability.newBuilder().setType(MasterInfo.Capability.Type.AGENT_UPDATE))
        .addCapabilities(MasterInfo.Capability.newBuilder().setType(MasterInfo.Capability.Type.AGENT_DRAINING))
        .build();
  }

  /** The IPv4 address as the uint32 a C++ master copies from {@code in_addr} (network byte order). */
  static int networkOrderIp(String ip) {
    String[] parts = ip.split("\\.");
    int value = 0;
    for (int i = 0; i < 4; i++) {
      value |= (Integer.parseInt(parts[i]) & 0xff) << (8 * i);
    }
    return value;
  }

  private Response.GetFlags.Builder flags() {
    Map<String, String> flags = new TreeMap<>();
    flags.put("authenticate_http_readwrite", Boolean.toString(settings.credentials() != null));
    flags.put("authenticate_http_readonly", "false");
    flags.put("hostname", node.hostname());
    flags.put("ip", node.ip());
    flags.put("port", Integer.toString(node.port()));
    flags.put("max_operator_event_stream_subscribers", Integer.toString(settings.maxSubscribers()));
    flags.put("max_completed_frameworks", Integer.toString(ClusterState.MAX_COMPLETED_FRAMEWORKS));
    flags.put("max_completed_tasks_per_framework", Integer.toString(ClusterState.MAX_COMPLETED_TASKS_PER_FRAMEWORK));
    flags.put("agent_reregister_timeout", "10mins");
    flags.put("registry", "in_memory");
    flags.put("quorum", Integer.toString(settings.masters() / 2 + 1));
    flags.put("work_dir", "/var/lib/mesos");
    flags.put("zk_session_timeout", "10secs");
    Response.GetFlags.Builder b = Response.GetFlags.newBuilder();
    flags.forEach((k, v) -> b.addFlags(Flag.newBuilder().setName(k).setValue(v)));
    return b;
  }

  private Response.GetMetrics.Builder metrics() {
    Map<String, Double> m = new TreeMap<>();
    synchronized (state.lock) {
      long registered = state.agents.values().stream().filter(a -> a.registered).count();
      long active = state.agents.values().stream().filter(a -> a.registered && !a.deactivated).count();
      m.put("master/elected", 1.0);
      m.put("master/uptime_secs", (ClusterState.nowNanos() - node.startNanos()) / 1e9);
      m.put("master/slaves_active", (double) active);
      m.put("master/slaves_inactive", (double) (registered - active));
      m.put("master/slaves_connected", (double) registered);
      m.put("master/slaves_disconnected", 0.0);
      m.put("master/recovery_slave_removals", 0.0);
      m.put("master/frameworks_active", (double) state.frameworks.values().stream()
          .filter(f -> f.visible && f.active).count());
      m.put("master/frameworks_inactive", (double) state.frameworks.values().stream()
          .filter(f -> f.visible && !f.active).count());
      m.put("master/frameworks_connected", (double) state.frameworks.values().stream()
          .filter(f -> f.visible && f.connected).count());
      m.put("master/frameworks_disconnected", (double) state.frameworks.values().stream()
          .filter(f -> f.visible && !f.connected).count());
      for (TaskState ts : List.of(TaskState.TASK_STAGING, TaskState.TASK_STARTING, TaskState.TASK_RUNNING,
          TaskState.TASK_KILLING)) {
        m.put("master/" + ts.name().toLowerCase(java.util.Locale.ROOT) + "s",
            (double) state.tasks.values().stream().filter(t -> t.getState() == ts).count());
      }
      for (TaskState ts : List.of(TaskState.TASK_FINISHED, TaskState.TASK_FAILED, TaskState.TASK_KILLED,
          TaskState.TASK_LOST, TaskState.TASK_ERROR, TaskState.TASK_GONE_BY_OPERATOR)) {
        long n = 0;
        for (var done : state.completedTasks.values()) {
          for (Task t : done) {
            if (t.getState() == ts) {
              n++;
            }
          }
        }
        m.put("master/" + ts.name().toLowerCase(java.util.Locale.ROOT) + "s", (double) n);
      }
      m.put("master/operator_event_stream_subscribers", (double) state.hub.subscriberCount());
      for (String name : List.of("cpus", "mem", "disk", "gpus")) {
        double total = 0;
        double used = 0;
        for (AgentRecord a : state.agents.values()) {
          if (a.registered) {
            total += ResourceMath.sumScalar(a.totalResources, name);
            for (String taskId : a.taskIds) {
              used += ResourceMath.sumScalar(state.tasks.get(taskId).getResourcesList(), name);
            }
          }
        }
        m.put("master/" + name + "_total", ResourceMath.round(total));
        m.put("master/" + name + "_used", ResourceMath.round(used));
        m.put("master/" + name + "_percent", total == 0 ? 0.0 : used / total);
        m.put("allocator/mesos/resources/" + name + "/total", ResourceMath.round(total));
        m.put("allocator/mesos/resources/" + name + "/offered_or_allocated", ResourceMath.round(used));
      }
    }
    Response.GetMetrics.Builder b = Response.GetMetrics.newBuilder();
    m.forEach((name, value) -> b.addMetrics(Metric.newBuilder().setName(name).setValue(value)));
    return b;
  }

  private Response.GetRoles.Builder roles() {
    Response.GetRoles.Builder b = Response.GetRoles.newBuilder();
    synchronized (state.lock) {
      Map<String, Double> roles = new TreeMap<>(state.roleNames());
      for (Map.Entry<String, Double> e : roles.entrySet()) {
        Role.Builder role = Role.newBuilder().setName(e.getKey()).setWeight(e.getValue());
        List<Resource> allocated = new ArrayList<>();
        for (FrameworkRecord fw : state.frameworks.values()) {
          if (fw.visible && fw.info.getRolesList().contains(e.getKey())) {
            role.addFrameworks(FrameworkID.newBuilder().setValue(fw.id));
            for (String taskId : fw.taskIds) {
              for (Resource r : state.tasks.get(taskId).getResourcesList()) {
                if (r.getAllocationInfo().getRole().equals(e.getKey())) {
                  allocated = ResourceMath.add(allocated, r);
                }
              }
            }
          }
        }
        role.addAllResources(allocated);
        b.addRoles(role);
      }
    }
    return b;
  }

  private Response.GetQuota.Builder quota() {
    QuotaStatus.Builder status = QuotaStatus.newBuilder();
    synchronized (state.lock) {
      List<QuotaConfig> configs = new ArrayList<>(state.quotas.values());
      configs.sort(Comparator.comparing(QuotaConfig::getRole));
      for (QuotaConfig config : configs) {
        QuotaInfo.Builder info = QuotaInfo.newBuilder().setRole(config.getRole());
        config.getGuaranteesMap().forEach((name, scalar) ->
            info.addGuarantee(ResourceMath.scalar(name, scalar.getValue())));
        status.addInfos(info);
        status.addConfigs(config);
      }
    }
    return Response.GetQuota.newBuilder().setStatus(status);
  }

  private byte[] logText() {
    return ("I1117 14:30:00.000000 1 master.cpp:100] Simulated Mesos master " + node.masterId()
        + " started on " + node.ip() + ":" + node.port() + "\n").getBytes(StandardCharsets.UTF_8);
  }

}
