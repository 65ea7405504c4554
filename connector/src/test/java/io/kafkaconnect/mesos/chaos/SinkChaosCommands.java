package io.kafkaconnect.mesos.chaos;

import static io.kafkaconnect.mesos.sink.ScenarioCalls.scalar;
import static io.kafkaconnect.mesos.sink.ScenarioCalls.volume;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.Protos.WeightInfo;
import org.apache.mesos.v1.master.Protos.Call;

import io.kafkaconnect.mesos.simulator.AppliedOperation;
import io.kafkaconnect.mesos.sink.CallCatalog;
import io.kafkaconnect.mesos.sink.CallKind;

/**
 * The sink chaos workload: chains of eleven commands, eight of them additive, each one's effect identifiable in the
 * simulator's operations log. A chain reserves cpus and disk (tagged with the command ids), creates a volume on the
 * disk reservation, grows, shrinks and destroys it, unreserves both (naming the tags), sets a weight for a role of its
 * own, and deactivates then reactivates an agent. The commands of a chain depend on each other, so a chain stays on one
 * partition; the partition's agents are shared by its chains, which run one after the other.
 */
final class SinkChaosCommands {

    static final String ROLE = "chaos";
    static final int PER_CHAIN = 11;
    private static final Pattern TOKEN = Pattern.compile("\"(cx-\\d+-[a-z]+)\"");

    /**
     * One command. {@code effect} names its effect in the operations log: the call type and either a token only this
     * command's call carries (command id, volume id, role) or, for the agent toggles, the agent.
     */
    record Command(String id, int partition, Call call, String effect) {
        boolean additive() {
            return CallCatalog.lookup(call.getType()).orElseThrow().kind() == CallKind.ADDITIVE;
        }

        boolean toggle() {
            return call.getType() == Call.Type.DEACTIVATE_AGENT || call.getType() == Call.Type.REACTIVATE_AGENT;
        }
    }

    private SinkChaosCommands() {
    }

    /** The chain of unit {@code unit} on {@code partition}, whose agents are {@code resources} and {@code toggled}. */
    static List<Command> chain(int unit, int partition, String resources, String toggled) {
        String p = "cx-" + unit + "-";
        String cpus = p + "rc";
        String disk = p + "rd";
        String vol = p + "vol";
        AgentID res = AgentID.newBuilder().setValue(resources).build();
        AgentID tog = AgentID.newBuilder().setValue(toggled).build();
        List<Command> c = new ArrayList<>();
        c.add(new Command(cpus, partition, Call.newBuilder().setType(Call.Type.RESERVE_RESOURCES)
                .setReserveResources(Call.ReserveResources.newBuilder().setAgentId(res)
                        .addResources(scalar("cpus", 1, ROLE, null))).build(), "RESERVE_RESOURCES " + cpus));
        c.add(new Command(disk, partition, Call.newBuilder().setType(Call.Type.RESERVE_RESOURCES)
                .setReserveResources(Call.ReserveResources.newBuilder().setAgentId(res)
                        .addResources(scalar("disk", 200, ROLE, null))).build(), "RESERVE_RESOURCES " + disk));
        c.add(new Command(p + "cv", partition, Call.newBuilder().setType(Call.Type.CREATE_VOLUMES)
                .setCreateVolumes(Call.CreateVolumes.newBuilder().setAgentId(res)
                        .addVolumes(volume(vol, 64, ROLE, disk))).build(), "CREATE_VOLUMES " + vol));
        c.add(new Command(p + "gv", partition, Call.newBuilder().setType(Call.Type.GROW_VOLUME)
                .setGrowVolume(Call.GrowVolume.newBuilder().setAgentId(res).setVolume(volume(vol, 64, ROLE, disk))
                        .setAddition(scalar("disk", 32, ROLE, disk))).build(), "GROW_VOLUME " + vol));
        c.add(new Command(p + "sv", partition, Call.newBuilder().setType(Call.Type.SHRINK_VOLUME)
                .setShrinkVolume(Call.ShrinkVolume.newBuilder().setAgentId(res).setVolume(volume(vol, 96, ROLE, disk))
                        .setSubtract(Value.Scalar.newBuilder().setValue(16))).build(), "SHRINK_VOLUME " + vol));
        c.add(new Command(p + "dv", partition, Call.newBuilder().setType(Call.Type.DESTROY_VOLUMES)
                .setDestroyVolumes(Call.DestroyVolumes.newBuilder().setAgentId(res)
                        .addVolumes(volume(vol, 80, ROLE, disk))).build(), "DESTROY_VOLUMES " + vol));
        c.add(new Command(p + "uc", partition, Call.newBuilder().setType(Call.Type.UNRESERVE_RESOURCES)
                .setUnreserveResources(Call.UnreserveResources.newBuilder().setAgentId(res)
                        .addResources(scalar("cpus", 1, ROLE, cpus))).build(), "UNRESERVE_RESOURCES " + cpus));
        c.add(new Command(p + "ud", partition, Call.newBuilder().setType(Call.Type.UNRESERVE_RESOURCES)
                .setUnreserveResources(Call.UnreserveResources.newBuilder().setAgentId(res)
                        .addResources(scalar("disk", 200, ROLE, disk))).build(), "UNRESERVE_RESOURCES " + disk));
        String role = p + "weight";
        c.add(new Command(p + "wt", partition, Call.newBuilder().setType(Call.Type.UPDATE_WEIGHTS)
                .setUpdateWeights(Call.UpdateWeights.newBuilder().addWeightInfos(WeightInfo.newBuilder()
                        .setRole(role).setWeight(1 + unit % 7))).build(), "UPDATE_WEIGHTS " + role));
        c.add(new Command(p + "da", partition, Call.newBuilder().setType(Call.Type.DEACTIVATE_AGENT)
                .setDeactivateAgent(Call.DeactivateAgent.newBuilder().setAgentId(tog)).build(),
                "DEACTIVATE_AGENT " + toggled));
        c.add(new Command(p + "ra", partition, Call.newBuilder().setType(Call.Type.REACTIVATE_AGENT)
                .setReactivateAgent(Call.ReactivateAgent.newBuilder().setAgentId(tog)).build(),
                "REACTIVATE_AGENT " + toggled));
        return c;
    }

    /** How often each effect appears in the operations log. */
    static Map<String, Long> effects(List<AppliedOperation> operations) {
        Map<String, Long> counts = new HashMap<>();
        for (AppliedOperation op : operations) {
            Set<String> keys = new HashSet<>();
            if (op.callType().equals("DEACTIVATE_AGENT") || op.callType().equals("REACTIVATE_AGENT")) {
                keys.add(op.callType() + " " + op.agentId());
            } else {
                Matcher m = TOKEN.matcher(op.requestJson());
                while (m.find()) {
                    keys.add(op.callType() + " " + m.group(1));
                }
            }
            keys.forEach(k -> counts.merge(k, 1L, Long::sum));
        }
        return counts;
    }
}
