package io.kafkaconnect.mesos.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.master.Protos.Event;
import org.apache.mesos.v1.master.Protos.Response;

/**
 * Not a test: compares the codec with protobuf-java-util's JsonFormat (the usual alternative) and with binary protobuf,
 * on a SUBSCRIBED event of a mid-size cluster and on a small TASK_UPDATED event, in one run. Prints figures and ratios.
 * Run: {@code java -cp <test classpath> io.kafkaconnect.mesos.codec.CodecBenchmark}.
 */
public final class CodecBenchmark {

    private static volatile Object sink;

    private CodecBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        run("SUBSCRIBED (200 agents, 2000 tasks)", subscribed(200, 2000), 40);
        run("TASK_UPDATED", MesosMessages.events().get(3), 20_000);
    }

    private static Event subscribed(int agents, int tasks) {
        Response.GetState.Builder state = MesosMessages.state().toBuilder();
        Response.GetAgents.Builder agentList = state.getGetAgentsBuilder();
        for (int i = 1; i < agents; i++) {
            Response.GetAgents.Agent agent = MesosMessages.agent();
            agentList.addAgents(agent.toBuilder().setAgentInfo(agent.getAgentInfo().toBuilder()
                    .setId(AgentID.newBuilder().setValue("agent-" + i))));
        }
        Response.GetTasks.Builder taskList = state.getGetTasksBuilder();
        for (int i = 1; i < tasks; i++) {
            taskList.addTasks(MesosMessages.task().toBuilder().setTaskId(TaskID.newBuilder().setValue("task-" + i)));
        }
        return Event.newBuilder().setType(Event.Type.SUBSCRIBED).setSubscribed(Event.Subscribed.newBuilder()
                .setGetState(state).setHeartbeatIntervalSeconds(15)).build();
    }

    private static void run(String name, Event event, int iterations) throws Exception {
        byte[] json = MesosJson.toJsonBytes(event);
        byte[] binary = event.toByteArray();
        JsonFormat.Parser parser = JsonFormat.parser().ignoringUnknownFields();
        JsonFormat.Printer printer = JsonFormat.printer().preservingProtoFieldNames().omittingInsignificantWhitespace();
        System.out.printf(Locale.ROOT, "%s: %,d JSON bytes, %,d protobuf bytes%n", name, json.length, binary.length);

        double ours = time(iterations, () -> sink = MesosJson.fromJson(json, Event.getDefaultInstance()));
        double theirs = time(iterations, () -> {
            Event.Builder builder = Event.newBuilder();
            parser.merge(new String(json, StandardCharsets.UTF_8), builder);
            sink = builder.build();
        });
        report("read JSON ", ours, theirs, "JsonFormat.parser");

        double write = time(iterations, () -> sink = MesosJson.toJsonBytes(event));
        double print = time(iterations, () -> sink = printer.print(event).getBytes(StandardCharsets.UTF_8));
        report("write JSON", write, print, "JsonFormat.printer");

        double lenient = time(iterations, () -> sink = MesosProto.fromBytes(binary, Event.getDefaultInstance()));
        double strict = time(iterations, () -> sink = Event.parseFrom(binary));
        report("read proto", lenient, strict, "Event.parseFrom");
        double tree = time(iterations, () -> sink = MesosJson.toTree(event));
        System.out.printf(Locale.ROOT, "  proto->tree %8.3f ms/op (MesosJson.toTree)%n", tree);
    }

    private static void report(String what, double ours, double baseline, String baselineName) {
        System.out.printf(Locale.ROOT, "  %s %8.3f ms/op, %s %8.3f ms/op: %.2fx%n", what, ours, baselineName, baseline,
                baseline / ours);
    }

    private interface Op {
        void run() throws InvalidProtocolBufferException;
    }

    /** Mean milliseconds per operation after a warm-up of the same length. */
    private static double time(int iterations, Op op) throws Exception {
        for (int i = 0; i < iterations; i++) {
            op.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            op.run();
        }
        return (System.nanoTime() - start) / 1e6 / iterations;
    }
}
