package io.kafkaconnect.mesos.source.mapping;

import static io.kafkaconnect.mesos.source.mapping.JsonFields.bool;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.child;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.dateFromNanos;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.elements;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.float64;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.hasArray;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.id;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.int32;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.nanos;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.path;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.text;
import static io.kafkaconnect.mesos.source.mapping.Rows.compositeKey;
import static io.kafkaconnect.mesos.source.mapping.Rows.row;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkaconnect.mesos.source.schema.MesosSchemas;
import io.kafkaconnect.mesos.source.schema.Op;
import io.kafkaconnect.mesos.source.schema.SourceInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Struct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps Mesos JSON objects (snake_case proto field names, enums as names, as Mesos writes them) to the entity topics'
 * structs. Stateless and thread-safe. No method throws on odd input: missing fields become nulls, unknown enum names
 * are kept as strings, values of the wrong type become nulls (logged at DEBUG). Key methods return null when the
 * object lacks an id; such rows cannot go to a compacted topic and the caller should skip them.
 */
public final class EntityMapper {

    private static final Logger LOG = LoggerFactory.getLogger(EntityMapper.class);

    // ---- tasks ----

    /** {@code <framework_id>/<task_id>}: task ids are unique only within a framework. */
    public String taskKey(JsonNode task) {
        return compositeKey(id(task, "framework_id"), id(task, "task_id"));
    }

    /** A {@code mesos.v1.Task} (GET_TASKS entry, TASK_ADDED task). */
    public Struct task(JsonNode task, Op op, SourceInfo src, Instant eventTime) {
        Row row = new Row(row(MesosSchemas.TASK, op, src, eventTime))
                .put("framework_id", id(task, "framework_id"))
                .put("task_id", id(task, "task_id"))
                .put("agent_id", id(task, "agent_id"))
                .put("executor_id", id(task, "executor_id"))
                .put("name", text(task, "name"))
                .put("state", text(task, "state"))
                .put("status_update_state", text(task, "status_update_state"))
                .put("user", text(task, "user"));
        putContainer(row.struct(), child(task, "container"));
        ResourceMapper.putTotals(row.struct(), "", task, "resources");
        List<Struct> statuses = TaskStatusMapper.statuses(task);
        return row.put("resources", ResourceMapper.resources(task, "resources"))
                .put("limits", OpenMaps.scalars(child(task, "limits")))
                .put("labels", OpenMaps.labels(child(task, "labels")))
                .put("status", statuses == null || statuses.isEmpty() ? null : statuses.get(statuses.size() - 1))
                .put("statuses", statuses)
                .struct();
    }

    // ---- agents ----

    /**
     * The agent id of a GET_AGENTS {@code Agent} ({@code agent_info.id}), an {@code AgentInfo} ({@code id}) or an
     * AGENT_REMOVED body ({@code agent_id}).
     */
    public String agentKey(JsonNode agent) {
        String key = id(child(agent, "agent_info"), "id");
        if (key == null) {
            key = id(agent, "id");
        }
        return key != null ? key : id(agent, "agent_id");
    }

    /** A GET_AGENTS {@code agents[]} entry, or the {@code agent} of AGENT_ADDED. */
    public Struct agent(JsonNode getAgentsAgent, Op op, SourceInfo src, Instant eventTime) {
        Struct row = agentInfo(child(getAgentsAgent, "agent_info"), op, src, eventTime)
                .put("active", bool(getAgentsAgent, "active"))
                .put("deactivated", bool(getAgentsAgent, "deactivated"))
                .put("recovered", Boolean.FALSE)
                .put("version", text(getAgentsAgent, "version"))
                .put("pid", text(getAgentsAgent, "pid"))
                .put("capabilities", capabilities(getAgentsAgent))
                .put("total_resources", ResourceMapper.resources(getAgentsAgent, "total_resources"))
                .put("allocated_resources", ResourceMapper.resources(getAgentsAgent, "allocated_resources"));
        putTime(row, "registered_time", getAgentsAgent);
        putTime(row, "reregistered_time", getAgentsAgent);
        putTime(row, "estimated_drain_start_time", getAgentsAgent);
        JsonNode drain = child(getAgentsAgent, "drain_info");
        if (drain != null) {
            JsonNode config = child(drain, "config");
            row.put("drain_state", text(drain, "state"))
                    .put("drain_max_grace_period_ns", nanos(config, "max_grace_period"))
                    .put("drain_mark_gone", bool(config, "mark_gone"));
        }
        ResourceMapper.putTotals(row, "total_", getAgentsAgent, "total_resources");
        ResourceMapper.putTotals(row, "allocated_", getAgentsAgent, "allocated_resources");
        return row;
    }

    /**
     * An entry of GET_AGENTS {@code recovered_agents} (an {@code AgentInfo}): an agent known from the registry that has
     * not re-registered since a master failover. Its {@code resources} fill {@code total_resources}.
     */
    public Struct recoveredAgent(JsonNode agentInfo, Op op, SourceInfo src, Instant eventTime) {
        Struct row = agentInfo(agentInfo, op, src, eventTime)
                .put("recovered", Boolean.TRUE)
                .put("total_resources", ResourceMapper.resources(agentInfo, "resources"));
        ResourceMapper.putTotals(row, "total_", agentInfo, "resources");
        return row;
    }

    private static Struct agentInfo(JsonNode info, Op op, SourceInfo src, Instant eventTime) {
        JsonNode domain = child(info, "domain");
        return row(MesosSchemas.AGENT, op, src, eventTime)
                .put("agent_id", id(info, "id"))
                .put("hostname", text(info, "hostname"))
                .put("port", int32(info, "port"))
                .put("domain_region", text(path(domain, "fault_domain", "region"), "name"))
                .put("domain_zone", text(path(domain, "fault_domain", "zone"), "name"))
                .put("attributes", OpenMaps.attributes(info, "attributes"));
    }

    // ---- frameworks ----

    /** The framework id of a GET_FRAMEWORKS {@code Framework} ({@code framework_info.id}) or a {@code FrameworkInfo}. */
    public String frameworkKey(JsonNode framework) {
        String key = id(child(framework, "framework_info"), "id");
        return key != null ? key : id(framework, "id");
    }

    /**
     * A GET_FRAMEWORKS {@code Framework} (also the body of FRAMEWORK_ADDED / FRAMEWORK_UPDATED). A bare
     * {@code FrameworkInfo} (FRAMEWORK_REMOVED, {@code recovered_frameworks}) is accepted too; then only its own fields
     * are filled.
     */
    public Struct framework(JsonNode getFrameworksFramework, boolean completed, Op op, SourceInfo src, Instant t) {
        JsonNode wrapped = child(getFrameworksFramework, "framework_info");
        JsonNode info = wrapped != null ? wrapped : getFrameworksFramework;
        JsonNode state = wrapped != null ? getFrameworksFramework : null;
        Struct row = row(MesosSchemas.FRAMEWORK, op, src, t)
                .put("framework_id", id(info, "id"))
                .put("name", text(info, "name"))
                .put("user", text(info, "user"))
                .put("principal", text(info, "principal"))
                .put("role", text(info, "role"))
                .put("roles", strings(info, "roles"))
                .put("hostname", text(info, "hostname"))
                .put("webui_url", text(info, "webui_url"))
                .put("failover_timeout_seconds", float64(info, "failover_timeout"))
                .put("checkpoint", bool(info, "checkpoint"))
                .put("capabilities", capabilities(info))
                .put("labels", OpenMaps.labels(child(info, "labels")))
                .put("active", bool(state, "active"))
                .put("connected", bool(state, "connected"))
                .put("recovered", bool(state, "recovered"))
                .put("completed", completed)
                .put("allocated_resources", ResourceMapper.resources(state, "allocated_resources"));
        putTime(row, "registered_time", state);
        putTime(row, "reregistered_time", state);
        putTime(row, "unregistered_time", state);
        ResourceMapper.putTotals(row, "allocated_", state, "allocated_resources");
        return row;
    }

    // ---- executors ----

    /**
     * {@code <agent_id>/<framework_id>/<executor_id>}: an executor id is unique only per framework on one agent
     * (custom executors commonly reuse one id on every agent).
     */
    public String executorKey(JsonNode executor) {
        JsonNode info = child(executor, "executor_info");
        return compositeKey(id(executor, "agent_id"), id(info, "framework_id"), id(info, "executor_id"));
    }

    /** A GET_EXECUTORS {@code executors[]} entry ({@code executor_info} plus {@code agent_id}). */
    public Struct executor(JsonNode getExecutorsExecutor, Op op, SourceInfo src, Instant t) {
        JsonNode info = child(getExecutorsExecutor, "executor_info");
        Struct row = row(MesosSchemas.EXECUTOR, op, src, t)
                .put("agent_id", id(getExecutorsExecutor, "agent_id"))
                .put("framework_id", id(info, "framework_id"))
                .put("executor_id", id(info, "executor_id"))
                .put("name", text(info, "name"))
                .put("type", text(info, "type"))
                .put("shutdown_grace_period_ns", nanos(info, "shutdown_grace_period"))
                .put("labels", OpenMaps.labels(child(info, "labels")))
                .put("resources", ResourceMapper.resources(info, "resources"));
        putContainer(row, child(info, "container"));
        ResourceMapper.putTotals(row, "", info, "resources");
        return row;
    }

    // ---- polled entities ----

    /** The role name of a GET_ROLES {@code Role}. */
    public String roleKey(JsonNode role) {
        return text(role, "name");
    }

    /** A GET_ROLES {@code roles[]} entry. */
    public Struct role(JsonNode role, Op op, SourceInfo src, Instant t) {
        List<String> frameworks = null;
        if (hasArray(role, "frameworks")) {
            frameworks = new ArrayList<>();
            for (JsonNode framework : elements(role, "frameworks")) {
                String frameworkId = text(framework, "value");
                if (frameworkId != null) {
                    frameworks.add(frameworkId);
                }
            }
        }
        Struct row = row(MesosSchemas.ROLE, op, src, t)
                .put("role", text(role, "name"))
                .put("weight", float64(role, "weight"))
                .put("frameworks", frameworks)
                .put("resources", ResourceMapper.resources(role, "resources"));
        ResourceMapper.putTotals(row, "", role, "resources");
        return row;
    }

    /** The role of a {@code QuotaConfig}. */
    public String quotaKey(JsonNode quotaConfig) {
        return text(quotaConfig, "role");
    }

    /** A GET_QUOTA {@code status.configs[]} entry ({@code QuotaConfig}). */
    public Struct quota(JsonNode quotaConfig, Op op, SourceInfo src, Instant t) {
        return row(MesosSchemas.QUOTA, op, src, t)
                .put("role", text(quotaConfig, "role"))
                .put("guarantees", OpenMaps.scalars(child(quotaConfig, "guarantees")))
                .put("limits", OpenMaps.scalars(child(quotaConfig, "limits")));
    }

    /**
     * One row per machine named in the maintenance schedule or status, keyed by hostname (ip when there is none).
     * {@code schedule} is a {@code maintenance.Schedule} and {@code status} a {@code maintenance.ClusterStatus}; the
     * GET_MAINTENANCE_* response bodies that wrap them are accepted too. Either may be null.
     */
    public List<KeyedStruct> maintenance(JsonNode schedule, JsonNode status, Op op, SourceInfo src, Instant t) {
        return MaintenanceMapper.machines(schedule, status, op, src, t);
    }

    /** The master id of a GET_MASTER body ({@code master_info.id}). */
    public String masterKey(JsonNode getMaster) {
        return MasterMapper.masterKey(getMaster);
    }

    /**
     * The leading master, from the GET_MASTER body, the GET_VERSION body ({@code version_info}), the GET_HEALTH result
     * and the GET_FLAGS body ({@code flags}). Any of them may be null.
     */
    public Struct master(JsonNode getMaster, JsonNode version, Boolean healthy, JsonNode flags, Op op, SourceInfo src,
                         Instant t) {
        return MasterMapper.master(getMaster, version, healthy, flags, op, src, t);
    }

    /** The uuid of a GET_OPERATIONS {@code Operation} ({@code uuid.value}, base64 as Mesos writes it). */
    public String operationKey(JsonNode operation) {
        return id(operation, "uuid");
    }

    /** A GET_OPERATIONS {@code operations[]} entry ({@code mesos.v1.Operation}). */
    public Struct operation(JsonNode operation, Op op, SourceInfo src, Instant t) {
        JsonNode info = child(operation, "info");
        JsonNode latest = child(operation, "latest_status");
        Integer statusCount = hasArray(operation, "statuses") ? count(elements(operation, "statuses")) : null;
        return row(MesosSchemas.OPERATION, op, src, t)
                .put("uuid", id(operation, "uuid"))
                .put("operation_id", id(info, "id"))
                .put("framework_id", id(operation, "framework_id"))
                .put("agent_id", firstNonNull(id(operation, "agent_id"), id(latest, "agent_id")))
                .put("resource_provider_id", id(latest, "resource_provider_id"))
                .put("type", text(info, "type"))
                .put("state", text(latest, "state"))
                .put("message", text(latest, "message"))
                .put("status_count", statusCount)
                .put("converted_resources", ResourceMapper.resources(latest, "converted_resources"))
                .put("info_json", info == null ? null : info.toString());
    }

    // ---- metrics and heartbeats ----

    /**
     * One row per metric of a GET_METRICS body ({@code {"metrics":[...]}}; the whole response, wrapped in
     * {@code get_metrics}, is accepted too). Metrics without a name are skipped.
     */
    public List<Struct> metrics(JsonNode getMetrics, SourceInfo src, Instant ts) {
        JsonNode body = child(getMetrics, "get_metrics") != null ? child(getMetrics, "get_metrics") : getMetrics;
        List<Struct> rows = new ArrayList<>();
        Struct source = src == null ? null : src.toStruct();
        for (JsonNode metric : elements(body, "metrics")) {
            String name = text(metric, "name");
            if (name == null) {
                LOG.debug("Skipping a metric without a name: {}", metric);
                continue;
            }
            rows.add(new Struct(MesosSchemas.METRIC)
                    .put("name", name)
                    .put("value", float64(metric, "value"))
                    .put("ts", Rows.date(ts))
                    .put("master_id", src == null ? null : src.masterId())
                    .put("leader", src == null ? null : src.leader())
                    .put("source", source));
        }
        return rows;
    }

    /** A heartbeat row: who sent it, on which stream, at which position. */
    public Struct heartbeat(SourceInfo src, Instant ts) {
        return new Struct(MesosSchemas.HEARTBEAT)
                .put("master_id", src == null ? null : src.masterId())
                .put("ts", Rows.date(ts))
                .put("stream_id", src == null ? null : src.streamId())
                .put("sequence", src == null ? null : src.sequence())
                .put("source", src == null ? null : src.toStruct());
    }

    // ---- shared pieces ----

    /** {@code <name>} and {@code <name>_ns} from a {@code TimeInfo} field of the same name. */
    private static void putTime(Struct row, String name, JsonNode parent) {
        Long nanos = nanos(parent, name);
        row.put(name, dateFromNanos(nanos)).put(name + "_ns", nanos);
    }

    /** Capability type names of a repeated {@code capabilities} field ({@code [{"type":"MULTI_ROLE"}]}). */
    static List<String> capabilities(JsonNode parent) {
        if (!hasArray(parent, "capabilities")) {
            return null;
        }
        List<String> result = new ArrayList<>();
        for (JsonNode capability : elements(parent, "capabilities")) {
            String type = text(capability, "type");
            if (type != null) {
                result.add(type);
            }
        }
        return result;
    }

    private static List<String> strings(JsonNode parent, String field) {
        if (!hasArray(parent, field)) {
            return null;
        }
        List<String> result = new ArrayList<>();
        for (JsonNode value : elements(parent, field)) {
            if (value.isValueNode() && !value.isNull()) {
                result.add(value.asText());
            }
        }
        return result;
    }

    /** {@code container_type} and {@code container_image} from a {@code ContainerInfo}. */
    private static void putContainer(Struct row, JsonNode container) {
        if (container == null) {
            return;
        }
        String image = text(child(container, "docker"), "image");
        if (image == null) {
            JsonNode mesosImage = path(container, "mesos", "image");
            image = firstNonNull(text(child(mesosImage, "docker"), "name"), text(child(mesosImage, "appc"), "name"));
        }
        row.put("container_type", text(container, "type")).put("container_image", image);
    }

    private static int count(Iterable<JsonNode> values) {
        int count = 0;
        for (JsonNode ignored : values) {
            count++;
        }
        return count;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
