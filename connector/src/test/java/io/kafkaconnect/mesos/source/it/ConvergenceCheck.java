package io.kafkaconnect.mesos.source.it;

import static io.kafkaconnect.mesos.source.it.SourceItSupport.latest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.mesos.v1.master.Protos.Call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.kafkaconnect.mesos.client.MesosClient;
import io.kafkaconnect.mesos.client.MesosClientConfig;
import io.kafkaconnect.mesos.simulator.GroundTruth;
import io.kafkaconnect.mesos.simulator.SimulatedMesosCluster;

/**
 * Compares the source's entity topics (latest value per key, tombstones applied) with the simulated master: tasks by
 * state, agents by hostname and registration, frameworks by name and activity, executors by agent. Every difference is
 * one line of the returned list, so a failing test prints exactly what diverged.
 */
public final class ConvergenceCheck {

    private ConvergenceCheck() {
    }

    /** Every difference between the entity topics under {@code prefix} and the master's state now; empty if none. */
    public static List<String> mismatches(EmbeddedConnectCluster connect, SimulatedMesosCluster mesos, String prefix) {
        GroundTruth truth = mesos.groundTruth();
        List<String> out = new ArrayList<>();
        Map<String, String> expectedTasks = expectedTasks(mesos, truth);
        compare("tasks", latest(connect, prefix + ".tasks"), expectedTasks, row -> row.path("state").asText(), out);

        Map<String, String> expectedAgents = new HashMap<>();
        truth.agents().forEach((id, agent) -> expectedAgents.put(id, agent.hostname() + " registered"));
        compare("agents", latest(connect, prefix + ".agents"), expectedAgents, row -> row.path("hostname").asText()
                + (row.path("recovered").asBoolean(false) ? " recovered" : " registered"), out);

        Map<String, String> expectedFrameworks = new HashMap<>();
        truth.frameworks().forEach((id, fw) -> expectedFrameworks.put(id, fw.name() + " active=" + fw.active()));
        compare("frameworks", latest(connect, prefix + ".frameworks"), expectedFrameworks,
                row -> row.path("name").asText() + " active=" + row.path("active").asBoolean(false), out);

        // Executor keys are <agent>/<framework>/<executor>; the simulator names each executor after its task.
        Map<String, JsonNode> executorRows = new HashMap<>();
        latest(connect, prefix + ".executors").keySet().forEach(key -> {
            String[] parts = key.split("/", 3);
            executorRows.put(parts[2], TextNode.valueOf(parts[0]));
        });
        compare("executors", executorRows, truth.executors(), JsonNode::asText, out);
        out.sort(null);
        return out;
    }

    private interface RowView {
        String describe(JsonNode row);
    }

    private static void compare(String topic, Map<String, JsonNode> published, Map<String, String> expected,
                                RowView view, List<String> out) {
        expected.forEach((key, want) -> {
            JsonNode row = published.get(key);
            String got = row == null ? "<missing>" : view.describe(row);
            if (!want.equals(got)) {
                out.add(topic + " " + key + ": expected " + want + ", published " + got);
            }
        });
        published.keySet().stream().filter(k -> !expected.containsKey(k))
                .forEach(k -> out.add(topic + " " + k + ": published but gone from the master"));
    }

    /**
     * Tasks the entity topic should hold, by {@code <framework>/<task>}, with their state: the master's live,
     * unreachable and completed tasks, except completed tasks of removed frameworks or of agents the master no longer
     * knows (those are deleted, as their framework or agent is).
     */
    private static Map<String, String> expectedTasks(SimulatedMesosCluster mesos, GroundTruth truth) {
        Map<String, String> expected = new HashMap<>();
        try (MesosClient client = new MesosClient(MesosClientConfig.builder().masterUrls(mesos.masterUrls())
                .build())) {
            JsonNode state = client.call(Call.newBuilder().setType(Call.Type.GET_STATE).build()).json()
                    .path("get_state");
            Set<String> frameworks = new HashSet<>();
            state.path("get_frameworks").path("frameworks")
                    .forEach(f -> frameworks.add(f.path("framework_info").path("id").path("value").asText()));
            Set<String> agents = truth.agents().keySet();
            for (String list : List.of("tasks", "unreachable_tasks", "completed_tasks")) {
                for (JsonNode task : state.path("get_tasks").path(list)) {
                    String framework = task.path("framework_id").path("value").asText();
                    String agent = task.path("agent_id").path("value").asText();
                    String id = task.path("task_id").path("value").asText();
                    if (list.equals("completed_tasks") && (!frameworks.contains(framework)
                            || !agents.contains(agent))) {
                        continue;
                    }
                    expected.put(framework + "/" + id, truth.tasks().get(id).name());
                }
            }
        }
        return expected;
    }
}
