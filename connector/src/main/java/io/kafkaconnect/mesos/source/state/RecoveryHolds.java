package io.kafkaconnect.mesos.source.state;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Agents a newly elected master lists only in {@code recovered_agents}. They, their tasks and executors (and frameworks
 * seen only through those tasks) are not published as removed until the agent re-registers or the re-register timeout
 * passes (Mesos's {@code --agent_reregister_timeout}, 10 minutes by default).
 */
public final class RecoveryHolds {

    private final Duration timeout;
    private final Map<String, Instant> deadlines = new HashMap<>();

    public RecoveryHolds(Duration timeout) {
        this.timeout = timeout;
    }

    /** Updates the holds from a snapshot that covers agents: new recovering agents get a deadline, others are released. */
    public void observe(Set<String> recoveredAgentIds, Instant now) {
        deadlines.keySet().retainAll(recoveredAgentIds);
        for (String agent : recoveredAgentIds) {
            deadlines.putIfAbsent(agent, now.plus(timeout));
        }
    }

    /** The agent re-registered (AGENT_ADDED) or was removed: nothing of it is held any more. */
    public void release(String agentId) {
        deadlines.remove(agentId);
    }

    public boolean isHeld(String agentId) {
        return agentId != null && deadlines.containsKey(agentId);
    }

    public boolean isEmpty() {
        return deadlines.isEmpty();
    }

    /** Removes and returns the agents whose deadline has passed. */
    public Set<String> expire(Instant now) {
        Set<String> expired = new HashSet<>();
        deadlines.entrySet().removeIf(e -> {
            if (!now.isBefore(e.getValue())) {
                expired.add(e.getKey());
                return true;
            }
            return false;
        });
        return expired;
    }

    public Set<String> heldAgents() {
        return Set.copyOf(deadlines.keySet());
    }
}
