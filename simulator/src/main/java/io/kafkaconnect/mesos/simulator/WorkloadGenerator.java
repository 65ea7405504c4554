package io.kafkaconnect.mesos.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a {@link SimulatedMesosCluster} through a seeded, deterministic workload: {@link #populate()} builds the initial
 * cluster, {@link #step(int)} performs random transitions (task launches and STAGING -> STARTING -> RUNNING ->
 * FINISHED/FAILED/KILLED, agents and frameworks coming and going), {@link #start(double)} runs steps on a background thread.
 * Transitions made by others (API calls, tests) are tolerated: tasks that vanished are simply forgotten.
 */
public final class WorkloadGenerator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkloadGenerator.class);

  private final SimulatedMesosCluster cluster;
  private final WorkloadConfig config;
  private final Random random;
  private final List<String> agents = new ArrayList<>();
  private final List<String> frameworks = new ArrayList<>();
  /** Live tasks this generator drives, indexable for random choice. */
  private final List<String> liveTasks = new ArrayList<>();
  private final Map<String, TaskTrack> tracks = new HashMap<>();
  private int agentCounter;
  private int frameworkCounter;
  private int taskCounter;
  private long taskTransitions;
  private Thread runner;
  private volatile boolean running;

  private static final class TaskTrack {
    final String frameworkId;
    TaskState state = TaskState.TASK_STAGING;
    int index;

    TaskTrack(String frameworkId, int index) {
      this.frameworkId = frameworkId;
      this.index = index;
    }
  }

  public WorkloadGenerator(SimulatedMesosCluster cluster, WorkloadConfig config) {
    this.cluster = cluster;
    this.config = config;
    this.random = new Random(config.seed());
  }

  /** Creates the configured agents, frameworks and RUNNING tasks. */
  public synchronized void populate() {
    long started = System.nanoTime();
    for (int i = 0; i < config.agents(); i++) {
      addAgent();
    }
    for (int i = 0; i < config.frameworks(); i++) {
      addFramework();
    }
    ClusterState state = cluster.state();
    for (int i = 0; i < config.tasks(); i++) {
      String taskId = launch(agents.get(i % agents.size()));
      if (taskId == null) {
        continue;
      }
      TaskTrack track = tracks.get(taskId);
      state.updateTask(track.frameworkId, taskId, TaskState.TASK_STARTING);
      state.updateTask(track.frameworkId, taskId, TaskState.TASK_RUNNING);
      track.state = TaskState.TASK_RUNNING;
    }
    LOG.info("Populated {} agents, {} frameworks, {} tasks in {} ms", config.agents(), config.frameworks(),
        config.tasks(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  /** How many task launches and task state changes {@link #step} has made so far. */
  public synchronized long taskTransitions() {
    return taskTransitions;
  }

  /** Performs {@code n} random transitions. */
  public synchronized void step(int n) {
    for (int i = 0; i < n; i++) {
      stepOnce();
    }
  }

  /** Runs steps on a background thread at about {@code eventsPerSecond}. */
  public synchronized void start(double eventsPerSecond) {
    if (eventsPerSecond <= 0) {
      throw new IllegalArgumentException("eventsPerSecond must be positive");
    }
    if (runner != null) {
      throw new IllegalStateException("Already running");
    }
    running = true;
    long periodNanos = (long) (1_000_000_000L / eventsPerSecond);
    runner = new Thread(() -> {
      long next = System.nanoTime();
      while (running) {
        try {
          step(1);
        } catch (RuntimeException e) {
          LOG.warn("Workload step failed; continuing", e);
        }
        next += periodNanos;
        long sleep = next - System.nanoTime();
        if (sleep > 0) {
          try {
            TimeUnit.NANOSECONDS.sleep(sleep);
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }, "mesos-sim-workload");
    runner.setDaemon(true);
    runner.start();
  }

  /** Stops the background thread, if running, and waits for it. */
  public void stop() {
    Thread thread;
    synchronized (this) {
      running = false;
      thread = runner;
      runner = null;
    }
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void stepOnce() {
    double dice = random.nextDouble();
    if (dice < config.agentChurnRate()) {
      if (random.nextBoolean() || agents.size() <= 1) {
        addAgent();
      } else {
        removeAgent();
      }
    } else if (dice < config.agentChurnRate() + config.frameworkChurnRate()) {
      if (random.nextBoolean() || frameworks.size() <= 1) {
        addFramework();
      } else {
        removeFramework();
      }
    } else if (liveTasks.isEmpty() || random.nextDouble() < 0.3) {
      if (launch(agents.get(random.nextInt(agents.size()))) != null) {
        taskTransitions++;
      }
    } else if (advance(liveTasks.get(random.nextInt(liveTasks.size())))) {
      taskTransitions++;
    }
  }

  private void addAgent() {
    int n = agentCounter++;
    String ip = "10." + ((n >> 16) & 0xff) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    AgentSpec spec = AgentSpec.of(String.format("agent-%05d.sim.local", n), ip)
        .withAttributes(Map.of("rack", "rack-" + (n % 20), "zone", "zone-" + (n % 3)));
    agents.add(cluster.state().addAgent(spec));
  }

  private void removeAgent() {
    String agentId = agents.remove(random.nextInt(agents.size()));
    try {
      cluster.state().removeAgent(agentId);
    } catch (IllegalArgumentException e) {
      LOG.debug("Agent {} already gone", agentId);
    }
    forgetTasksMissingFromState();
  }

  private void addFramework() {
    int n = frameworkCounter++;
    frameworks.add(cluster.state().registerFramework("framework-" + n, "role-" + (n % config.roles())));
  }

  private void removeFramework() {
    String frameworkId = frameworks.remove(random.nextInt(frameworks.size()));
    try {
      cluster.state().removeFramework(frameworkId);
    } catch (IllegalArgumentException e) {
      LOG.debug("Framework {} already gone", frameworkId);
    }
    forgetTasksMissingFromState();
  }

  private String launch(String agentId) {
    String frameworkId = frameworks.get(random.nextInt(frameworks.size()));
    String taskId = "task-" + (taskCounter++);
    double cpus = 0.1 * (1 + random.nextInt(10));
    double mem = 128 * (1 + random.nextInt(8));
    try {
      cluster.state().launchTask(frameworkId, agentId, taskId, "sim-" + taskId, cpus, mem, 0);
    } catch (IllegalArgumentException e) {
      LOG.debug("Launch skipped: {}", e.getMessage());
      agents.remove(agentId);
      frameworks.remove(frameworkId);
      return null;
    }
    tracks.put(taskId, new TaskTrack(frameworkId, liveTasks.size()));
    liveTasks.add(taskId);
    return taskId;
  }

  /** Moves the task to its next state; false when it was gone already. */
  private boolean advance(String taskId) {
    TaskTrack track = tracks.get(taskId);
    boolean applied = false;
    TaskState next;
    TaskStatus.Reason reason = null;
    switch (track.state) {
      case TASK_STAGING -> next = TaskState.TASK_STARTING;
      case TASK_STARTING -> next = TaskState.TASK_RUNNING;
      default -> {
        if (random.nextDouble() < config.taskFailureRate()) {
          boolean failed = random.nextBoolean();
          next = failed ? TaskState.TASK_FAILED : TaskState.TASK_KILLED;
          reason = failed ? TaskStatus.Reason.REASON_COMMAND_EXECUTOR_FAILED : null;
        } else {
          next = TaskState.TASK_FINISHED;
        }
      }
    }
    try {
      cluster.state().updateTask(track.frameworkId, taskId, next, reason);
      track.state = next;
      applied = true;
    } catch (IllegalArgumentException e) {
      next = TaskState.TASK_LOST; // removed by someone else
    }
    if (ClusterState.isTerminal(next)) {
      forget(taskId);
    }
    return applied;
  }

  private void forgetTasksMissingFromState() {
    for (String taskId : new ArrayList<>(liveTasks)) {
      if (!cluster.state().isLive(taskId)) {
        forget(taskId);
      }
    }
  }

  private void forget(String taskId) {
    TaskTrack track = tracks.remove(taskId);
    int last = liveTasks.size() - 1;
    String moved = liveTasks.get(last);
    liveTasks.set(track.index, moved);
    if (!moved.equals(taskId)) {
      tracks.get(moved).index = track.index;
    }
    liveTasks.remove(last);
  }
}
