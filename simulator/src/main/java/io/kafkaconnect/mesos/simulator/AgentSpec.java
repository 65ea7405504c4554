package io.kafkaconnect.mesos.simulator;

import java.util.List;
import java.util.Map;

/**
 * What an agent brings when it registers: its machine (hostname and IPv4, used by maintenance), unreserved resources,
 * attributes, and whether it has the AGENT_DRAINING capability.
 */
public record AgentSpec(String hostname, String ip, double cpus, double mem, double disk, double gpus,
                        List<PortRange> ports, Map<String, String> attributes, boolean drainingCapable) {

  /** An inclusive port range. */
  public record PortRange(long begin, long end) {
  }

  public AgentSpec {
    ports = List.copyOf(ports);
    attributes = Map.copyOf(attributes);
  }

  /** 4 cpus, 8 GiB mem, 100 GB disk, no GPUs, ports 31000-32000, no attributes, drain capable. */
  public static AgentSpec of(String hostname, String ip) {
    return new AgentSpec(hostname, ip, 4, 8192, 100_000, 0, List.of(new PortRange(31000, 32000)), Map.of(), true);
  }

  public AgentSpec withResources(double newCpus, double newMem, double newDisk) {
    return new AgentSpec(hostname, ip, newCpus, newMem, newDisk, gpus, ports, attributes, drainingCapable);
  }

  public AgentSpec withGpus(double newGpus) {
    return new AgentSpec(hostname, ip, cpus, mem, disk, newGpus, ports, attributes, drainingCapable);
  }

  public AgentSpec withPorts(List<PortRange> newPorts) {
    return new AgentSpec(hostname, ip, cpus, mem, disk, gpus, newPorts, attributes, drainingCapable);
  }

  public AgentSpec withAttributes(Map<String, String> newAttributes) {
    return new AgentSpec(hostname, ip, cpus, mem, disk, gpus, ports, newAttributes, drainingCapable);
  }

  public AgentSpec withDrainingCapable(boolean capable) {
    return new AgentSpec(hostname, ip, cpus, mem, disk, gpus, ports, attributes, capable);
  }
}
