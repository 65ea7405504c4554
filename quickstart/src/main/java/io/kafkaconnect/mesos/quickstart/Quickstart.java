package io.kafkaconnect.mesos.quickstart;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

import io.kafkaconnect.mesos.simulator.AgentSpec;
import io.kafkaconnect.mesos.simulator.SimulatedMesosCluster;
import io.kafkaconnect.mesos.simulator.WorkloadConfig;
import io.kafkaconnect.mesos.simulator.WorkloadGenerator;

/**
 * The main job on an embedded default: a real in-process KRaft broker and Connect worker, the simulated Mesos master
 * (or a real one given by URL), the source and sink connectors deployed through the Connect REST API, and the cluster's
 * life shown as it flows into Kafka, until Ctrl-C or {@code --duration}.
 */
public final class Quickstart {

    static final String TOPIC_PREFIX = "mesos";

    private Quickstart() {
    }

    public static void main(String[] args) throws Exception {
        QuickstartOptions options;
        try {
            options = QuickstartOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(("usage".equals(e.getMessage()) ? "" : e.getMessage() + "\n") + QuickstartOptions.usage());
            System.exit(2);
            return;
        }
        try {
            run(options, System.out);
        } catch (Exception e) {
            System.err.println("Quickstart failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        // The embedded broker and worker leave non-daemon threads behind; the work is done.
        System.exit(0);
    }

    static void run(QuickstartOptions options, PrintStream out) throws Exception {
        SimulatedMesosCluster simulator = null;
        WorkloadGenerator workload = null;
        URI masterUrl;
        if (options.masterUrl().isPresent()) {
            masterUrl = options.masterUrl().get();
            out.println("Using the Mesos master at " + masterUrl);
        } else {
            simulator = SimulatedMesosCluster.builder().masters(1).heartbeatInterval(Duration.ofSeconds(5)).build();
            simulator.start();
            workload = new WorkloadGenerator(simulator, WorkloadConfig.small(42));
            workload.populate();
            workload.start(options.rate());
            masterUrl = simulator.leaderUrl();
            out.println("Started a simulated Mesos master at " + masterUrl + " (" + options.rate()
                    + " task transitions/s)");
        }

        out.println("Starting an in-process Kafka broker (KRaft) and Connect worker ...");
        EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder()
                .name("quickstart")
                .numWorkers(1)
                .build();
        connect.start();
        String bootstrap = connect.kafka().bootstrapServers();
        out.println("Kafka at " + bootstrap + ", Connect REST API at " + connect.endpointForResource(""));

        // The sink's consumer must find its command topic when it starts; operators create it the same way.
        connect.kafka().createTopic(TOPIC_PREFIX + ".commands", 1);
        connect.kafka().createTopic(TOPIC_PREFIX + ".commands.dlq", 1);
        ConnectorDeployer deployer = new ConnectorDeployer(connect, bootstrap, masterUrl, options.encoding());
        deployer.deploySource(TOPIC_PREFIX);
        deployer.deploySink(TOPIC_PREFIX);
        out.println("Deployed connectors " + connect.connectors() + " through the REST API. Watching topics "
                + TOPIC_PREFIX + ".* (Ctrl-C to stop)");

        TopicWatcher watcher = new TopicWatcher(bootstrap, TOPIC_PREFIX, out);
        Thread watcherThread = new Thread(watcher, "quickstart-watcher");
        watcherThread.start();

        // A fresh agent of its own, so that the demo reservation always fits its unallocated resources.
        Optional<String> demoAgent = simulator == null ? Optional.empty()
                : Optional.of(simulator.state().addAgent(
                        AgentSpec.of("quickstart-agent.sim.local", "10.0.255.1").withResources(8, 16384, 100000)));
        new DemoCommand(bootstrap, TOPIC_PREFIX, out).sendAndAwaitResult(demoAgent, Duration.ofSeconds(60));

        CountDownLatch stop = new CountDownLatch(1);
        final SimulatedMesosCluster simulatorToClose = simulator;
        final WorkloadGenerator workloadToStop = workload;
        Thread shutdown = new Thread(() -> {
            out.println("Stopping ...");
            watcher.close();
            if (workloadToStop != null) {
                workloadToStop.stop();
            }
            connect.stop();
            if (simulatorToClose != null) {
                simulatorToClose.close();
            }
            stop.countDown();
        }, "quickstart-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        if (options.duration().isPresent()) {
            stop.await(options.duration().get().toMillis(), TimeUnit.MILLISECONDS);
            Runtime.getRuntime().removeShutdownHook(shutdown);
            shutdown.run();
        } else {
            stop.await();
        }
    }
}
