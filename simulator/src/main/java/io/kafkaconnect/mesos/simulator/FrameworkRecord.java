package io.kafkaconnect.mesos.simulator;

import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.mesos.v1.Protos.FrameworkInfo;

/** The master's mutable view of one framework. Guarded by the state lock. */
final class FrameworkRecord {
  final String id;
  final FrameworkInfo info;
  final long registeredNanos;
  final Set<String> taskIds = new LinkedHashSet<>();
  /** False after a failover until the framework re-subscribes or an agent running its tasks re-registers. */
  boolean visible = true;
  boolean recovered;
  boolean active = true;
  boolean connected = true;
  Long reregisteredNanos;
  Long unregisteredNanos;

  FrameworkRecord(String id, FrameworkInfo info, long registeredNanos) {
    this.id = id;
    this.info = info;
    this.registeredNanos = registeredNanos;
  }

  boolean isPartitionAware() {
    return info.getCapabilitiesList().stream()
        .anyMatch(c -> c.getType() == FrameworkInfo.Capability.Type.PARTITION_AWARE);
  }
}
