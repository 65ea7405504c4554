package io.kafkaconnect.mesos.source.mapping;

import static io.kafkaconnect.mesos.source.mapping.JsonFields.child;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Folds a TASK_UPDATED event into the last known task, giving the task's new full state for the {@code tasks} topic
 * (the event itself carries only the status). Ids come from {@code status} (TASK_UPDATED has no top-level task or
 * agent id); {@code state} is the event's {@code state}, which can be newer than {@code status.state}.
 */
public final class TaskUpdates {

    private TaskUpdates() {
    }

    /**
     * @param task        the last known {@code mesos.v1.Task} (not modified); null when the task is not known yet
     * @param taskUpdated the {@code task_updated} body: {@code framework_id}, {@code status}, {@code state}
     * @return a new task object. The status is appended to {@code statuses}, or replaces the last entry when that
     *         has the same state (health and check updates repeat a state and would otherwise grow without bound).
     */
    public static ObjectNode apply(JsonNode task, JsonNode taskUpdated) {
        ObjectNode result = task != null && task.isObject()
                ? ((ObjectNode) task).deepCopy() : JsonNodeFactory.instance.objectNode();
        JsonNode status = child(taskUpdated, "status");
        copyIfPresent(taskUpdated, "framework_id", result, "framework_id");
        copyIfPresent(status, "task_id", result, "task_id");
        copyIfPresent(status, "agent_id", result, "agent_id");
        copyIfPresent(status, "executor_id", result, "executor_id");
        JsonNode state = child(taskUpdated, "state");
        if (state == null) {
            state = child(status, "state");
        }
        if (state != null) {
            result.set("state", state.deepCopy());
        }
        if (status != null && status.isObject()) {
            appendStatus(result, status);
        }
        return result;
    }

    private static void appendStatus(ObjectNode task, JsonNode status) {
        JsonNode existing = child(task, "statuses");
        ArrayNode statuses = existing != null && existing.isArray() ? (ArrayNode) existing : task.putArray("statuses");
        int last = statuses.size() - 1;
        if (last >= 0 && status.get("state") != null && status.get("state").equals(statuses.get(last).get("state"))) {
            statuses.set(last, status.deepCopy());
        } else {
            statuses.add(status.deepCopy());
        }
    }

    private static void copyIfPresent(JsonNode from, String field, ObjectNode to, String target) {
        JsonNode value = child(from, field);
        if (value != null) {
            to.set(target, value.deepCopy());
        }
    }
}
