package io.kafkaconnect.mesos.source.state;

/**
 * What the source last published for one entity: its content digest and, for tasks and executors, the agent and
 * framework that own it (needed to hold back a recovering agent's tasks after a failover, even right after a restart
 * when only the read-back headers are known).
 */
public record PublishedEntry(long digest, String agentId, String frameworkId) {
}
