package io.kafkaconnect.mesos.bench.stream;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.kafkaconnect.mesos.bench.Benchmark;
import io.kafkaconnect.mesos.bench.Blackhole;
import io.kafkaconnect.mesos.bench.Report;
import io.kafkaconnect.mesos.bench.Rounds;
import io.kafkaconnect.mesos.bench.Size;
import io.kafkaconnect.mesos.bench.StreamCapture;
import io.kafkaconnect.mesos.codec.Encoding;
import io.kafkaconnect.mesos.simulator.SimulatedMesosCluster;
import io.kafkaconnect.mesos.simulator.WorkloadConfig;
import io.kafkaconnect.mesos.simulator.WorkloadGenerator;
import io.kafkaconnect.mesos.source.SourceTaskMetrics;
import io.kafkaconnect.mesos.source.StreamPipeline;

/**
 * Events per second on one core through the connector's decode-and-convert path (RecordIO, the client's decoding, the
 * task's model and record factory, into {@code SourceRecord}s with Struct values), against a bare parse of the same
 * bytes and against the naive path ({@code JsonFormat} plus a generic conversion). The bytes are a real SUBSCRIBE
 * stream of the simulated master, captured in both encodings while its workload generator ran.
 */
public final class StreamBenchmark implements Benchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "stream";
    }

    @Override
    public String description() {
        return "stream pipeline: connector path vs raw parse vs naive JsonFormat path, both encodings, one core";
    }

    @Override
    public void run(Size size, Report report) throws Exception {
        int events = size.pick(300, 50_000);
        Map<Encoding, List<byte[]>> captured = capture(size.pick(20, 200), size.pick(100, 2_000), events);
        List<byte[]> jsonRecords = captured.get(Encoding.JSON);
        report.section("Stream pipeline (one core)");
        report.note("A SUBSCRIBE stream of the simulated master (" + (jsonRecords.size() - 1) + " events after its "
                + "SUBSCRIBED), captured in JSON and in protobuf while the workload generator ran; event mix: "
                + mix(jsonRecords) + ". Each path reads the same framed bytes; the connector's model is first "
                + "seeded with the stream's SUBSCRIBED, outside the timing. Rates are medians of the measured "
                + "rounds (min-max in the notes).");
        try (SourceTaskMetrics metrics = new SourceTaskMetrics("benchmark-stream", 0)) {
            for (Encoding encoding : Encoding.values()) {
                measure(encoding, captured.get(encoding), size, metrics, report);
            }
        }
    }

    private static Map<Encoding, List<byte[]>> capture(int agents, int tasks, int events) throws Exception {
        Map<Encoding, List<byte[]>> out = new LinkedHashMap<>();
        try (SimulatedMesosCluster cluster = SimulatedMesosCluster.builder().build().start();
             WorkloadGenerator generator = new WorkloadGenerator(cluster,
                     WorkloadConfig.of(7, agents, 10, tasks).withRates(0.04, 0.005, 0.1))) {
            generator.populate();
            try (StreamCapture json = StreamCapture.open(cluster.leaderUrl(), Encoding.JSON);
                 StreamCapture protobuf = StreamCapture.open(cluster.leaderUrl(), Encoding.PROTOBUF)) {
                json.await(1, Duration.ofSeconds(60));
                protobuf.await(1, Duration.ofSeconds(60));
                generator.step(events);
                out.put(Encoding.JSON, json.awaitQuiet(Duration.ofSeconds(1)));
                out.put(Encoding.PROTOBUF, protobuf.awaitQuiet(Duration.ofSeconds(1)));
            }
        }
        return out;
    }

    private static String mix(List<byte[]> jsonRecords) throws Exception {
        Map<String, Integer> types = new TreeMap<>();
        for (byte[] record : jsonRecords.subList(1, jsonRecords.size())) {
            types.merge(JSON.readTree(record).path("type").asText(), 1, Integer::sum);
        }
        StringBuilder out = new StringBuilder();
        types.forEach((type, count) -> out.append(out.length() == 0 ? "" : ", ").append(type).append(' ')
                .append(String.format("%.1f%%", 100.0 * count / (jsonRecords.size() - 1))));
        return out.toString();
    }

    private static void measure(Encoding encoding, List<byte[]> records, Size size, SourceTaskMetrics metrics,
                                Report report) throws Exception {
        byte[] subscribed = records.get(0);
        byte[] stream = StreamCapture.framed(records.subList(1, records.size()));
        String enc = encoding.name().toLowerCase(Locale.ROOT);
        Blackhole sink = new Blackhole();
        long[] sourceRecords = {0};

        Map<String, Rounds.Work> paths = new LinkedHashMap<>();
        paths.put("connector", new Rounds.Work() {
            private StreamPipeline pipeline;

            @Override
            public void prepare() {
                pipeline = new StreamPipeline(encoding, metrics);
                pipeline.accept(subscribed);
            }

            @Override
            public long run() throws Exception {
                return pipeline.acceptAll(new ByteArrayInputStream(stream), list -> {
                    sourceRecords[0] += list.size();
                    sink.consume(list);
                });
            }
        });
        NaivePipeline naive = new NaivePipeline(encoding);
        paths.put("naive", () -> naive.acceptAll(new ByteArrayInputStream(stream), sink));
        List<RawParse.Kind> raws = encoding == Encoding.JSON
                ? List.of(RawParse.Kind.JSON_STREAMING, RawParse.Kind.JSON_TREE) : List.of(RawParse.Kind.PROTOBUF);
        for (RawParse.Kind raw : raws) {
            paths.put(raw.name(), () -> RawParse.acceptAll(new ByteArrayInputStream(stream), raw, sink));
        }
        int warmups = size.pick(1, 3);
        int rounds = size.pick(1, 5);
        Map<String, Rounds.Rate> rates = Rounds.interleaved(warmups, rounds, paths);

        report.figure(enc + ": stream size", stream.length / 1e6, "MB",
                String.format("%.0f bytes per event", (double) stream.length / (records.size() - 1)));
        Rounds.Rate connector = rates.get("connector");
        report.figure(enc + ": connector path", connector.median(), "events/s", spread(connector) + "; "
                + String.format("%.2f", (double) sourceRecords[0] / ((warmups + rounds) * (records.size() - 1)))
                + " SourceRecords per event");
        for (RawParse.Kind raw : raws) {
            report.figure(enc + ": raw baseline, " + raw.label, rates.get(raw.name()).median(), "events/s",
                    spread(rates.get(raw.name())));
        }
        report.figure(enc + ": naive path, " + (encoding == Encoding.JSON ? "JsonFormat" : "Event.parseFrom")
                + " + generic Struct", rates.get("naive").median(), "events/s", spread(rates.get("naive")));
        for (RawParse.Kind raw : raws) {
            report.atLeast(enc + ": connector / " + raw.label, connector.median() / rates.get(raw.name()).median(),
                    0.5);
        }
        report.atLeast(enc + ": connector / naive", connector.median() / rates.get("naive").median(), 3.0);
    }

    private static String spread(Rounds.Rate rate) {
        return String.format("%,.0f-%,.0f", rate.min(), rate.max());
    }
}
