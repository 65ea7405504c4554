package io.kafkaconnect.mesos.source.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kafkaconnect.mesos.source.state.ClusterSnapshot;
import io.kafkaconnect.mesos.source.state.EntityChange;
import io.kafkaconnect.mesos.source.state.EntityModel;
import io.kafkaconnect.mesos.source.state.PublishedState;
import io.kafkaconnect.mesos.source.state.RecoveryHolds;
import io.kafkaconnect.mesos.source.state.SnapshotPolicy;

/**
 * How long the reconciler takes on a large cluster's snapshot (35,000 agents, 100,000 tasks by default), and the
 * model's heap. Not a test: run it with the test classpath, e.g.
 * {@code java -cp <test classpath> io.kafkaconnect.mesos.source.bench.SnapshotBenchmark 35000 100000}.
 */
public final class SnapshotBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SnapshotBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 35_000;
        int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        ObjectNode state = JSON.createObjectNode();
        ArrayNode agentList = state.putObject("get_agents").putArray("agents");
        ((ObjectNode) state.get("get_agents")).putArray("recovered_agents");
        for (int i = 0; i < agents; i++) {
            ObjectNode agent = agentList.addObject();
            ObjectNode info = agent.putObject("agent_info");
            info.put("hostname", "agent-" + i + ".example").put("port", 5051).putObject("id").put("value", "a" + i);
            agent.put("active", true).put("version", "1.11.0");
            ArrayNode resources = agent.putArray("total_resources");
            for (String name : List.of("cpus", "mem", "disk")) {
                resources.addObject().put("name", name).put("type", "SCALAR").put("role", "*")
                        .putObject("scalar").put("value", 16.0);
            }
        }
        ArrayNode frameworks = state.putObject("get_frameworks").putArray("frameworks");
        ((ObjectNode) state.get("get_frameworks")).putArray("completed_frameworks");
        for (int i = 0; i < 20; i++) {
            ObjectNode fw = frameworks.addObject();
            fw.putObject("framework_info").put("user", "root").put("name", "fw" + i).putObject("id").put("value", "f" + i);
            fw.put("active", true).put("connected", true).put("recovered", false);
        }
        ArrayNode taskList = state.putObject("get_tasks").putArray("tasks");
        ((ObjectNode) state.get("get_tasks")).putArray("unreachable_tasks");
        ((ObjectNode) state.get("get_tasks")).putArray("completed_tasks");
        for (int i = 0; i < tasks; i++) {
            ObjectNode task = taskList.addObject();
            task.put("name", "task-" + i);
            task.putObject("task_id").put("value", "t" + i);
            task.putObject("framework_id").put("value", "f" + (i % 20));
            task.putObject("agent_id").put("value", "a" + (i % agents));
            task.put("state", "TASK_RUNNING");
            ObjectNode status = task.putArray("statuses").addObject();
            status.putObject("task_id").put("value", "t" + i);
            status.put("state", "TASK_RUNNING").put("timestamp", 1.7E9 + i);
            task.putArray("resources").addObject().put("name", "cpus").put("type", "SCALAR")
                    .putObject("scalar").put("value", 0.5);
        }
        state.putObject("get_executors").putArray("executors");
        byte[] bytes = JSON.writeValueAsBytes(state);
        System.out.printf("snapshot: %d agents, %d tasks, %.1f MB of JSON%n", agents, tasks, bytes.length / 1e6);

        for (int round = 0; round < 3; round++) {
            System.gc();
            long heapBefore = usedHeap();
            EntityModel model = new EntityModel(new PublishedState(), new RecoveryHolds(Duration.ofMinutes(10)));
            long t0 = System.nanoTime();
            JsonNode parsed = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
            long t1 = System.nanoTime();
            List<EntityChange> first = model.applySnapshot(ClusterSnapshot.ofGetState(parsed),
                    SnapshotPolicy.READ_CHANGES, Long.MAX_VALUE, Instant.now());
            long t2 = System.nanoTime();
            List<EntityChange> second = model.applySnapshot(ClusterSnapshot.ofGetState(parsed),
                    SnapshotPolicy.RECONCILE, Long.MAX_VALUE, Instant.now());
            long t3 = System.nanoTime();
            first = null;
            parsed = null;
            System.gc();
            long heapAfter = usedHeap();
            System.out.printf("round %d: parse %d ms, first snapshot (all READ) %d ms, identical resnapshot %d ms "
                            + "(%d changes), model + published state %.0f MB%n", round, (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, second.size(),
                    (heapAfter - heapBefore) / 1e6);
            if (model.get(new io.kafkaconnect.mesos.source.state.EntityRef(
                    io.kafkaconnect.mesos.source.state.EntityKind.TASK, "f0/t0")) == null) {
                throw new IllegalStateException("model lost a task");
            }
        }
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
