package io.kafkaconnect.mesos.source.state;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Record keys and owner ids of the streamed entities, read from Mesos JSON. Task ids are unique only per framework and an
 * executor id only per framework and agent, so their keys are compound: {@code <framework_id>/<task_id>} and
 * {@code <agent_id>/<framework_id>/<executor_id>}. A missing id reads as the empty string, never as an exception.
 */
public final class EntityIds {

    private EntityIds() {
    }

    /** Key of a {@code mesos.v1.Task}. */
    public static String taskKey(JsonNode task) {
        return value(task.path("framework_id")) + "/" + value(task.path("task_id"));
    }

    public static String taskKey(String frameworkId, String taskId) {
        return frameworkId + "/" + taskId;
    }

    /** Key of a {@code Response.GetAgents.Agent}. */
    public static String agentKey(JsonNode agent) {
        return value(agent.path("agent_info").path("id"));
    }

    /** Key of a {@code Response.GetFrameworks.Framework}. */
    public static String frameworkKey(JsonNode framework) {
        return value(framework.path("framework_info").path("id"));
    }

    /** Key of a {@code Response.GetExecutors.Executor}. */
    public static String executorKey(JsonNode executor) {
        JsonNode info = executor.path("executor_info");
        return value(executor.path("agent_id")) + "/" + value(info.path("framework_id")) + "/"
                + value(info.path("executor_id"));
    }

    /** The agent a task or executor runs on, or null. */
    public static String agentOf(EntityKind kind, JsonNode entity) {
        return switch (kind) {
            case TASK, EXECUTOR -> blankToNull(value(entity.path("agent_id")));
            case AGENT -> blankToNull(agentKey(entity));
            default -> null;
        };
    }

    /** The framework a task or executor belongs to, or null. */
    public static String frameworkOf(EntityKind kind, JsonNode entity) {
        return switch (kind) {
            case TASK -> blankToNull(value(entity.path("framework_id")));
            case EXECUTOR -> blankToNull(value(entity.path("executor_info").path("framework_id")));
            case FRAMEWORK -> blankToNull(frameworkKey(entity));
            default -> null;
        };
    }

    /** The {@code value} of an id message such as {@code {"value":"abc"}}. */
    public static String value(JsonNode id) {
        return id.path("value").asText("");
    }

    private static String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
