package io.kafkaconnect.mesos.source.state;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small Mesos-JSON builders for the state tests (shapes as in facts §8; only the fields the logic reads, plus some). */
final class MesosJsonFixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    private MesosJsonFixtures() {
    }

    static ObjectNode id(String value) {
        return JSON.createObjectNode().put("value", value);
    }

    static ObjectNode task(String framework, String task, String agent, String state) {
        ObjectNode t = JSON.createObjectNode();
        t.put("name", "task " + task);
        t.set("task_id", id(task));
        t.set("framework_id", id(framework));
        t.set("agent_id", id(agent));
        t.put("state", state);
        ObjectNode status = t.putArray("statuses").addObject();
        status.set("task_id", id(task));
        status.put("state", state);
        status.put("timestamp", 1.7E9);
        return t;
    }

    static ObjectNode agent(String id, String hostname) {
        ObjectNode a = JSON.createObjectNode();
        ObjectNode info = a.putObject("agent_info");
        info.put("hostname", hostname);
        info.put("port", 5051);
        info.set("id", id(id));
        a.put("active", true);
        a.put("version", "1.11.0");
        a.putArray("allocated_resources");
        return a;
    }

    static ObjectNode agentInfo(String id, String hostname) {
        ObjectNode info = JSON.createObjectNode();
        info.put("hostname", hostname);
        info.set("id", id(id));
        return info;
    }

    static ObjectNode framework(String id, String name) {
        ObjectNode f = JSON.createObjectNode();
        ObjectNode info = f.putObject("framework_info");
        info.put("user", "root");
        info.put("name", name);
        info.set("id", id(id));
        info.put("failover_timeout", 0.0);
        f.put("active", true);
        f.put("connected", true);
        f.put("recovered", false);
        return f;
    }

    static ObjectNode executor(String agent, String framework, String executor) {
        ObjectNode e = JSON.createObjectNode();
        ObjectNode info = e.putObject("executor_info");
        info.set("executor_id", id(executor));
        info.set("framework_id", id(framework));
        e.set("agent_id", id(agent));
        return e;
    }

    /** A GetState object with the given live parts; completed parts empty. */
    static ObjectNode getState(List<? extends JsonNode> agents, List<? extends JsonNode> frameworks,
                               List<? extends JsonNode> tasks, List<? extends JsonNode> executors) {
        ObjectNode state = JSON.createObjectNode();
        ObjectNode getAgents = state.putObject("get_agents");
        getAgents.putArray("agents").addAll(copy(agents));
        getAgents.putArray("recovered_agents");
        ObjectNode getFrameworks = state.putObject("get_frameworks");
        getFrameworks.putArray("frameworks").addAll(copy(frameworks));
        getFrameworks.putArray("completed_frameworks");
        ObjectNode getTasks = state.putObject("get_tasks");
        getTasks.putArray("tasks").addAll(copy(tasks));
        getTasks.putArray("unreachable_tasks");
        getTasks.putArray("completed_tasks");
        ObjectNode getExecutors = state.putObject("get_executors");
        getExecutors.putArray("executors").addAll(copy(executors));
        return state;
    }

    static ArrayNode copy(List<? extends JsonNode> nodes) {
        ArrayNode array = JSON.createArrayNode();
        nodes.forEach(n -> array.add(n.deepCopy()));
        return array;
    }

    static ObjectNode taskAdded(JsonNode task) {
        ObjectNode e = JSON.createObjectNode().put("type", "TASK_ADDED");
        e.putObject("task_added").set("task", task.deepCopy());
        return e;
    }

    static ObjectNode taskUpdated(String framework, String task, String agent, String state, String statusState) {
        ObjectNode e = JSON.createObjectNode().put("type", "TASK_UPDATED");
        ObjectNode u = e.putObject("task_updated");
        u.set("framework_id", id(framework));
        ObjectNode status = u.putObject("status");
        status.set("task_id", id(task));
        status.set("agent_id", id(agent));
        status.put("state", statusState);
        status.put("source", "SOURCE_EXECUTOR");
        u.put("state", state);
        return e;
    }

    static ObjectNode agentAdded(JsonNode agent) {
        ObjectNode e = JSON.createObjectNode().put("type", "AGENT_ADDED");
        e.putObject("agent_added").set("agent", agent.deepCopy());
        return e;
    }

    static ObjectNode agentRemoved(String agent) {
        ObjectNode e = JSON.createObjectNode().put("type", "AGENT_REMOVED");
        e.putObject("agent_removed").set("agent_id", id(agent));
        return e;
    }

    static ObjectNode frameworkEvent(String type, JsonNode framework) {
        ObjectNode e = JSON.createObjectNode().put("type", type);
        e.putObject(type.toLowerCase()).set("framework", framework.deepCopy());
        return e;
    }

    static ObjectNode frameworkRemoved(String framework) {
        ObjectNode e = JSON.createObjectNode().put("type", "FRAMEWORK_REMOVED");
        ObjectNode info = e.putObject("framework_removed").putObject("framework_info");
        info.put("user", "root");
        info.put("name", "fw");
        info.set("id", id(framework));
        return e;
    }
}
