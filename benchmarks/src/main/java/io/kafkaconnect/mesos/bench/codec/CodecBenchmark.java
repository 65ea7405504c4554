package io.kafkaconnect.mesos.bench.codec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.mesos.v1.master.Protos.Event;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;

import io.kafkaconnect.mesos.bench.Benchmark;
import io.kafkaconnect.mesos.bench.Blackhole;
import io.kafkaconnect.mesos.bench.Report;
import io.kafkaconnect.mesos.bench.Rounds;
import io.kafkaconnect.mesos.bench.Size;
import io.kafkaconnect.mesos.bench.StreamCapture;
import io.kafkaconnect.mesos.codec.Encoding;
import io.kafkaconnect.mesos.codec.MesosJson;
import io.kafkaconnect.mesos.codec.MesosProto;
import io.kafkaconnect.mesos.simulator.SimulatedMesosCluster;
import io.kafkaconnect.mesos.simulator.WorkloadConfig;
import io.kafkaconnect.mesos.simulator.WorkloadGenerator;

/**
 * The codec ({@link MesosJson}, {@link MesosProto}) against protobuf-java-util's {@code JsonFormat} and binary
 * {@code Event.parseFrom}, on a SUBSCRIBED event of a mid-size simulated cluster and on a TASK_UPDATED event.
 */
public final class CodecBenchmark implements Benchmark {

    @Override
    public String name() {
        return "codec";
    }

    @Override
    public String description() {
        return "codec: MesosJson/MesosProto read and write vs JsonFormat and Event.parseFrom";
    }

    @Override
    public void run(Size size, Report report) throws Exception {
        Event subscribed;
        Event taskUpdated;
        try (SimulatedMesosCluster mesos = SimulatedMesosCluster.builder().build().start();
             WorkloadGenerator generator = new WorkloadGenerator(mesos, WorkloadConfig.of(5, 200, 10, 2_000))) {
            generator.populate();
            try (StreamCapture capture = StreamCapture.open(mesos.leaderUrl(), Encoding.PROTOBUF)) {
                capture.await(1, Duration.ofMinutes(1));
                generator.step(200);
                List<byte[]> records = capture.awaitQuiet(Duration.ofSeconds(1));
                subscribed = Event.parseFrom(records.get(0));
                taskUpdated = records.stream().map(CodecBenchmark::parse)
                        .filter(e -> e.getType() == Event.Type.TASK_UPDATED).findFirst().orElseThrow();
            }
        }
        report.section("Codec: MesosJson / MesosProto against JsonFormat and Event.parseFrom");
        report.note("A SUBSCRIBED of a simulated cluster of 200 agents and 2,000 tasks, and one TASK_UPDATED; "
                + "operations per second on one thread, medians of the measured rounds; ratio = codec / baseline.");
        measure("SUBSCRIBED", subscribed, size.pick(2, 40), size, report);
        measure("TASK_UPDATED", taskUpdated, size.pick(100, 50_000), size, report);
    }

    private static Event parse(byte[] bytes) {
        try {
            return Event.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void measure(String name, Event event, int iterations, Size size, Report report) throws Exception {
        byte[] json = MesosJson.toJsonBytes(event);
        byte[] binary = event.toByteArray();
        JsonFormat.Parser parser = JsonFormat.parser().ignoringUnknownFields();
        JsonFormat.Printer printer = JsonFormat.printer().preservingProtoFieldNames().omittingInsignificantWhitespace();
        Blackhole sink = new Blackhole();
        Map<String, Rounds.Work> ops = new LinkedHashMap<>();
        ops.put("read JSON: MesosJson.fromJson", repeat(iterations,
                () -> sink.consume(MesosJson.fromJson(json, Event.getDefaultInstance()))));
        ops.put("read JSON: JsonFormat.parser", repeat(iterations, () -> {
            Event.Builder builder = Event.newBuilder();
            parser.merge(new String(json, StandardCharsets.UTF_8), builder);
            sink.consume(builder.build());
        }));
        ops.put("write JSON: MesosJson.toJsonBytes", repeat(iterations,
                () -> sink.consume(MesosJson.toJsonBytes(event))));
        ops.put("write JSON: JsonFormat.printer", repeat(iterations,
                () -> sink.consume(printer.print(event).getBytes(StandardCharsets.UTF_8))));
        ops.put("read protobuf: MesosProto.fromBytes (lenient)", repeat(iterations,
                () -> sink.consume(MesosProto.fromBytes(binary, Event.getDefaultInstance()))));
        ops.put("read protobuf: Event.parseFrom", repeat(iterations, () -> sink.consume(Event.parseFrom(binary))));
        Map<String, Rounds.Rate> rates = Rounds.interleaved(size.pick(1, 3), size.pick(1, 5), ops);
        report.figure(name + ": size", json.length, "bytes JSON", binary.length + " bytes protobuf");
        rates.forEach((op, rate) -> report.figure(name + ": " + op, rate.median(), "ops/s"));
        List<String> names = List.copyOf(rates.keySet());
        for (int i = 0; i < names.size(); i += 2) {
            report.figure(name + ": " + names.get(i).substring(0, names.get(i).indexOf(':')) + ", codec / baseline",
                    rates.get(names.get(i)).median() / rates.get(names.get(i + 1)).median(), "x");
        }
    }

    private interface Op {
        void run() throws Exception;
    }

    private static Rounds.Work repeat(int iterations, Op op) {
        return () -> {
            for (int i = 0; i < iterations; i++) {
                op.run();
            }
            return iterations;
        };
    }
}
