package io.kafkaconnect.mesos.simulator;

import java.time.Duration;

/**
 * The builder's choices, fixed at build time. {@code credentials} is null when authentication is off; {@code firstPort}
 * 0 means free ports.
 */
record SimulatorSettings(int masters, MesosVersion version, Duration heartbeatInterval, Credentials credentials,
                         int maxSubscribers, String hostname, long seed, Duration agentReregisterDelay,
                         int firstPort) {

  /** HTTP basic credentials. The secret is never printed. */
  record Credentials(String principal, String secret) {
    @Override
    public String toString() {
      return "Credentials[principal=" + principal + ", secret=****]";
    }
  }

  /** Whether recovered agents re-register on their own after a failover. */
  boolean autoReregister() {
    return agentReregisterDelay != null;
  }
}
