package io.kafkaconnect.mesos.source.state;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The streamed entities of one snapshot, normalized: a SUBSCRIBED event's {@code get_state}, a polled GET_STATE, or a
 * partial one (GET_AGENTS, GET_FRAMEWORKS, GET_TASKS, GET_EXECUTORS) that covers only some kinds.
 *
 * <p>Normalization follows what the live stream does: a removed framework (listed in {@code completed_frameworks}) and its
 * tasks and executors are gone (an executor whose framework is merely not re-registered yet after a failover stays);
 * a completed task stays (terminal tasks keep their terminal state) unless its framework is
 * gone or its agent is no longer known to the master. Unreachable tasks stay. Agents listed only in
 * {@code recovered_agents} (after a failover, not yet re-registered) are reported separately.
 */
public final class ClusterSnapshot {

    private final Set<EntityKind> covered;
    private final Map<EntityKind, Map<String, JsonNode>> entities = new EnumMap<>(EntityKind.class);
    private final Set<String> recoveredAgentIds = new HashSet<>();

    private ClusterSnapshot(Set<EntityKind> covered) {
        this.covered = covered;
        for (EntityKind kind : EntityKind.STREAMED) {
            entities.put(kind, new LinkedHashMap<>());
        }
    }

    /**
     * Builds a snapshot from the parts of a GetState; a null part is not covered. {@code knownAgents} and
     * {@code liveFrameworks} stand in for the agent and framework lists when those parts are missing.
     */
    public static ClusterSnapshot of(JsonNode getTasks, JsonNode getExecutors, JsonNode getFrameworks,
                                     JsonNode getAgents, Set<String> knownAgents, Set<String> liveFrameworks) {
        Set<EntityKind> covered = EnumSet.noneOf(EntityKind.class);
        if (getTasks != null) {
            covered.add(EntityKind.TASK);
        }
        if (getExecutors != null) {
            covered.add(EntityKind.EXECUTOR);
        }
        if (getFrameworks != null) {
            covered.add(EntityKind.FRAMEWORK);
        }
        if (getAgents != null) {
            covered.add(EntityKind.AGENT);
        }
        ClusterSnapshot snapshot = new ClusterSnapshot(covered);

        Set<String> agents = new HashSet<>();
        if (getAgents != null) {
            for (JsonNode agent : getAgents.path("agents")) {
                snapshot.put(EntityKind.AGENT, EntityIds.agentKey(agent), agent);
            }
            agents.addAll(snapshot.entities.get(EntityKind.AGENT).keySet());
            for (JsonNode info : getAgents.path("recovered_agents")) {
                String id = EntityIds.value(info.path("id"));
                if (!id.isEmpty()) {
                    snapshot.recoveredAgentIds.add(id);
                }
            }
            agents.addAll(snapshot.recoveredAgentIds);
        } else {
            agents.addAll(knownAgents);
        }

        Set<String> frameworks = new HashSet<>();
        Set<String> removedFrameworks = new HashSet<>();
        if (getFrameworks != null) {
            for (JsonNode framework : getFrameworks.path("frameworks")) {
                snapshot.put(EntityKind.FRAMEWORK, EntityIds.frameworkKey(framework), framework);
            }
            frameworks.addAll(snapshot.entities.get(EntityKind.FRAMEWORK).keySet());
            for (JsonNode framework : getFrameworks.path("completed_frameworks")) {
                removedFrameworks.add(EntityIds.frameworkKey(framework));
            }
        } else {
            frameworks.addAll(liveFrameworks);
        }

        if (getTasks != null) {
            addTasks(snapshot, getTasks.path("tasks"), frameworks, agents, false);
            addTasks(snapshot, getTasks.path("unreachable_tasks"), frameworks, agents, false);
            addTasks(snapshot, getTasks.path("completed_tasks"), frameworks, agents, true);
        }
        if (getExecutors != null) {
            for (JsonNode executor : getExecutors.path("executors")) {
                String framework = EntityIds.frameworkOf(EntityKind.EXECUTOR, executor);
                if (!removedFrameworks.contains(framework)) {
                    snapshot.put(EntityKind.EXECUTOR, EntityIds.executorKey(executor), executor);
                }
            }
        }
        return snapshot;
    }

    /** A snapshot from a full GetState object ({@code SUBSCRIBED.get_state} or a GET_STATE response's {@code get_state}). */
    public static ClusterSnapshot ofGetState(JsonNode getState) {
        return of(getState.path("get_tasks"), getState.path("get_executors"), getState.path("get_frameworks"),
                getState.path("get_agents"), Set.of(), Set.of());
    }

    /**
     * Adds tasks; with {@code completedFilter} on (completed tasks), a task is kept only while its framework is live and
     * its agent is known to the master.
     */
    private static void addTasks(ClusterSnapshot snapshot, JsonNode tasks, Set<String> liveFrameworks,
                                 Set<String> knownAgents, boolean completedFilter) {
        for (JsonNode task : tasks) {
            if (completedFilter) {
                String framework = EntityIds.frameworkOf(EntityKind.TASK, task);
                String agent = EntityIds.agentOf(EntityKind.TASK, task);
                if (!liveFrameworks.contains(framework) || (agent != null && !knownAgents.contains(agent))) {
                    continue;
                }
            }
            snapshot.put(EntityKind.TASK, EntityIds.taskKey(task), task);
        }
    }

    private void put(EntityKind kind, String key, JsonNode value) {
        entities.get(kind).put(key, value);
    }

    public boolean covers(EntityKind kind) {
        return covered.contains(kind);
    }

    public Set<EntityKind> covered() {
        return covered;
    }

    /** The entities of one kind, by key, in the master's order. */
    public Map<String, JsonNode> entities(EntityKind kind) {
        return entities.get(kind);
    }

    /** Agents the master knows only from its registry (after a failover), not yet re-registered. */
    public Set<String> recoveredAgentIds() {
        return recoveredAgentIds;
    }

    public int size() {
        return entities.values().stream().mapToInt(Map::size).sum();
    }
}
