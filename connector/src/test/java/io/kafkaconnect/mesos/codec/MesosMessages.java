package io.kafkaconnect.mesos.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.MachineID;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.Metric;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;
import org.apache.mesos.v1.Protos.Task;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.TimeInfo;
import org.apache.mesos.v1.Protos.Unavailability;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.Protos.Volume;
import org.apache.mesos.v1.Protos.WeightInfo;
import org.apache.mesos.v1.maintenance.Protos.Schedule;
import org.apache.mesos.v1.maintenance.Protos.Window;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Event;
import org.apache.mesos.v1.master.Protos.Response;
import org.apache.mesos.v1.quota.Protos.QuotaConfig;
import org.apache.mesos.v1.quota.Protos.QuotaRequest;
import org.apache.mesos.v1.quota.Protos.QuotaStatus;

/** Representative, fully populated messages of the kinds the connectors write and read. */
final class MesosMessages {

    static final AgentID AGENT = AgentID.newBuilder().setValue("3669ea49-c3c4-4b13-adee-05b8f9cb2562-S0").build();
    static final FrameworkID FRAMEWORK = FrameworkID.newBuilder().setValue("fw-1").build();

    private MesosMessages() {
    }

    static Value.Scalar scalar(double value) {
        return Value.Scalar.newBuilder().setValue(value).build();
    }

    static Resource cpus(double amount) {
        return Resource.newBuilder().setName("cpus").setType(Value.Type.SCALAR).setScalar(scalar(amount)).build();
    }

    static Resource reservedDisk(double mb) {
        return Resource.newBuilder().setName("disk").setType(Value.Type.SCALAR).setScalar(scalar(mb))
                .addReservations(ReservationInfo.newBuilder().setType(ReservationInfo.Type.DYNAMIC).setRole("dev")
                        .setPrincipal("ops")
                        .setLabels(Labels.newBuilder().addLabels(Label.newBuilder().setKey("command_id")
                                .setValue("c-1"))))
                .build();
    }

    static Resource volume(double mb) {
        return reservedDisk(mb).toBuilder()
                .setDisk(Resource.DiskInfo.newBuilder()
                        .setPersistence(Resource.DiskInfo.Persistence.newBuilder().setId("vol-1").setPrincipal("ops"))
                        .setVolume(Volume.newBuilder().setMode(Volume.Mode.RW).setContainerPath("data")))
                .build();
    }

    static MachineID machine(String host) {
        return MachineID.newBuilder().setHostname(host).setIp("10.0.0.1").build();
    }

    /** One call of every write type the sink supports. */
    static List<Call> writeCalls() {
        return List.of(
                Call.newBuilder().setType(Call.Type.RESERVE_RESOURCES).setReserveResources(
                        Call.ReserveResources.newBuilder().setAgentId(AGENT).addSource(cpus(1))
                                .addResources(cpus(1).toBuilder().addReservations(reservedDisk(1).getReservations(0))))
                        .build(),
                Call.newBuilder().setType(Call.Type.UNRESERVE_RESOURCES).setUnreserveResources(
                        Call.UnreserveResources.newBuilder().setAgentId(AGENT).addResources(reservedDisk(64))).build(),
                Call.newBuilder().setType(Call.Type.CREATE_VOLUMES).setCreateVolumes(
                        Call.CreateVolumes.newBuilder().setAgentId(AGENT).addVolumes(volume(64))).build(),
                Call.newBuilder().setType(Call.Type.DESTROY_VOLUMES).setDestroyVolumes(
                        Call.DestroyVolumes.newBuilder().setAgentId(AGENT).addVolumes(volume(64))).build(),
                Call.newBuilder().setType(Call.Type.GROW_VOLUME).setGrowVolume(
                        Call.GrowVolume.newBuilder().setAgentId(AGENT).setVolume(volume(64))
                                .setAddition(reservedDisk(32))).build(),
                Call.newBuilder().setType(Call.Type.SHRINK_VOLUME).setShrinkVolume(
                        Call.ShrinkVolume.newBuilder().setAgentId(AGENT).setVolume(volume(96))
                                .setSubtract(scalar(32))).build(),
                Call.newBuilder().setType(Call.Type.UPDATE_QUOTA).setUpdateQuota(
                        Call.UpdateQuota.newBuilder().setForce(true).addQuotaConfigs(QuotaConfig.newBuilder()
                                .setRole("dev").putGuarantees("cpus", scalar(2)).putLimits("mem", scalar(4096))))
                        .build(),
                Call.newBuilder().setType(Call.Type.SET_QUOTA).setSetQuota(
                        Call.SetQuota.newBuilder().setQuotaRequest(QuotaRequest.newBuilder().setForce(false)
                                .setRole("dev").addGuarantee(cpus(2)))).build(),
                Call.newBuilder().setType(Call.Type.REMOVE_QUOTA).setRemoveQuota(
                        Call.RemoveQuota.newBuilder().setRole("dev")).build(),
                Call.newBuilder().setType(Call.Type.UPDATE_WEIGHTS).setUpdateWeights(
                        Call.UpdateWeights.newBuilder()
                                .addWeightInfos(WeightInfo.newBuilder().setRole("dev").setWeight(2.5))
                                .addWeightInfos(WeightInfo.newBuilder().setRole("prod").setWeight(10))).build(),
                Call.newBuilder().setType(Call.Type.UPDATE_MAINTENANCE_SCHEDULE).setUpdateMaintenanceSchedule(
                        Call.UpdateMaintenanceSchedule.newBuilder().setSchedule(Schedule.newBuilder()
                                .addWindows(Window.newBuilder().addMachineIds(machine("a1")).addMachineIds(machine("a2"))
                                        .setUnavailability(Unavailability.newBuilder()
                                                .setStart(TimeInfo.newBuilder().setNanoseconds(1_700_000_000_123_456_789L))
                                                .setDuration(DurationInfo.newBuilder().setNanoseconds(3_600_000_000_000L))))))
                        .build(),
                Call.newBuilder().setType(Call.Type.START_MAINTENANCE).setStartMaintenance(
                        Call.StartMaintenance.newBuilder().addMachines(machine("a1"))).build(),
                Call.newBuilder().setType(Call.Type.STOP_MAINTENANCE).setStopMaintenance(
                        Call.StopMaintenance.newBuilder().addMachines(machine("a1"))).build(),
                Call.newBuilder().setType(Call.Type.DRAIN_AGENT).setDrainAgent(
                        Call.DrainAgent.newBuilder().setAgentId(AGENT).setMarkGone(true)
                                .setMaxGracePeriod(Duration.newBuilder().setSeconds(600).setNanos(5))).build(),
                Call.newBuilder().setType(Call.Type.DEACTIVATE_AGENT).setDeactivateAgent(
                        Call.DeactivateAgent.newBuilder().setAgentId(AGENT)).build(),
                Call.newBuilder().setType(Call.Type.REACTIVATE_AGENT).setReactivateAgent(
                        Call.ReactivateAgent.newBuilder().setAgentId(AGENT)).build(),
                Call.newBuilder().setType(Call.Type.MARK_AGENT_GONE).setMarkAgentGone(
                        Call.MarkAgentGone.newBuilder().setAgentId(AGENT)).build(),
                Call.newBuilder().setType(Call.Type.TEARDOWN).setTeardown(
                        Call.Teardown.newBuilder().setFrameworkId(FRAMEWORK)).build(),
                Call.newBuilder().setType(Call.Type.SET_LOGGING_LEVEL).setSetLoggingLevel(
                        Call.SetLoggingLevel.newBuilder().setLevel(3)
                                .setDuration(DurationInfo.newBuilder().setNanoseconds(60_000_000_000L))).build());
    }

    static Task task() {
        return Task.newBuilder().setName("web").setTaskId(TaskID.newBuilder().setValue("t-1"))
                .setFrameworkId(FRAMEWORK).setAgentId(AGENT).setState(TaskState.TASK_RUNNING)
                .setExecutorId(ExecutorID.newBuilder().setValue("e-1"))
                .addResources(cpus(0.5)).addStatuses(status())
                .setStatusUpdateState(TaskState.TASK_RUNNING)
                .setStatusUpdateUuid(ByteString.copyFrom(new byte[] {1, 2, 3, (byte) 0xFE}))
                .putLimits("cpus", scalar(Double.POSITIVE_INFINITY))
                .build();
    }

    static TaskStatus status() {
        return TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("t-1"))
                .setState(TaskState.TASK_RUNNING).setSource(TaskStatus.Source.SOURCE_EXECUTOR)
                .setReason(TaskStatus.Reason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED).setAgentId(AGENT)
                .setTimestamp(1470820172.07315).setHealthy(true)
                .setUuid(ByteString.copyFromUtf8("\u0000uuid\u00ff")).setMessage("héllo \"world\"\n")
                .build();
    }

    static Response.GetFrameworks.Framework framework() {
        return Response.GetFrameworks.Framework.newBuilder()
                .setFrameworkInfo(FrameworkInfo.newBuilder().setUser("root").setName("marathon").setId(FRAMEWORK)
                        .setFailoverTimeout(604800).setCheckpoint(true).addRoles("dev")
                        .addCapabilities(FrameworkInfo.Capability.newBuilder()
                                .setType(FrameworkInfo.Capability.Type.MULTI_ROLE)))
                .setActive(true).setConnected(true).setRecovered(false)
                .setRegisteredTime(TimeInfo.newBuilder().setNanoseconds(1470820172046531840L))
                .build();
    }

    static Response.GetAgents.Agent agent() {
        return Response.GetAgents.Agent.newBuilder()
                .setAgentInfo(AgentInfo.newBuilder().setHostname("10.0.0.1").setPort(5051).setId(AGENT)
                        .addResources(cpus(4)))
                .setActive(true).setVersion("1.11.0").setPid("slave(1)@10.0.0.1:5051")
                .addTotalResources(cpus(4).toBuilder().setRole("*"))
                .addCapabilities(AgentInfo.Capability.newBuilder().setType(AgentInfo.Capability.Type.AGENT_DRAINING))
                .build();
    }

    static Response.GetState state() {
        return Response.GetState.newBuilder()
                .setGetTasks(Response.GetTasks.newBuilder().addTasks(task()))
                .setGetFrameworks(Response.GetFrameworks.newBuilder().addFrameworks(framework()))
                .setGetAgents(Response.GetAgents.newBuilder().addAgents(agent()))
                .setGetExecutors(Response.GetExecutors.getDefaultInstance())
                .build();
    }

    static List<Event> events() {
        return List.of(
                Event.newBuilder().setType(Event.Type.SUBSCRIBED).setSubscribed(Event.Subscribed.newBuilder()
                        .setGetState(state()).setHeartbeatIntervalSeconds(15)).build(),
                Event.newBuilder().setType(Event.Type.HEARTBEAT).build(),
                Event.newBuilder().setType(Event.Type.TASK_ADDED)
                        .setTaskAdded(Event.TaskAdded.newBuilder().setTask(task())).build(),
                Event.newBuilder().setType(Event.Type.TASK_UPDATED).setTaskUpdated(Event.TaskUpdated.newBuilder()
                        .setFrameworkId(FRAMEWORK).setStatus(status()).setState(TaskState.TASK_KILLING)).build(),
                Event.newBuilder().setType(Event.Type.FRAMEWORK_ADDED)
                        .setFrameworkAdded(Event.FrameworkAdded.newBuilder().setFramework(framework())).build(),
                Event.newBuilder().setType(Event.Type.FRAMEWORK_UPDATED)
                        .setFrameworkUpdated(Event.FrameworkUpdated.newBuilder().setFramework(framework())).build(),
                Event.newBuilder().setType(Event.Type.FRAMEWORK_REMOVED).setFrameworkRemoved(
                        Event.FrameworkRemoved.newBuilder().setFrameworkInfo(framework().getFrameworkInfo())).build(),
                Event.newBuilder().setType(Event.Type.AGENT_ADDED)
                        .setAgentAdded(Event.AgentAdded.newBuilder().setAgent(agent())).build(),
                Event.newBuilder().setType(Event.Type.AGENT_REMOVED)
                        .setAgentRemoved(Event.AgentRemoved.newBuilder().setAgentId(AGENT)).build());
    }

    static List<Response> responses() {
        return List.of(
                Response.newBuilder().setType(Response.Type.GET_STATE).setGetState(state()).build(),
                Response.newBuilder().setType(Response.Type.GET_METRICS).setGetMetrics(Response.GetMetrics.newBuilder()
                        .addMetrics(Metric.newBuilder().setName("master/elected").setValue(1))
                        .addMetrics(Metric.newBuilder().setName("master/uptime_secs").setValue(1234.5678))
                        .addMetrics(Metric.newBuilder().setName("master/nan").setValue(Double.NaN))).build(),
                Response.newBuilder().setType(Response.Type.GET_MASTER).setGetMaster(Response.GetMaster.newBuilder()
                        .setMasterInfo(MasterInfo.newBuilder().setId("m-1").setIp(0xFFFF_FF7F).setPort(5050)
                                .setHostname("master"))
                        .setStartTime(1470820172.07315).setElectedTime(1470820172.5)).build(),
                Response.newBuilder().setType(Response.Type.GET_QUOTA).setGetQuota(Response.GetQuota.newBuilder()
                        .setStatus(QuotaStatus.newBuilder().addConfigs(QuotaConfig.newBuilder().setRole("dev")
                                .putLimits("cpus", scalar(2)).putLimits("mem", scalar(2048))))).build(),
                Response.newBuilder().setType(Response.Type.GET_HEALTH)
                        .setGetHealth(Response.GetHealth.newBuilder().setHealthy(true)).build(),
                Response.newBuilder().setType(Response.Type.GET_FLAGS).setGetFlags(Response.GetFlags.newBuilder()
                        .addFlags(org.apache.mesos.v1.Protos.Flag.newBuilder().setName("port").setValue("5050")))
                        .build(),
                Response.newBuilder().setType(Response.Type.GET_MAINTENANCE_SCHEDULE).setGetMaintenanceSchedule(
                        Response.GetMaintenanceSchedule.newBuilder().setSchedule(
                                writeCalls().get(10).getUpdateMaintenanceSchedule().getSchedule())).build(),
                Response.newBuilder().setType(Response.Type.GET_EXECUTORS).setGetExecutors(
                        Response.GetExecutors.newBuilder().addExecutors(Response.GetExecutors.Executor.newBuilder()
                                .setAgentId(AGENT).setExecutorInfo(org.apache.mesos.v1.Protos.ExecutorInfo.newBuilder()
                                        .setExecutorId(ExecutorID.newBuilder().setValue("e-1"))
                                        .setCommand(CommandInfo.newBuilder().setValue("sleep 1").setShell(true)))))
                        .build());
    }
}
