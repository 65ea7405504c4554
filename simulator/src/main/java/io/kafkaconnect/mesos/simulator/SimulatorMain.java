package io.kafkaconnect.mesos.simulator;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Starts a simulated cluster with the workload generator running, prints the master URLs and runs until killed.
 * Options (all optional): {@code --masters 1 --agents 10 --frameworks 3 --tasks 30 --rate 5 --heartbeat-ms 15000
 * --seed 42 --version 1.11.0 --port 5050}; without {@code --port} the masters listen on free ports.
 */
public final class SimulatorMain {

  private SimulatorMain() {
  }

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> options = parse(args);
    PrintStream out = System.out;
    int masters = Integer.parseInt(options.getOrDefault("masters", "1"));
    long seed = Long.parseLong(options.getOrDefault("seed", "42"));
    SimulatedMesosCluster.Builder builder = SimulatedMesosCluster.builder().masters(masters)
        .version(options.getOrDefault("version", "1.11.0"))
        .heartbeatInterval(Duration.ofMillis(Long.parseLong(options.getOrDefault("heartbeat-ms", "15000"))))
        .seed(seed);
    if (options.containsKey("port")) {
      builder.firstPort(Integer.parseInt(options.get("port")));
    }
    SimulatedMesosCluster cluster = builder.build().start();
    WorkloadGenerator generator = new WorkloadGenerator(cluster, WorkloadConfig.of(seed,
        Integer.parseInt(options.getOrDefault("agents", "10")),
        Integer.parseInt(options.getOrDefault("frameworks", "3")),
        Integer.parseInt(options.getOrDefault("tasks", "30"))));
    generator.populate();
    generator.start(Double.parseDouble(options.getOrDefault("rate", "5")));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      generator.stop();
      cluster.close();
      stopped.countDown();
    }, "mesos-sim-shutdown"));
    out.println("Simulated Mesos master (leader): " + cluster.leaderUrl() + "/api/v1");
    cluster.masterUrls().forEach(url -> out.println("  master: " + url));
    out.println("Try: curl -s -X POST -H 'Content-Type: application/json' -d '{\"type\":\"GET_STATE\"}' "
        + cluster.leaderUrl() + "/api/v1");
    out.flush();
    stopped.await();
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("Expected --name value pairs, got '" + args[i] + "'");
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }
}
