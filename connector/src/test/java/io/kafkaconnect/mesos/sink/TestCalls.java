package io.kafkaconnect.mesos.sink;

import java.util.EnumMap;
import java.util.Map;

import com.google.protobuf.Duration;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.MachineID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TimeInfo;
import org.apache.mesos.v1.Protos.Unavailability;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.Protos.WeightInfo;
import org.apache.mesos.v1.maintenance.Protos.Schedule;
import org.apache.mesos.v1.maintenance.Protos.Window;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.quota.Protos.QuotaConfig;
import org.apache.mesos.v1.quota.Protos.QuotaRequest;

/** Valid example calls, one per supported type. */
final class TestCalls {

    static final AgentID AGENT = AgentID.newBuilder().setValue("agent-1").build();

    private TestCalls() {
    }

    static Resource reserved(String name, double amount, String role) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(amount))
                .addReservations(Resource.ReservationInfo.newBuilder().setType(Resource.ReservationInfo.Type.DYNAMIC)
                        .setRole(role).setPrincipal("ops"))
                .build();
    }

    static Resource volume(String id, double size, String role) {
        return reserved("disk", size, role).toBuilder()
                .setDisk(Resource.DiskInfo.newBuilder()
                        .setPersistence(Resource.DiskInfo.Persistence.newBuilder().setId(id))
                        .setVolume(org.apache.mesos.v1.Protos.Volume.newBuilder()
                                .setMode(org.apache.mesos.v1.Protos.Volume.Mode.RW).setContainerPath("data")))
                .build();
    }

    static Call reserve(String role, double cpus) {
        return Call.newBuilder().setType(Call.Type.RESERVE_RESOURCES)
                .setReserveResources(Call.ReserveResources.newBuilder().setAgentId(AGENT)
                        .addResources(reserved("cpus", cpus, role)))
                .build();
    }

    static MachineID machine(String host) {
        return MachineID.newBuilder().setHostname(host).setIp("10.0.0.1").build();
    }

    static Map<Call.Type, Call> all() {
        Map<Call.Type, Call> m = new EnumMap<>(Call.Type.class);
        m.put(Call.Type.RESERVE_RESOURCES, reserve("dev", 1));
        m.put(Call.Type.UNRESERVE_RESOURCES, Call.newBuilder().setType(Call.Type.UNRESERVE_RESOURCES)
                .setUnreserveResources(Call.UnreserveResources.newBuilder().setAgentId(AGENT)
                        .addResources(reserved("cpus", 1, "dev"))).build());
        m.put(Call.Type.CREATE_VOLUMES, Call.newBuilder().setType(Call.Type.CREATE_VOLUMES)
                .setCreateVolumes(Call.CreateVolumes.newBuilder().setAgentId(AGENT)
                        .addVolumes(volume("vol-1", 64, "dev"))).build());
        m.put(Call.Type.DESTROY_VOLUMES, Call.newBuilder().setType(Call.Type.DESTROY_VOLUMES)
                .setDestroyVolumes(Call.DestroyVolumes.newBuilder().setAgentId(AGENT)
                        .addVolumes(volume("vol-1", 64, "dev"))).build());
        m.put(Call.Type.GROW_VOLUME, Call.newBuilder().setType(Call.Type.GROW_VOLUME)
                .setGrowVolume(Call.GrowVolume.newBuilder().setAgentId(AGENT).setVolume(volume("vol-1", 64, "dev"))
                        .setAddition(reserved("disk", 32, "dev"))).build());
        m.put(Call.Type.SHRINK_VOLUME, Call.newBuilder().setType(Call.Type.SHRINK_VOLUME)
                .setShrinkVolume(Call.ShrinkVolume.newBuilder().setAgentId(AGENT).setVolume(volume("vol-1", 64, "dev"))
                        .setSubtract(Value.Scalar.newBuilder().setValue(16))).build());
        m.put(Call.Type.UPDATE_QUOTA, Call.newBuilder().setType(Call.Type.UPDATE_QUOTA)
                .setUpdateQuota(Call.UpdateQuota.newBuilder().addQuotaConfigs(QuotaConfig.newBuilder().setRole("dev")
                        .putGuarantees("cpus", Value.Scalar.newBuilder().setValue(2).build()))).build());
        m.put(Call.Type.SET_QUOTA, Call.newBuilder().setType(Call.Type.SET_QUOTA)
                .setSetQuota(Call.SetQuota.newBuilder().setQuotaRequest(QuotaRequest.newBuilder().setRole("dev")
                        .addGuarantee(Resource.newBuilder().setName("cpus").setType(Value.Type.SCALAR)
                                .setScalar(Value.Scalar.newBuilder().setValue(1))))).build());
        m.put(Call.Type.REMOVE_QUOTA, Call.newBuilder().setType(Call.Type.REMOVE_QUOTA)
                .setRemoveQuota(Call.RemoveQuota.newBuilder().setRole("dev")).build());
        m.put(Call.Type.UPDATE_WEIGHTS, Call.newBuilder().setType(Call.Type.UPDATE_WEIGHTS)
                .setUpdateWeights(Call.UpdateWeights.newBuilder().addWeightInfos(WeightInfo.newBuilder()
                        .setRole("dev").setWeight(2))).build());
        m.put(Call.Type.UPDATE_MAINTENANCE_SCHEDULE, Call.newBuilder().setType(Call.Type.UPDATE_MAINTENANCE_SCHEDULE)
                .setUpdateMaintenanceSchedule(Call.UpdateMaintenanceSchedule.newBuilder().setSchedule(
                        Schedule.newBuilder().addWindows(Window.newBuilder().addMachineIds(machine("host-1"))
                                .setUnavailability(Unavailability.newBuilder()
                                        .setStart(TimeInfo.newBuilder().setNanoseconds(1_000_000_000L))
                                        .setDuration(DurationInfo.newBuilder().setNanoseconds(3_600_000_000_000L))))))
                .build());
        m.put(Call.Type.START_MAINTENANCE, Call.newBuilder().setType(Call.Type.START_MAINTENANCE)
                .setStartMaintenance(Call.StartMaintenance.newBuilder().addMachines(machine("host-1"))).build());
        m.put(Call.Type.STOP_MAINTENANCE, Call.newBuilder().setType(Call.Type.STOP_MAINTENANCE)
                .setStopMaintenance(Call.StopMaintenance.newBuilder().addMachines(machine("host-1"))).build());
        m.put(Call.Type.DRAIN_AGENT, Call.newBuilder().setType(Call.Type.DRAIN_AGENT)
                .setDrainAgent(Call.DrainAgent.newBuilder().setAgentId(AGENT)
                        .setMaxGracePeriod(Duration.newBuilder().setSeconds(10))).build());
        m.put(Call.Type.DEACTIVATE_AGENT, Call.newBuilder().setType(Call.Type.DEACTIVATE_AGENT)
                .setDeactivateAgent(Call.DeactivateAgent.newBuilder().setAgentId(AGENT)).build());
        m.put(Call.Type.REACTIVATE_AGENT, Call.newBuilder().setType(Call.Type.REACTIVATE_AGENT)
                .setReactivateAgent(Call.ReactivateAgent.newBuilder().setAgentId(AGENT)).build());
        m.put(Call.Type.MARK_AGENT_GONE, Call.newBuilder().setType(Call.Type.MARK_AGENT_GONE)
                .setMarkAgentGone(Call.MarkAgentGone.newBuilder().setAgentId(AGENT)).build());
        m.put(Call.Type.TEARDOWN, Call.newBuilder().setType(Call.Type.TEARDOWN)
                .setTeardown(Call.Teardown.newBuilder().setFrameworkId(FrameworkID.newBuilder().setValue("fw-1")))
                .build());
        m.put(Call.Type.SET_LOGGING_LEVEL, Call.newBuilder().setType(Call.Type.SET_LOGGING_LEVEL)
                .setSetLoggingLevel(Call.SetLoggingLevel.newBuilder().setLevel(1)
                        .setDuration(DurationInfo.newBuilder().setNanoseconds(60_000_000_000L))).build());
        return m;
    }
}
