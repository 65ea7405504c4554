package io.kafkaconnect.mesos.simulator;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.DrainInfo;
import org.apache.mesos.v1.Protos.Resource;

/** The master's mutable view of one agent. Guarded by the state lock. */
final class AgentRecord {
  final String id;
  final AgentInfo info;
  final String ip;
  final boolean drainingCapable;
  final long registeredNanos;
  final Set<String> taskIds = new LinkedHashSet<>();
  List<Resource> totalResources;
  /** False after a failover until the agent re-registers: then it is listed only in recovered_agents. */
  boolean registered = true;
  boolean deactivated;
  DrainInfo drainInfo;
  Long reregisteredNanos;

  AgentRecord(String id, AgentInfo info, String ip, boolean drainingCapable, List<Resource> totalResources,
              long registeredNanos) {
    this.id = id;
    this.info = info;
    this.ip = ip;
    this.drainingCapable = drainingCapable;
    this.totalResources = totalResources;
    this.registeredNanos = registeredNanos;
  }
}
