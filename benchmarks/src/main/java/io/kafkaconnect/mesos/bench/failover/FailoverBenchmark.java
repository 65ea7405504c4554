package io.kafkaconnect.mesos.bench.failover;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.kafkaconnect.mesos.bench.Benchmark;
import io.kafkaconnect.mesos.bench.Report;
import io.kafkaconnect.mesos.bench.Rounds;
import io.kafkaconnect.mesos.bench.Size;
import io.kafkaconnect.mesos.simulator.SimulatedMesosCluster;
import io.kafkaconnect.mesos.simulator.WorkloadConfig;
import io.kafkaconnect.mesos.simulator.WorkloadGenerator;
import io.kafkaconnect.mesos.source.StreamFollower;
import io.kafkaconnect.mesos.source.stream.DisconnectReason;

/**
 * How fast the source's stream side recovers, with its default settings: the time from a new leader being reachable
 * to the first event read from it (after a failover with a recovery window, and after a period with no leader), and
 * the time the watchdog takes to detect a stalled stream, against its bound (multiplier × heartbeat interval).
 */
public final class FailoverBenchmark implements Benchmark {

    private static final Duration HEARTBEAT = Duration.ofSeconds(1);
    private static final Duration RECOVERY = Duration.ofSeconds(2);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Override
    public String name() {
        return "failover";
    }

    @Override
    public String description() {
        return "failover: new leader reachable -> first event read; stalled stream detection vs k x heartbeat";
    }

    @Override
    public void run(Size size, Report report) throws Exception {
        int repeats = size.pick(1, 5);
        try (SimulatedMesosCluster mesos = SimulatedMesosCluster.builder().masters(2).heartbeatInterval(HEARTBEAT)
                .build().start();
             WorkloadGenerator generator = new WorkloadGenerator(mesos, WorkloadConfig.of(3, 20, 3, 100))) {
            generator.populate();
            generator.start(50);
            Map<String, String> props = new HashMap<>();
            props.put("mesos.master.urls", mesos.masterUrls().stream().map(Object::toString)
                    .collect(Collectors.joining(",")));
            props.put("kafka.bootstrap.servers", "127.0.0.1:9");
            double multiplier = 5.0; // mesos.stream.heartbeat.multiplier's default, left as is
            try (StreamFollower stream = new StreamFollower(props)) {
                stream.awaitMark(0, "SUBSCRIBED", TIMEOUT);
                List<Double> failover = new ArrayList<>();
                List<Double> leaderless = new ArrayList<>();
                List<Double> stalls = new ArrayList<>();
                for (int i = 0; i < repeats; i++) {
                    mesos.failover(RECOVERY);
                    long reachable = System.nanoTime();
                    failover.add(millis(reachable, stream.awaitMark(reachable, "SUBSCRIBED", TIMEOUT).at()));

                    mesos.abdicate();
                    Thread.sleep(RECOVERY.toMillis());
                    mesos.failover(Duration.ZERO);
                    reachable = System.nanoTime();
                    leaderless.add(millis(reachable, stream.awaitMark(reachable, "SUBSCRIBED", TIMEOUT).at()));

                    stream.awaitMark(System.nanoTime(), "HEARTBEAT", TIMEOUT);
                    mesos.faults().stallStreams();
                    long stalled = System.nanoTime();
                    StreamFollower.Mark detected = stream.awaitMark(stalled, "disconnected", TIMEOUT);
                    if (detected.reason() != DisconnectReason.STALLED) {
                        throw new IllegalStateException("the stalled stream ended as " + detected.reason());
                    }
                    stalls.add(millis(stalled, detected.at()));
                    mesos.faults().resumeStreams();
                    stream.awaitMark(detected.at(), "SUBSCRIBED", TIMEOUT);
                }
                double bound = multiplier * HEARTBEAT.toMillis();
                report.section("Failover and stalled streams");
                report.note("Two simulated masters, heartbeat every " + HEARTBEAT.toSeconds() + " s, a workload of "
                        + "50 events/s; the connector's stream side (StreamFollower: MesosClient, StreamReader, "
                        + "watchdog) with default settings. 'Reachable' is when SimulatedMesosCluster.failover "
                        + "returns (the new leader serves); the first event read is its SUBSCRIBED. " + repeats
                        + " repetitions; median (max).");
                report.figure("failover (" + RECOVERY.toSeconds() + " s recovery, 503 meanwhile): reachable -> "
                        + "first event", Rounds.median(array(failover)), "ms", "max " + max(failover) + " ms");
                report.figure("no leader for " + RECOVERY.toSeconds() + " s, then elected: reachable -> first event",
                        Rounds.median(array(leaderless)), "ms", "max " + max(leaderless) + " ms");
                report.figure("stalled stream: stall -> watchdog disconnect", Rounds.median(array(stalls)), "ms",
                        "max " + max(stalls) + " ms");
                report.figure("watchdog bound: multiplier x heartbeat", bound, "ms",
                        multiplier + " x " + HEARTBEAT.toMillis() + " ms");
                // The watchdog trips a whole window after the last byte, never earlier; the slack is for its timer
                // thread being scheduled late on a loaded machine.
                report.atMost("stall detection (max) / bound", max(stalls) / bound, 1.1);
            }
        }
    }

    private static double millis(long from, long to) {
        return (to - from) / 1e6;
    }

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static long max(List<Double> values) {
        return Math.round(values.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    }
}
