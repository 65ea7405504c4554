package io.kafkaconnect.mesos.sink;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.MachineID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Response;

/**
 * Reads the master's state to tell whether a call's effect is already there. This is how the sink resolves an
 * in-doubt command (a PENDING ledger entry, an I/O error after sending) without applying an additive call twice, and
 * how it reads a 409.
 * <ul>
 *   <li>RESERVE: a reservation tagged with the command id ({@link ReservationTagger}); untagged, the reserved
 *       amount per name/role/labels compared with the baseline taken just before the call.</li>
 *   <li>UNRESERVE: the amount of the named reservation compared with the baseline.</li>
 *   <li>CREATE/DESTROY_VOLUMES: the persistence ids on the agent. GROW/SHRINK_VOLUME: the volume's size.</li>
 *   <li>DRAIN/DEACTIVATE/REACTIVATE/MARK_AGENT_GONE: the agent's state. SET/REMOVE_QUOTA: the role's quota.
 *       START/STOP_MAINTENANCE: the machines' mode. TEARDOWN: the framework is no longer active.</li>
 * </ul>
 * Anything else is {@link Effect#UNKNOWN}. Reading can throw {@link MasterUnreachableException} or
 * {@link MasterQueryException}.
 */
public final class EffectVerifier {

    private final MasterGateway master;
    private final ReservationTagger tagger;

    /**
     * @param tagger the tagger in use, or null when reservation tagging is off
     */
    public EffectVerifier(MasterGateway master, ReservationTagger tagger) {
        this.master = master;
        this.tagger = tagger;
    }

    /** Whether {@link #baseline} must be stored before sending this call so its effect can be verified later. */
    public boolean needsBaseline(Call call, String commandId) {
        return switch (call.getType()) {
            case UNRESERVE_RESOURCES -> true;
            case RESERVE_RESOURCES -> !allTagged(call.getReserveResources().getResourcesList(), commandId);
            default -> false;
        };
    }

    /** Amounts on the agent, per reservation signature, of the resources the call names. */
    public Map<String, Double> baseline(Call call) {
        AgentID agent = agentOf(call);
        List<Resource> named = namedResources(call);
        Set<String> signatures = named.stream().map(Reservations::signature).collect(Collectors.toSet());
        Optional<Response.GetAgents.Agent> found = findAgent(getAgents(), agent);
        Map<String, Double> amounts = new HashMap<>();
        signatures.forEach(s -> amounts.put(s, 0.0));
        found.ifPresent(a -> a.getTotalResourcesList().forEach(r -> amounts.computeIfPresent(
                Reservations.signature(r), (s, v) -> v + Reservations.amount(r))));
        return amounts;
    }

    /**
     * @param call      the call as sent (tagged, if tagging is on)
     * @param baseline  the baseline stored with the PENDING entry (empty if none)
     */
    public Effect check(Call call, String commandId, Map<String, Double> baseline) {
        return switch (call.getType()) {
            case RESERVE_RESOURCES -> checkReserve(call, commandId, baseline);
            case UNRESERVE_RESOURCES -> checkAmounts(call.getUnreserveResources().getAgentId(),
                    call.getUnreserveResources().getResourcesList(), baseline, -1);
            case CREATE_VOLUMES -> checkVolumes(call.getCreateVolumes().getAgentId(),
                    call.getCreateVolumes().getVolumesList(), true);
            case DESTROY_VOLUMES -> checkVolumes(call.getDestroyVolumes().getAgentId(),
                    call.getDestroyVolumes().getVolumesList(), false);
            case GROW_VOLUME -> checkVolumeSize(call.getGrowVolume().getAgentId(), call.getGrowVolume().getVolume(),
                    call.getGrowVolume().getAddition().getScalar().getValue());
            case SHRINK_VOLUME -> checkVolumeSize(call.getShrinkVolume().getAgentId(),
                    call.getShrinkVolume().getVolume(), -call.getShrinkVolume().getSubtract().getValue());
            case DRAIN_AGENT -> checkAgent(call.getDrainAgent().getAgentId(), Response.GetAgents.Agent::hasDrainInfo);
            case DEACTIVATE_AGENT -> checkAgent(call.getDeactivateAgent().getAgentId(),
                    Response.GetAgents.Agent::getDeactivated);
            case REACTIVATE_AGENT -> checkAgent(call.getReactivateAgent().getAgentId(), a -> !a.getDeactivated());
            case MARK_AGENT_GONE -> checkGone(call.getMarkAgentGone().getAgentId());
            case SET_QUOTA -> checkQuota(call.getSetQuota().getQuotaRequest().getRole(), true);
            case REMOVE_QUOTA -> checkQuota(call.getRemoveQuota().getRole(), false);
            case START_MAINTENANCE -> checkMachines(call.getStartMaintenance().getMachinesList(), true);
            case STOP_MAINTENANCE -> checkMachines(call.getStopMaintenance().getMachinesList(), false);
            case TEARDOWN -> checkTeardown(call.getTeardown().getFrameworkId().getValue());
            default -> Effect.UNKNOWN;
        };
    }

    private boolean allTagged(List<Resource> resources, String commandId) {
        return tagger != null && !resources.isEmpty()
                && resources.stream().allMatch(r -> tagger.isTagged(r, commandId));
    }

    private Effect checkReserve(Call call, String commandId, Map<String, Double> baseline) {
        List<Resource> resources = call.getReserveResources().getResourcesList();
        if (allTagged(resources, commandId)) {
            // The label is unique to this command: nothing carried it before the call.
            Map<String, Double> zero = new HashMap<>();
            resources.forEach(r -> zero.put(Reservations.signature(r), 0.0));
            return checkAmounts(call.getReserveResources().getAgentId(), resources, zero, +1);
        }
        return checkAmounts(call.getReserveResources().getAgentId(), resources, baseline, +1);
    }

    /** direction +1: the amounts must have grown by the request; -1: shrunk by it. */
    private Effect checkAmounts(AgentID agentId, List<Resource> requested, Map<String, Double> baseline,
                                int direction) {
        Map<String, Double> wanted = new HashMap<>();
        requested.forEach(r -> wanted.merge(Reservations.signature(r), Reservations.amount(r), Double::sum));
        if (!baseline.keySet().containsAll(wanted.keySet())) {
            return Effect.UNKNOWN;
        }
        Response.GetAgents agents = getAgents();
        Optional<Response.GetAgents.Agent> agent = findAgent(agents, agentId);
        if (agent.isEmpty()) {
            return Effect.UNKNOWN;
        }
        Map<String, Double> now = new HashMap<>();
        wanted.keySet().forEach(s -> now.put(s, 0.0));
        agent.get().getTotalResourcesList().forEach(r -> now.computeIfPresent(Reservations.signature(r),
                (s, v) -> v + Reservations.amount(r)));
        boolean allApplied = true;
        boolean noneApplied = true;
        for (Map.Entry<String, Double> w : wanted.entrySet()) {
            double delta = (now.get(w.getKey()) - baseline.get(w.getKey())) * direction;
            allApplied &= delta >= w.getValue() - Reservations.EPSILON;
            noneApplied &= Math.abs(delta) < Reservations.EPSILON;
        }
        return allApplied ? Effect.PRESENT : noneApplied ? Effect.ABSENT : Effect.UNKNOWN;
    }

    private Effect checkVolumes(AgentID agentId, List<Resource> volumes, boolean shouldExist) {
        Optional<Response.GetAgents.Agent> agent = findAgent(getAgents(), agentId);
        if (agent.isEmpty()) {
            return Effect.UNKNOWN;
        }
        Set<String> onAgent = persistenceIds(agent.get().getTotalResourcesList());
        long present = volumes.stream().filter(v -> onAgent.contains(v.getDisk().getPersistence().getId())).count();
        if (present == volumes.size()) {
            return shouldExist ? Effect.PRESENT : Effect.ABSENT;
        }
        if (present == 0) {
            return shouldExist ? Effect.ABSENT : Effect.PRESENT;
        }
        return Effect.UNKNOWN;
    }

    private Effect checkVolumeSize(AgentID agentId, Resource volume, double change) {
        Optional<Response.GetAgents.Agent> agent = findAgent(getAgents(), agentId);
        if (agent.isEmpty()) {
            return Effect.UNKNOWN;
        }
        String id = volume.getDisk().getPersistence().getId();
        Optional<Resource> current = agent.get().getTotalResourcesList().stream()
                .filter(r -> r.getDisk().getPersistence().getId().equals(id)).findFirst();
        if (current.isEmpty()) {
            return Effect.UNKNOWN;
        }
        double size = current.get().getScalar().getValue();
        double before = volume.getScalar().getValue();
        if (Math.abs(size - (before + change)) < Reservations.EPSILON) {
            return Effect.PRESENT;
        }
        return Math.abs(size - before) < Reservations.EPSILON ? Effect.ABSENT : Effect.UNKNOWN;
    }

    private Effect checkAgent(AgentID agentId, Predicate<Response.GetAgents.Agent> applied) {
        return findAgent(getAgents(), agentId).map(a -> applied.test(a) ? Effect.PRESENT : Effect.ABSENT)
                .orElse(Effect.UNKNOWN);
    }

    private Effect checkGone(AgentID agentId) {
        Response.GetAgents agents = getAgents();
        boolean listed = findAgent(agents, agentId).isPresent()
                || agents.getRecoveredAgentsList().stream().anyMatch(a -> a.getId().equals(agentId));
        return listed ? Effect.ABSENT : Effect.PRESENT;
    }

    private Effect checkQuota(String role, boolean shouldExist) {
        Response response = master.query(Call.newBuilder().setType(Call.Type.GET_QUOTA).build());
        var status = response.getGetQuota().getStatus();
        boolean exists = status.getInfosList().stream()
                .anyMatch(i -> i.getRole().equals(role) && i.getGuaranteeCount() > 0)
                || status.getConfigsList().stream().anyMatch(c -> c.getRole().equals(role)
                        && (c.getGuaranteesCount() > 0 || c.getLimitsCount() > 0));
        return exists == shouldExist ? Effect.PRESENT : Effect.ABSENT;
    }

    private Effect checkMachines(List<MachineID> machines, boolean shouldBeDown) {
        Response response = master.query(Call.newBuilder().setType(Call.Type.GET_MAINTENANCE_STATUS).build());
        var status = response.getGetMaintenanceStatus().getStatus();
        Set<MachineID> down = Set.copyOf(status.getDownMachinesList());
        Set<MachineID> draining = status.getDrainingMachinesList().stream().map(d -> d.getId())
                .collect(Collectors.toSet());
        boolean applied = shouldBeDown ? down.containsAll(machines)
                : machines.stream().noneMatch(m -> down.contains(m) || draining.contains(m));
        return applied ? Effect.PRESENT : Effect.ABSENT;
    }

    private Effect checkTeardown(String frameworkId) {
        Response response = master.query(Call.newBuilder().setType(Call.Type.GET_FRAMEWORKS).build());
        boolean active = response.getGetFrameworks().getFrameworksList().stream()
                .anyMatch(f -> f.getFrameworkInfo().getId().getValue().equals(frameworkId));
        return active ? Effect.ABSENT : Effect.PRESENT;
    }

    private Response.GetAgents getAgents() {
        return master.query(Call.newBuilder().setType(Call.Type.GET_AGENTS).build()).getGetAgents();
    }

    private static Optional<Response.GetAgents.Agent> findAgent(Response.GetAgents agents, AgentID id) {
        return agents.getAgentsList().stream().filter(a -> a.getAgentInfo().getId().equals(id)).findFirst();
    }

    private static Set<String> persistenceIds(List<Resource> resources) {
        return resources.stream().filter(r -> r.getDisk().hasPersistence())
                .map(r -> r.getDisk().getPersistence().getId()).collect(Collectors.toSet());
    }

    private static AgentID agentOf(Call call) {
        return switch (call.getType()) {
            case RESERVE_RESOURCES -> call.getReserveResources().getAgentId();
            case UNRESERVE_RESOURCES -> call.getUnreserveResources().getAgentId();
            default -> throw new IllegalArgumentException("no baseline for " + call.getType());
        };
    }

    private static List<Resource> namedResources(Call call) {
        return call.getType() == Call.Type.RESERVE_RESOURCES ? call.getReserveResources().getResourcesList()
                : call.getUnreserveResources().getResourcesList();
    }
}
