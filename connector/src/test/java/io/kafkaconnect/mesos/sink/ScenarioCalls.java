package io.kafkaconnect.mesos.sink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.Duration;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.MachineID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TimeInfo;
import org.apache.mesos.v1.Protos.Unavailability;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.Protos.Volume;
import org.apache.mesos.v1.Protos.WeightInfo;
import org.apache.mesos.v1.maintenance.Protos.Schedule;
import org.apache.mesos.v1.maintenance.Protos.Window;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.quota.Protos.QuotaConfig;
import org.apache.mesos.v1.quota.Protos.QuotaRequest;

/**
 * A sequence of commands that exercises every supported call type once (RESERVE twice) against a fresh set of
 * agents, in an order a real master accepts: reserve, volumes created/grown/shrunk/destroyed on the tagged disk
 * reservation, unreserve of the tagged cpus, quota, weights, maintenance, drain, deactivate/reactivate, gone, teardown,
 * logging level.
 */
public final class ScenarioCalls {

    public static final String TAG = "kafka-connect-mesos.command-id";

    /** Ids of the simulated objects the scenario works on. */
    record Targets(String suffix, String resourceAgent, MachineID maintenanceMachine, String drainAgent,
                   String deactivateAgent, String goneAgent, String frameworkId) {
        String role() {
            return "role-" + suffix;
        }

        String id(String step) {
            return suffix + "-" + step;
        }
    }

    private ScenarioCalls() {
    }

    private static AgentID agent(String id) {
        return AgentID.newBuilder().setValue(id).build();
    }

    private static Resource.ReservationInfo reservation(String role, String taggedBy) {
        Resource.ReservationInfo.Builder r = Resource.ReservationInfo.newBuilder()
                .setType(Resource.ReservationInfo.Type.DYNAMIC).setRole(role).setPrincipal("ops");
        if (taggedBy != null) {
            r.setLabels(Labels.newBuilder().addLabels(Label.newBuilder().setKey(TAG).setValue(taggedBy)));
        }
        return r.build();
    }

    /** {@code value} of a scalar resource dynamically reserved for {@code role}, labelled with a command id or not. */
    public static Resource scalar(String name, double value, String role, String taggedBy) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value)).addReservations(reservation(role, taggedBy))
                .build();
    }

    private static Resource volume(Targets t, double size) {
        return volume("vol-" + t.suffix(), size, t.role(), t.id("reserve-disk"));
    }

    /** A persistent volume of {@code size} MB carved from a disk reservation for {@code role} tagged by a command. */
    public static Resource volume(String persistenceId, double size, String role, String taggedBy) {
        return scalar("disk", size, role, taggedBy).toBuilder()
                .setDisk(Resource.DiskInfo.newBuilder()
                        .setPersistence(Resource.DiskInfo.Persistence.newBuilder().setId(persistenceId)
                                .setPrincipal("ops"))
                        .setVolume(Volume.newBuilder().setMode(Volume.Mode.RW).setContainerPath("data")))
                .build();
    }

    /** Command id to call, in the order they must be applied. */
    static Map<String, Call> all(Targets t) {
        Map<String, Call> m = new LinkedHashMap<>();
        AgentID res = agent(t.resourceAgent());
        m.put(t.id("reserve-cpus"), Call.newBuilder().setType(Call.Type.RESERVE_RESOURCES)
                .setReserveResources(Call.ReserveResources.newBuilder().setAgentId(res)
                        .addResources(scalar("cpus", 1, t.role(), null))).build());
        m.put(t.id("reserve-disk"), Call.newBuilder().setType(Call.Type.RESERVE_RESOURCES)
                .setReserveResources(Call.ReserveResources.newBuilder().setAgentId(res)
                        .addResources(scalar("disk", 200, t.role(), null))).build());
        m.put(t.id("create"), Call.newBuilder().setType(Call.Type.CREATE_VOLUMES)
                .setCreateVolumes(Call.CreateVolumes.newBuilder().setAgentId(res).addVolumes(volume(t, 64))).build());
        m.put(t.id("grow"), Call.newBuilder().setType(Call.Type.GROW_VOLUME)
                .setGrowVolume(Call.GrowVolume.newBuilder().setAgentId(res).setVolume(volume(t, 64))
                        .setAddition(scalar("disk", 32, t.role(), t.id("reserve-disk")))).build());
        m.put(t.id("shrink"), Call.newBuilder().setType(Call.Type.SHRINK_VOLUME)
                .setShrinkVolume(Call.ShrinkVolume.newBuilder().setAgentId(res).setVolume(volume(t, 96))
                        .setSubtract(Value.Scalar.newBuilder().setValue(16))).build());
        m.put(t.id("destroy"), Call.newBuilder().setType(Call.Type.DESTROY_VOLUMES)
                .setDestroyVolumes(Call.DestroyVolumes.newBuilder().setAgentId(res).addVolumes(volume(t, 80)))
                .build());
        m.put(t.id("unreserve"), Call.newBuilder().setType(Call.Type.UNRESERVE_RESOURCES)
                .setUnreserveResources(Call.UnreserveResources.newBuilder().setAgentId(res)
                        .addResources(scalar("cpus", 1, t.role(), t.id("reserve-cpus")))).build());
        m.put(t.id("update-quota"), Call.newBuilder().setType(Call.Type.UPDATE_QUOTA)
                .setUpdateQuota(Call.UpdateQuota.newBuilder().addQuotaConfigs(QuotaConfig.newBuilder()
                        .setRole(t.role()).putGuarantees("cpus", Value.Scalar.newBuilder().setValue(0.5).build())))
                .build());
        m.put(t.id("set-quota"), Call.newBuilder().setType(Call.Type.SET_QUOTA)
                .setSetQuota(Call.SetQuota.newBuilder().setQuotaRequest(QuotaRequest.newBuilder()
                        .setRole(t.role() + "-b").addGuarantee(Resource.newBuilder().setName("cpus")
                                .setType(Value.Type.SCALAR).setScalar(Value.Scalar.newBuilder().setValue(0.5)))))
                .build());
        m.put(t.id("remove-quota"), Call.newBuilder().setType(Call.Type.REMOVE_QUOTA)
                .setRemoveQuota(Call.RemoveQuota.newBuilder().setRole(t.role() + "-b")).build());
        m.put(t.id("weights"), Call.newBuilder().setType(Call.Type.UPDATE_WEIGHTS)
                .setUpdateWeights(Call.UpdateWeights.newBuilder().addWeightInfos(WeightInfo.newBuilder()
                        .setRole(t.role()).setWeight(2.5))).build());
        m.put(t.id("schedule"), Call.newBuilder().setType(Call.Type.UPDATE_MAINTENANCE_SCHEDULE)
                .setUpdateMaintenanceSchedule(Call.UpdateMaintenanceSchedule.newBuilder().setSchedule(
                        Schedule.newBuilder().addWindows(Window.newBuilder().addMachineIds(t.maintenanceMachine())
                                .setUnavailability(Unavailability.newBuilder()
                                        .setStart(TimeInfo.newBuilder().setNanoseconds(System.currentTimeMillis()
                                                * 1_000_000L))
                                        .setDuration(DurationInfo.newBuilder().setNanoseconds(3_600_000_000_000L))))))
                .build());
        m.put(t.id("start-maintenance"), Call.newBuilder().setType(Call.Type.START_MAINTENANCE)
                .setStartMaintenance(Call.StartMaintenance.newBuilder().addMachines(t.maintenanceMachine())).build());
        m.put(t.id("stop-maintenance"), Call.newBuilder().setType(Call.Type.STOP_MAINTENANCE)
                .setStopMaintenance(Call.StopMaintenance.newBuilder().addMachines(t.maintenanceMachine())).build());
        m.put(t.id("drain"), Call.newBuilder().setType(Call.Type.DRAIN_AGENT)
                .setDrainAgent(Call.DrainAgent.newBuilder().setAgentId(agent(t.drainAgent()))
                        .setMaxGracePeriod(Duration.newBuilder().setSeconds(10))).build());
        m.put(t.id("deactivate"), Call.newBuilder().setType(Call.Type.DEACTIVATE_AGENT)
                .setDeactivateAgent(Call.DeactivateAgent.newBuilder().setAgentId(agent(t.deactivateAgent())))
                .build());
        m.put(t.id("reactivate"), Call.newBuilder().setType(Call.Type.REACTIVATE_AGENT)
                .setReactivateAgent(Call.ReactivateAgent.newBuilder().setAgentId(agent(t.deactivateAgent())))
                .build());
        m.put(t.id("gone"), Call.newBuilder().setType(Call.Type.MARK_AGENT_GONE)
                .setMarkAgentGone(Call.MarkAgentGone.newBuilder().setAgentId(agent(t.goneAgent()))).build());
        m.put(t.id("teardown"), Call.newBuilder().setType(Call.Type.TEARDOWN)
                .setTeardown(Call.Teardown.newBuilder().setFrameworkId(FrameworkID.newBuilder()
                        .setValue(t.frameworkId()))).build());
        m.put(t.id("logging"), Call.newBuilder().setType(Call.Type.SET_LOGGING_LEVEL)
                .setSetLoggingLevel(Call.SetLoggingLevel.newBuilder().setLevel(1)
                        .setDuration(DurationInfo.newBuilder().setNanoseconds(60_000_000_000L))).build());
        return m;
    }

    static List<String> ids(Map<String, Call> calls) {
        return new ArrayList<>(calls.keySet());
    }
}
