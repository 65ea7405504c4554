package io.kafkaconnect.mesos.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** One simulated master process: its identity and its HTTP server. Leadership is decided by the cluster. */
final class MasterNode implements AutoCloseable {
  static {
    // The JDK server's responses on a kept-alive connection wait on Nagle's algorithm unless told (about 40 ms each):
    // a latency of the simulator's own, not of Mesos. Read once, when the server class first loads.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final int index;
  private final String hostname;
  private final String masterId = UUID.randomUUID().toString();
  private final MesosVersion version;
  private final long startNanos = ClusterState.nowNanos();
  private volatile long electedNanos;
  private HttpServer server;
  private ExecutorService executor;

  private final int requestedPort;

  /** {@code port} 0 binds a free port. */
  MasterNode(int index, String hostname, MesosVersion version, int port) {
    this.index = index;
    this.requestedPort = port;
    this.hostname = hostname;
    this.version = version;
  }

  void start(SimulatedMesosCluster cluster) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", requestedPort), 128);
    ApiHandler api = new ApiHandler(cluster, this);
    server.createContext("/api/v1", api);
    server.createContext("/master/api/v1", api);
    server.createContext("/redirect", new RedirectHandler(cluster));
    executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "mesos-sim-master-" + index);
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.start();
  }

  int index() {
    return index;
  }

  String hostname() {
    return hostname;
  }

  String ip() {
    return "127.0.0.1";
  }

  int port() {
    return server.getAddress().getPort();
  }

  String masterId() {
    return masterId;
  }

  MesosVersion version() {
    return version;
  }

  long startNanos() {
    return startNanos;
  }

  long electedNanos() {
    return electedNanos;
  }

  void elected() {
    electedNanos = ClusterState.nowNanos();
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      try {
        executor.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
