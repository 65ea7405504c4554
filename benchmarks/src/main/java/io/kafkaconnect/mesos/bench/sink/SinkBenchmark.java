package io.kafkaconnect.mesos.bench.sink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.apache.mesos.v1.Protos.WeightInfo;
import org.apache.mesos.v1.master.Protos.Call;

import io.kafkaconnect.mesos.bench.Benchmark;
import io.kafkaconnect.mesos.bench.Report;
import io.kafkaconnect.mesos.bench.Rounds;
import io.kafkaconnect.mesos.bench.Size;
import io.kafkaconnect.mesos.simulator.SimulatedMesosCluster;
import io.kafkaconnect.mesos.sink.CommandState;
import io.kafkaconnect.mesos.sink.MasterGateway;
import io.kafkaconnect.mesos.sink.SinkPipeline;

/**
 * Commands per second through the sink task's processing (parse, validate, ledger PENDING, call, result, ledger final)
 * with the simulated master answering every call after 5 ms, 8 partitions processed concurrently: against the ideal
 * (partitions / latency), against the same calls sent bare on 8 threads, and with the ledger on (Kafka) against off.
 * The time of one acknowledged Kafka write, measured in the same run, explains the rest: besides its call, a command
 * waits on its partition for two writes in a row (its result, then the final ledger record overlapped with the next
 * command's PENDING).
 */
public final class SinkBenchmark implements Benchmark {

    private static final int PARTITIONS = 8;
    private static final Duration LATENCY = Duration.ofMillis(5);
    /** What one {@code put()} receives at most with the consumer's default {@code max.poll.records}. */
    private static final int BATCH = 500;

    @Override
    public String name() {
        return "sink";
    }

    @Override
    public String description() {
        return "sink: commands/s with a 5 ms master and 8 partitions, ledger on vs off, vs the ideal 1600/s";
    }

    @Override
    public void run(Size size, Report report) throws Exception {
        int commands = size.pick(160, 4_000);
        int rounds = size.pick(1, 5);
        Properties broker = new Properties();
        EmbeddedKafkaCluster kafka = new EmbeddedKafkaCluster(1, broker);
        kafka.start();
        try (SimulatedMesosCluster mesos = SimulatedMesosCluster.builder().build().start()) {
            mesos.faults().responseDelay(LATENCY);
            Map<String, String> props = new HashMap<>();
            props.put("name", "bench-sink");
            props.put("topics", "mesos.commands");
            props.put("mesos.master.urls", mesos.leaderUrl().toString());
            props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
            props.put("max.concurrent.partitions", Integer.toString(PARTITIONS));

            Map<SinkPipeline.LedgerMode, List<Double>> rates = new HashMap<>();
            List<Double> bare = new ArrayList<>();
            List<Double> writes = new ArrayList<>();
            Map<CommandState, Long> states = new HashMap<>();
            int run = 0;
            for (int round = -1; round < rounds; round++) {
                for (SinkPipeline.LedgerMode mode : SinkPipeline.LedgerMode.values()) {
                    try (SinkPipeline pipeline = new SinkPipeline(props, mode)) {
                        List<SinkRecord> records = commands(run++, round < 0 ? BATCH : commands);
                        long start = System.nanoTime();
                        for (int i = 0; i < records.size(); i += BATCH) {
                            pipeline.put(records.subList(i, Math.min(records.size(), i + BATCH)));
                        }
                        double rate = records.size() * 1e9 / (System.nanoTime() - start);
                        if (round >= 0) {
                            rates.computeIfAbsent(mode, m -> new ArrayList<>()).add(rate);
                            pipeline.states().forEach((s, n) -> states.merge(s, n, Long::sum));
                        }
                        if (mode == SinkPipeline.LedgerMode.IN_MEMORY && round >= 0) {
                            bare.add(bareCalls(pipeline.master(), commands));
                        }
                        if (mode == SinkPipeline.LedgerMode.KAFKA && round >= 0) {
                            writes.add(pipeline.acknowledgedWriteMillis(PARTITIONS, commands / PARTITIONS / 4));
                        }
                    }
                }
            }
            double ideal = PARTITIONS * 1000.0 / LATENCY.toMillis();
            double kafkaLedger = median(rates.get(SinkPipeline.LedgerMode.KAFKA));
            double inMemory = median(rates.get(SinkPipeline.LedgerMode.IN_MEMORY));
            double writeByWrite = median(rates.get(SinkPipeline.LedgerMode.KAFKA_WRITE_BY_WRITE));
            double calls = median(bare);
            report.section("Sink: commands per second, 5 ms master, 8 partitions");
            report.note("The sink task's processing (SinkPipeline: the parts SinkRuntime wires, through "
                    + "PartitionedBatch in put() batches of " + BATCH + ") with max.concurrent.partitions=8, "
                    + commands + " UPDATE_WEIGHTS commands spread over 8 partitions per run, the simulated master "
                    + "answering each call after " + LATENCY.toMillis() + " ms (Faults.responseDelay), a real "
                    + "KRaft broker for the ledger and result topics. Ledger off = the InMemoryLedger in place of "
                    + "the KafkaLedger; 'each final record awaited at once' = the handler waits for a command's "
                    + "final ledger record before the partition's next command starts, as the sink did before its "
                    + "ledger writes were pipelined (both harness-only switches). The three modes run in turn in "
                    + "every round. Medians of " + rounds + " runs after a warm-up; "
                    + "final states: " + states + ".");
            report.figure("ideal (partitions / latency)", ideal, "commands/s");
            report.figure("bare calls on 8 threads (no sink)", calls, "calls/s", "the HTTP floor");
            report.figure("acknowledged Kafka write, 8 threads one at a time", median(writes), "ms",
                    "median; a command waits for 2 in a row besides its call");
            report.figure("sink, ledger on (Kafka)", kafkaLedger, "commands/s", spread(rates.get(
                    SinkPipeline.LedgerMode.KAFKA)));
            report.figure("sink, ledger on, each final record awaited at once (before pipelining)", writeByWrite,
                    "commands/s", spread(rates.get(SinkPipeline.LedgerMode.KAFKA_WRITE_BY_WRITE)));
            report.figure("sink, ledger off (in memory)", inMemory, "commands/s", spread(rates.get(
                    SinkPipeline.LedgerMode.IN_MEMORY)));
            report.figure("pipelined / each final record awaited at once", kafkaLedger / writeByWrite, "");
            report.figure("ledger overhead", 100 * (1 - kafkaLedger / inMemory), "% of throughput");
            report.atLeast("ledger on / ideal", kafkaLedger / ideal, 0.8);
            report.figure("ledger on / bare calls", kafkaLedger / calls, "");
            report.figure("time per command on a partition, ledger on", PARTITIONS * 1000.0 / kafkaLedger, "ms",
                    String.format("bare call %.2f ms", PARTITIONS * 1000.0 / calls));
        } finally {
            kafka.stop();
        }
    }

    /** {@code count} commands, round-robin over the partitions, ids unique to the run. */
    private static List<SinkRecord> commands(int run, int count) {
        List<SinkRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int partition = i % PARTITIONS;
            String json = "{\"command_id\":\"bench-" + run + "-" + i + "\",\"call\":{\"type\":\"UPDATE_WEIGHTS\","
                    + "\"update_weights\":{\"weight_infos\":[{\"role\":\"role-" + partition + "\",\"weight\":"
                    + (1 + i % 7) + ".5}]}}}";
            records.add(new SinkRecord("mesos.commands", partition, null, null, null, json, i / PARTITIONS));
        }
        return records;
    }

    /** Calls per second sending the same calls straight through the gateway, one thread per partition. */
    private static double bareCalls(MasterGateway master, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARTITIONS);
        try {
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                int partition = p;
                running.add(pool.submit(() -> {
                    for (int i = partition; i < count; i += PARTITIONS) {
                        int status = master.send(Call.newBuilder().setType(Call.Type.UPDATE_WEIGHTS)
                                .setUpdateWeights(Call.UpdateWeights.newBuilder().addWeightInfos(WeightInfo
                                        .newBuilder().setRole("role-" + partition).setWeight(2.5)))
                                .build()).status();
                        if (status != 200) {
                            throw new IllegalStateException("UPDATE_WEIGHTS answered " + status);
                        }
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            return count * 1e9 / (System.nanoTime() - start);
        } finally {
            pool.shutdownNow();
        }
    }

    private static double median(List<Double> values) {
        return Rounds.median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static String spread(List<Double> values) {
        return String.format("%,.0f-%,.0f", values.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                values.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    }
}
