package io.kafkaconnect.mesos.source.schema;

import static io.kafkaconnect.mesos.source.schema.FieldSchemas.array;
import static io.kafkaconnect.mesos.source.schema.FieldSchemas.bool;
import static io.kafkaconnect.mesos.source.schema.FieldSchemas.bytes;
import static io.kafkaconnect.mesos.source.schema.FieldSchemas.doubleMap;
import static io.kafkaconnect.mesos.source.schema.FieldSchemas.float64;
import static io.kafkaconnect.mesos.source.schema.FieldSchemas.int32;
import static io.kafkaconnect.mesos.source.schema.FieldSchemas.int64;
import static io.kafkaconnect.mesos.source.schema.FieldSchemas.resourceTotals;
import static io.kafkaconnect.mesos.source.schema.FieldSchemas.string;
import static io.kafkaconnect.mesos.source.schema.FieldSchemas.stringArray;
import static io.kafkaconnect.mesos.source.schema.FieldSchemas.stringMap;
import static io.kafkaconnect.mesos.source.schema.FieldSchemas.timeInfo;
import static io.kafkaconnect.mesos.source.schema.FieldSchemas.timestamp;
import static io.kafkaconnect.mesos.source.schema.NestedSchemas.INVERSE_OFFER_STATUS;
import static io.kafkaconnect.mesos.source.schema.NestedSchemas.RESOURCE;
import static io.kafkaconnect.mesos.source.schema.NestedSchemas.TASK_STATUS;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * The value schema of every topic the source connector writes, one named and versioned schema per topic. Keys are
 * always {@link Schema#STRING_SCHEMA}. Every value field is optional; evolution is add-only with a version bump, and the
 * golden files under {@code src/test/resources/golden/} freeze each schema.
 */
public final class MesosSchemas {

    private static final String NS = "io.kafkaconnect.mesos.";

    /** Every event of the SUBSCRIBE stream, typed fields plus the payload as received. */
    public static final Schema EVENT = SchemaBuilder.struct()
            .name(NS + "Event")
            .version(1)
            .doc("One event of the master's SUBSCRIBE stream, with the original payload kept")
            .field("type", string("Event type, e.g. TASK_UPDATED; kept as sent for types this version does not know"))
            .field("ts", timestamp("When the connector received the event (Mesos events carry no time of their own)"))
            .field("framework_id", string("Framework the event concerns"))
            .field("agent_id", string("Agent the event concerns"))
            .field("task_id", string("Task the event concerns"))
            .field("executor_id", string("Executor the event concerns"))
            .field("framework_name", string("Framework name (FRAMEWORK_* events)"))
            .field("agent_hostname", string("Agent hostname (AGENT_ADDED)"))
            .field("task_state", string("Latest task state (TASK_ADDED task.state, TASK_UPDATED state)"))
            .field("status_state", string("State of the status update (TASK_UPDATED status.state; may be older than "
                    + "task_state)"))
            .field("status_message", string("Status message"))
            .field("status_reason", string("Status reason"))
            .field("status_source", string("Status source"))
            .field("status_timestamp", timestamp("Time of the status update"))
            .field("status_healthy", bool("Health check result carried by the status update"))
            .field("status_uuid", string("Status update uuid, base64"))
            .field("heartbeat_interval_seconds", float64("Heartbeat interval announced by SUBSCRIBED"))
            .field("payload_format", string("Encoding of the stream: json or protobuf"))
            .field("payload_json", string("The event as JSON: the record as received for JSON streams, the JSON "
                    + "rendering of the decoded message for protobuf streams"))
            .field("payload_bytes", bytes("The record as received, for protobuf streams (null for JSON streams)"))
            .field("source", SourceInfo.SCHEMA)
            .build();

    /** Latest full state of a task; key {@code <framework_id>/<task_id>}. */
    public static final Schema TASK = resourceTotals(SchemaBuilder.struct()
            .name(NS + "Task")
            .version(1)
            .doc("Latest state of a Mesos task")
            .field("op", string("CREATE, UPDATE, DELETE or READ (row from a snapshot or poll)"))
            .field("ts", timestamp("Event time of the change, or the time of the snapshot or poll"))
            .field("framework_id", string("Framework id"))
            .field("task_id", string("Task id (unique per framework)"))
            .field("agent_id", string("Agent the task runs on"))
            .field("executor_id", string("Executor id, if the task has its own executor"))
            .field("name", string("Task name"))
            .field("state", string("Latest task state, e.g. TASK_RUNNING"))
            .field("status_update_state", string("State of the latest status update not yet acknowledged"))
            .field("user", string("User the task runs as"))
            .field("container_type", string("Container type: MESOS or DOCKER"))
            .field("container_image", string("Container image name (Docker or Appc)")),
            "", "the task's resources")
            .field("resources", array(RESOURCE, "The task's resources"))
            .field("limits", doubleMap("Resource limits (Task.limits), by resource name; null value = unlimited"))
            .field("labels", stringMap("Task labels"))
            .field("status", TASK_STATUS)
            .field("statuses", array(TASK_STATUS, "Status updates the master holds, oldest first"))
            .field("source", SourceInfo.SCHEMA)
            .build();

    /** Latest full state of an agent; key agent id. */
    public static final Schema AGENT = agent();

    /** Latest full state of a framework; key framework id. */
    public static final Schema FRAMEWORK = framework();

    /** Latest full state of an executor; key {@code <agent_id>/<framework_id>/<executor_id>}. */
    public static final Schema EXECUTOR = resourceTotals(SchemaBuilder.struct()
            .name(NS + "Executor")
            .version(1)
            .doc("Latest state of a Mesos executor")
            .field("op", string("CREATE, UPDATE, DELETE or READ (row from a snapshot or poll)"))
            .field("ts", timestamp("Event time of the change, or the time of the snapshot or poll"))
            .field("agent_id", string("Agent the executor runs on"))
            .field("framework_id", string("Framework id"))
            .field("executor_id", string("Executor id (unique per framework on an agent)"))
            .field("name", string("Executor name"))
            .field("type", string("Executor type: DEFAULT or CUSTOM"))
            .field("container_type", string("Container type: MESOS or DOCKER"))
            .field("container_image", string("Container image name (Docker or Appc)"))
            .field("shutdown_grace_period_ns", int64("Shutdown grace period, nanoseconds"))
            .field("labels", stringMap("Executor labels")),
            "", "the executor's resources")
            .field("resources", array(RESOURCE, "The executor's resources"))
            .field("source", SourceInfo.SCHEMA)
            .build();

    /** A role (GET_ROLES); key role name. */
    public static final Schema ROLE = resourceTotals(SchemaBuilder.struct()
            .name(NS + "Role")
            .version(1)
            .doc("A Mesos role (GET_ROLES)")
            .field("op", string("CREATE, UPDATE, DELETE or READ (row from a snapshot or poll)"))
            .field("ts", timestamp("Time of the poll"))
            .field("role", string("Role name"))
            .field("weight", float64("Role weight"))
            .field("frameworks", stringArray("Ids of the frameworks subscribed to the role")),
            "", "the resources allocated to the role")
            .field("resources", array(RESOURCE, "Resources allocated to the role"))
            .field("source", SourceInfo.SCHEMA)
            .build();

    /** Quota of a role (GET_QUOTA configs); key role name. */
    public static final Schema QUOTA = SchemaBuilder.struct()
            .name(NS + "Quota")
            .version(1)
            .doc("Quota configuration of a role (GET_QUOTA status.configs)")
            .field("op", string("CREATE, UPDATE, DELETE or READ (row from a snapshot or poll)"))
            .field("ts", timestamp("Time of the poll"))
            .field("role", string("Role name"))
            .field("guarantees", doubleMap("Guaranteed amounts by resource name"))
            .field("limits", doubleMap("Limits by resource name"))
            .field("source", SourceInfo.SCHEMA)
            .build();

    /** Maintenance state of a machine; key hostname, or ip when there is no hostname. */
    public static final Schema MAINTENANCE = timeInfo(SchemaBuilder.struct()
            .name(NS + "Maintenance")
            .version(1)
            .doc("Maintenance state of a machine (GET_MAINTENANCE_SCHEDULE and GET_MAINTENANCE_STATUS)")
            .field("op", string("CREATE, UPDATE, DELETE or READ (row from a snapshot or poll)"))
            .field("ts", timestamp("Time of the poll"))
            .field("hostname", string("Machine hostname"))
            .field("ip", string("Machine IP"))
            .field("mode", string("UP, DRAINING or DOWN"))
            .field("scheduled", bool("True if the machine is in a window of the maintenance schedule")),
            "unavailability_start", "Start of the scheduled unavailability")
            .field("unavailability_duration_ns", int64("Length of the scheduled unavailability, nanoseconds"))
            .field("unavailability_end", timestamp("End of the scheduled unavailability (start + duration)"))
            .field("inverse_offer_statuses", array(INVERSE_OFFER_STATUS, "Frameworks' answers to inverse offers "
                    + "for a DRAINING machine"))
            .field("source", SourceInfo.SCHEMA)
            .build();

    /** The leading master; key master id. */
    public static final Schema MASTER = SchemaBuilder.struct()
            .name(NS + "Master")
            .version(1)
            .doc("The leading master (GET_MASTER, GET_VERSION, GET_HEALTH, GET_FLAGS)")
            .field("op", string("CREATE, UPDATE, DELETE or READ (row from a snapshot or poll)"))
            .field("ts", timestamp("Time of the poll"))
            .field("master_id", string("Master id"))
            .field("hostname", string("Master hostname"))
            .field("ip", string("Master IP, dotted"))
            .field("port", int32("Master port"))
            .field("pid", string("libprocess pid of the master"))
            .field("version", string("Mesos version (MasterInfo.version)"))
            .field("domain_region", string("Fault domain region"))
            .field("domain_zone", string("Fault domain zone"))
            .field("capabilities", stringArray("Master capabilities, e.g. AGENT_DRAINING"))
            .field("start_time", timestamp("When the master process started"))
            .field("elected_time", timestamp("When the master was elected leader"))
            .field("healthy", bool("GET_HEALTH result"))
            .field("build_version", string("VersionInfo.version"))
            .field("build_date", string("VersionInfo.build_date"))
            .field("build_time", timestamp("VersionInfo.build_time"))
            .field("build_user", string("VersionInfo.build_user"))
            .field("git_sha", string("VersionInfo.git_sha"))
            .field("git_branch", string("VersionInfo.git_branch"))
            .field("git_tag", string("VersionInfo.git_tag"))
            .field("flags", stringMap("Master flags (GET_FLAGS); credentials in values are masked"))
            .field("source", SourceInfo.SCHEMA)
            .build();

    /** An offer operation tracked by the master (GET_OPERATIONS); key operation uuid. */
    public static final Schema OPERATION = SchemaBuilder.struct()
            .name(NS + "Operation")
            .version(1)
            .doc("An operation on resources tracked by the master (GET_OPERATIONS)")
            .field("op", string("CREATE, UPDATE, DELETE or READ (row from a snapshot or poll)"))
            .field("ts", timestamp("Time of the poll"))
            .field("uuid", string("Operation uuid, base64 as Mesos sends it"))
            .field("operation_id", string("Framework-given operation id (info.id), if any"))
            .field("framework_id", string("Framework that issued the operation; null for operator calls"))
            .field("agent_id", string("Agent the operation applies to"))
            .field("resource_provider_id", string("Resource provider the operation applies to"))
            .field("type", string("Operation type, e.g. RESERVE, CREATE_DISK"))
            .field("state", string("Latest state, e.g. OPERATION_FINISHED"))
            .field("message", string("Message of the latest status"))
            .field("status_count", int32("Number of status updates the master holds"))
            .field("converted_resources", array(RESOURCE, "Resources produced by the operation"))
            .field("info_json", string("The operation (info) as compact JSON"))
            .field("source", SourceInfo.SCHEMA)
            .build();

    /** One metric sample per record, so the schema stays fixed as Mesos adds metrics. */
    public static final Schema METRIC = SchemaBuilder.struct()
            .name(NS + "Metric")
            .version(1)
            .doc("One sample of one master metric (GET_METRICS)")
            .field("name", string("Metric name, e.g. master/tasks_running"))
            .field("value", float64("Metric value"))
            .field("ts", timestamp("Time of the poll"))
            .field("master_id", string("Master that reported the metric"))
            .field("leader", string("URL of that master"))
            .field("source", SourceInfo.SCHEMA)
            .build();

    /** A HEARTBEAT of the event stream. */
    public static final Schema HEARTBEAT = SchemaBuilder.struct()
            .name(NS + "Heartbeat")
            .version(1)
            .doc("A heartbeat of the master's event stream")
            .field("master_id", string("Master that sent the heartbeat"))
            .field("ts", timestamp("When the connector received the heartbeat"))
            .field("stream_id", string("Stream the heartbeat arrived on"))
            .field("sequence", int64("Position of the heartbeat in its stream"))
            .field("source", SourceInfo.SCHEMA)
            .build();

    private static final Map<String, Schema> ALL = buildAll();

    private MesosSchemas() {
    }

    /** Topic suffix to value schema, in a stable order (for golden files and docs). */
    public static Map<String, Schema> all() {
        return ALL;
    }

    private static Schema agent() {
        SchemaBuilder agent = SchemaBuilder.struct()
                .name(NS + "Agent")
                .version(1)
                .doc("Latest state of a Mesos agent")
                .field("op", string("CREATE, UPDATE, DELETE or READ (row from a snapshot or poll)"))
                .field("ts", timestamp("Event time of the change, or the time of the snapshot or poll"))
                .field("agent_id", string("Agent id"))
                .field("hostname", string("Agent hostname"))
                .field("port", int32("Agent port"))
                .field("active", bool("True if the agent is connected and active"))
                .field("deactivated", bool("True if an operator deactivated the agent (DEACTIVATE_AGENT or drain)"))
                .field("recovered", bool("True for agents known from the registry that have not re-registered "
                        + "since a master failover (GET_AGENTS recovered_agents)"))
                .field("version", string("Mesos version of the agent"))
                .field("pid", string("libprocess pid of the agent"))
                .field("domain_region", string("Fault domain region"))
                .field("domain_zone", string("Fault domain zone"))
                .field("attributes", stringMap("Agent attributes, values rendered as text"))
                .field("capabilities", stringArray("Agent capabilities, e.g. MULTI_ROLE, AGENT_DRAINING"));
        timeInfo(agent, "registered_time", "When the agent registered");
        timeInfo(agent, "reregistered_time", "When the agent last re-registered");
        timeInfo(agent, "estimated_drain_start_time", "When the agent is estimated to start draining");
        agent.field("drain_state", string("Drain state: DRAINING or DRAINED; null when not draining"))
                .field("drain_max_grace_period_ns", int64("Drain max grace period, nanoseconds"))
                .field("drain_mark_gone", bool("True if the agent will be marked gone once drained"));
        resourceTotals(agent, "total_", "the agent's total resources");
        resourceTotals(agent, "allocated_", "the agent's allocated resources");
        return agent.field("total_resources", array(RESOURCE, "Total resources of the agent (endpoint format)"))
                .field("allocated_resources", array(RESOURCE, "Resources allocated to frameworks"))
                .field("source", SourceInfo.SCHEMA)
                .build();
    }

    private static Schema framework() {
        SchemaBuilder framework = SchemaBuilder.struct()
                .name(NS + "Framework")
                .version(1)
                .doc("Latest state of a Mesos framework")
                .field("op", string("CREATE, UPDATE, DELETE or READ (row from a snapshot or poll)"))
                .field("ts", timestamp("Event time of the change, or the time of the snapshot or poll"))
                .field("framework_id", string("Framework id"))
                .field("name", string("Framework name"))
                .field("user", string("User the framework's tasks run as by default"))
                .field("principal", string("Principal the framework authenticated as"))
                .field("role", string("Deprecated single role, if set"))
                .field("roles", stringArray("Roles the framework subscribes with"))
                .field("hostname", string("Scheduler hostname"))
                .field("webui_url", string("Framework web UI"))
                .field("failover_timeout_seconds", float64("Failover timeout, seconds"))
                .field("checkpoint", bool("True if the framework checkpoints"))
                .field("capabilities", stringArray("Framework capabilities, e.g. PARTITION_AWARE"))
                .field("labels", stringMap("Framework labels"))
                .field("active", bool("True if the framework is active"))
                .field("connected", bool("True if the scheduler is connected"))
                .field("recovered", bool("True if known only from a re-registering agent after a master failover"))
                .field("completed", bool("True for completed (removed) frameworks"));
        timeInfo(framework, "registered_time", "When the framework registered");
        timeInfo(framework, "reregistered_time", "When the framework last re-registered");
        timeInfo(framework, "unregistered_time", "When the framework was removed");
        resourceTotals(framework, "allocated_", "the framework's allocated resources");
        return framework.field("allocated_resources", array(RESOURCE, "Resources allocated to the framework"))
                .field("source", SourceInfo.SCHEMA)
                .build();
    }

    private static Map<String, Schema> buildAll() {
        Map<String, Schema> all = new LinkedHashMap<>();
        all.put("events", EVENT);
        all.put("tasks", TASK);
        all.put("agents", AGENT);
        all.put("frameworks", FRAMEWORK);
        all.put("executors", EXECUTOR);
        all.put("roles", ROLE);
        all.put("quota", QUOTA);
        all.put("maintenance", MAINTENANCE);
        all.put("master", MASTER);
        all.put("operations", OPERATION);
        all.put("metrics", METRIC);
        all.put("heartbeats", HEARTBEAT);
        return Collections.unmodifiableMap(all);
    }
}
