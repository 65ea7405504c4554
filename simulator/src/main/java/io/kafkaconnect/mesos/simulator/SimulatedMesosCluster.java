package io.kafkaconnect.mesos.simulator;

import io.kafkaconnect.mesos.simulator.stream.EventStreamHub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process simulated Mesos master cluster: one leader and optional standbys, each with its own HTTP server on
 * 127.0.0.1, sharing one state model. Build it with {@link #builder()}, then {@link #start()}.
 */
public final class SimulatedMesosCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedMesosCluster.class);

  private final SimulatorSettings settings;
  private final EventStreamHub hub;
  private final ClusterState state;
  private final OperationsLog operations = new OperationsLog();
  private final Faults faults;
  private final WriteCalls writeCalls;
  private final List<MasterNode> nodes = new ArrayList<>();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "mesos-sim-cluster");
    t.setDaemon(true);
    return t;
  });
  private final Object leadership = new Object();
  private volatile MasterNode leader;
  private volatile boolean recovering;
  private ScheduledFuture<?> pendingReregistration;
  private boolean started;

  private SimulatedMesosCluster(SimulatorSettings settings) {
    this.settings = settings;
    this.hub = new EventStreamHub(settings.maxSubscribers(), settings.heartbeatInterval(),
        settings.version().atLeast(1, 5), settings.seed());
    this.state = new ClusterState(settings.version(), hub);
    this.faults = new Faults(hub);
    this.writeCalls = new WriteCalls(state, operations);
    for (int i = 0; i < settings.masters(); i++) {
      int port = settings.firstPort() == 0 ? 0 : settings.firstPort() + i;
      nodes.add(new MasterNode(i, settings.hostname(), settings.version(), port));
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Binds every master to 127.0.0.1 (on a free port unless {@link Builder#firstPort} says); the first one leads. */
  public synchronized SimulatedMesosCluster start() {
    if (started) {
      throw new IllegalStateException("Already started");
    }
    try {
      for (MasterNode node : nodes) {
        node.start(this);
      }
    } catch (IOException e) {
      nodes.forEach(MasterNode::close);
      throw new UncheckedIOException("Failed to bind a simulated master", e);
    }
    MasterNode first = nodes.get(0);
    first.elected();
    leader = first;
    started = true;
    LOG.info("Simulated Mesos {} cluster started; leader at {}", settings.version(), leaderUrl());
    return this;
  }

  /** The base URL (no path) of every master, leader and standbys. */
  public List<URI> masterUrls() {
    return nodes.stream().map(this::urlOf).toList();
  }

  /** The current leader's base URL, or null while no leader is elected. */
  public URI leaderUrl() {
    MasterNode current = leader;
    return current == null ? null : urlOf(current);
  }

  /**
   * Elects another master (the next one; with a single master, the same one restarts). The old leader closes all its
   * streams and becomes a standby. The new leader answers 503 {@code Master has not finished recovery} for
   * {@code recoveryWindow}, then serves with every agent listed only in {@code recovered_agents} until it re-registers
   * (after the configured re-register delay, or on {@link #reregisterAgents()}). Blocks until the new leader serves.
   */
  public void failover(Duration recoveryWindow) {
    Objects.requireNonNull(recoveryWindow, "recoveryWindow");
    synchronized (leadership) {
      MasterNode old = leader;
      int next = old == null ? 0 : (old.index() + 1) % nodes.size();
      recovering = true;
      hub.closeAll();
      cancelPendingReregistration();
      state.beginFailoverRecovery();
      MasterNode elected = nodes.get(next);
      elected.elected();
      leader = elected;
      LOG.info("Failover: master {} now leads, recovering for {}", next, recoveryWindow);
    }
    if (!recoveryWindow.isZero() && !recoveryWindow.isNegative()) {
      try {
        Thread.sleep(recoveryWindow.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (leadership) {
      recovering = false;
      if (settings.autoReregister()) {
        pendingReregistration = scheduler.schedule((Runnable) this::reregisterAgents,
            settings.agentReregisterDelay().toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  /** The leader steps down and none is elected: every master answers 503 {@code No leader elected}. */
  public void abdicate() {
    synchronized (leadership) {
      leader = null;
      hub.closeAll();
    }
  }

  /** Every agent still waiting after a failover re-registers now. */
  public void reregisterAgents() {
    reregisterAgents(state.recoveredAgentIds());
  }

  /** The given recovered agents re-register now (AGENT_ADDED, FRAMEWORK_ADDED as needed, TASK_ADDED). */
  public void reregisterAgents(Collection<String> agentIds) {
    for (String id : agentIds) {
      state.reregisterAgent(id);
    }
  }

  public ClusterState state() {
    return state;
  }

  public OperationsLog operations() {
    return operations;
  }

  public Faults faults() {
    return faults;
  }

  public GroundTruth groundTruth() {
    return state.groundTruth();
  }

  /** How many SUBSCRIBE streams are open on the leader. */
  public int subscriberCount() {
    return hub.subscriberCount();
  }

  /** Events the leader holds for its open streams, not yet written to them (it buffers without limit). */
  public long bufferedEvents() {
    return hub.bufferedEvents();
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    hub.close();
    nodes.forEach(MasterNode::close);
  }

  SimulatorSettings settings() {
    return settings;
  }

  MasterNode leaderNode() {
    return leader;
  }

  boolean isRecovering() {
    return recovering;
  }

  WriteCalls writeCalls() {
    return writeCalls;
  }

  ReadCalls readCalls(MasterNode node) {
    return new ReadCalls(state, node, settings);
  }

  private void cancelPendingReregistration() {
    if (pendingReregistration != null) {
      pendingReregistration.cancel(false);
      pendingReregistration = null;
    }
  }

  private URI urlOf(MasterNode node) {
    return URI.create("http://127.0.0.1:" + node.port());
  }

  /** Configures a {@link SimulatedMesosCluster}. */
  public static final class Builder {
    private int masters = 1;
    private String version = "1.11.0";
    private Duration heartbeatInterval = Duration.ofSeconds(15);
    private SimulatorSettings.Credentials credentials;
    private int maxSubscribers = 1000;
    private String hostname = "127.0.0.1";
    private long seed = 42;
    private Duration agentReregisterDelay = Duration.ofMillis(200);
    private int firstPort;

    private Builder() {
    }

    /** One leader plus {@code count - 1} standbys (default 1). */
    public Builder masters(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("masters must be >= 1");
      }
      this.masters = count;
      return this;
    }

    /** The version GET_VERSION reports; it gates calls, events and heartbeats (default 1.11.0). */
    public Builder version(String mesosVersion) {
      MesosVersion.parse(mesosVersion);
      this.version = mesosVersion;
      return this;
    }

    /** The heartbeat period of event streams (a real master: 15 s, the default). */
    public Builder heartbeatInterval(Duration interval) {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("heartbeatInterval must be positive");
      }
      this.heartbeatInterval = interval;
      return this;
    }

    /** Requires HTTP basic credentials on every call, like {@code --authenticate_http_readwrite}. */
    public Builder basicAuth(String principal, String secret) {
      this.credentials = new SimulatorSettings.Credentials(Objects.requireNonNull(principal),
          Objects.requireNonNull(secret));
      return this;
    }

    /** {@code --max_operator_event_stream_subscribers}: the oldest stream is closed beyond it (default 1000). */
    public Builder maxSubscribers(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxSubscribers must be >= 1");
      }
      this.maxSubscribers = max;
      return this;
    }

    /** The masters' hostname, as named in 307 Location headers (default 127.0.0.1). */
    public Builder hostname(String name) {
      this.hostname = Objects.requireNonNull(name);
      return this;
    }

    /** Seeds the random chunk splitting of event streams. */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /** After a failover, recovered agents re-register this long after recovery ends (default 200 ms). */
    public Builder agentReregisterDelay(Duration delay) {
      this.agentReregisterDelay = Objects.requireNonNull(delay);
      return this;
    }

    /** After a failover, agents re-register only on {@link SimulatedMesosCluster#reregisterAgents()}. */
    public Builder manualAgentReregistration() {
      this.agentReregisterDelay = null;
      return this;
    }

    /** Master {@code i} listens on {@code port + i}, e.g. 5050 like a real master (default: free ports). */
    public Builder firstPort(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be between 1 and 65535");
      }
      this.firstPort = port;
      return this;
    }

    public SimulatedMesosCluster build() {
      return new SimulatedMesosCluster(new SimulatorSettings(masters, MesosVersion.parse(version), heartbeatInterval,
          credentials, maxSubscribers, hostname, seed, agentReregisterDelay, firstPort));
    }
  }
}
