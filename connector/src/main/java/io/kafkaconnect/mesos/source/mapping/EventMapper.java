package io.kafkaconnect.mesos.source.mapping;

import static io.kafkaconnect.mesos.source.mapping.JsonFields.bool;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.child;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.dateFromSeconds;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.elements;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.float64;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.id;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkaconnect.mesos.source.schema.MesosSchemas;
import io.kafkaconnect.mesos.source.schema.SourceInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.apache.kafka.connect.data.Struct;

/**
 * Maps one event of the SUBSCRIBE stream to an {@code events} row: typed fields for the entities it concerns, plus
 * the payload as received so that nothing is lost. Event types this version does not know still give a row, with
 * only {@code type} and the payload. Stateless, thread-safe, and never throws on odd input.
 */
public final class EventMapper {

    static final String FORMAT_JSON = "json";
    static final String FORMAT_PROTOBUF = "protobuf";

    /**
     * @param type       the event type as received (e.g. {@code TASK_UPDATED}); when null, {@code event.type} is used
     * @param event      the event as a Mesos-JSON tree (for protobuf streams, the client's conversion of it)
     * @param raw        the record's bytes as received; may be null, then the payload is rendered from {@code event}
     * @param rawIsJson  true for JSON streams ({@code raw} goes to {@code payload_json}), false for protobuf streams
     *                   ({@code raw} goes to {@code payload_bytes}, the tree's JSON to {@code payload_json})
     * @param src        the source block
     * @param ingestTime when the connector received the record
     */
    public Struct event(String type, JsonNode event, byte[] raw, boolean rawIsJson, SourceInfo src,
                        Instant ingestTime) {
        String eventType = type != null ? type : text(event, "type");
        Row row = new Row(new Struct(MesosSchemas.EVENT))
                .put("type", eventType)
                .put("ts", Rows.date(ingestTime))
                .put("payload_format", rawIsJson ? FORMAT_JSON : FORMAT_PROTOBUF)
                .put("source", src == null ? null : src.toStruct());
        putPayload(row, event, raw, rawIsJson);
        if (eventType != null) {
            putTypedFields(row, eventType, child(event, eventType.toLowerCase(Locale.ROOT)));
        }
        return row.struct();
    }

    private static void putPayload(Row row, JsonNode event, byte[] raw, boolean rawIsJson) {
        if (rawIsJson && raw != null) {
            row.put("payload_json", new String(raw, StandardCharsets.UTF_8));
            return;
        }
        String rendered = event == null ? null : event.toString();
        if (rawIsJson) {
            row.put("payload_json", rendered);
        } else {
            row.put("payload_bytes", raw).put("payload_json", rendered);
        }
    }

    private static void putTypedFields(Row row, String type, JsonNode body) {
        switch (type) {
            case "SUBSCRIBED" -> row.put("heartbeat_interval_seconds", float64(body, "heartbeat_interval_seconds"));
            case "TASK_ADDED" -> taskAdded(row, child(body, "task"));
            case "TASK_UPDATED" -> taskUpdated(row, body);
            case "AGENT_ADDED" -> {
                JsonNode info = child(child(body, "agent"), "agent_info");
                row.put("agent_id", id(info, "id")).put("agent_hostname", text(info, "hostname"));
            }
            case "AGENT_REMOVED" -> row.put("agent_id", id(body, "agent_id"));
            case "FRAMEWORK_ADDED", "FRAMEWORK_UPDATED" -> framework(row, child(child(body, "framework"),
                    "framework_info"));
            case "FRAMEWORK_REMOVED" -> framework(row, child(body, "framework_info"));
            default -> {
                // HEARTBEAT and types this version does not know: the payload says it all.
            }
        }
    }

    private static void taskAdded(Row row, JsonNode task) {
        row.put("framework_id", id(task, "framework_id"))
                .put("agent_id", id(task, "agent_id"))
                .put("task_id", id(task, "task_id"))
                .put("executor_id", id(task, "executor_id"))
                .put("task_state", text(task, "state"));
        JsonNode latest = null;
        for (JsonNode status : elements(task, "statuses")) {
            latest = status;
        }
        putStatus(row, latest);
    }

    /** TASK_UPDATED has no top-level task or agent id: they are under {@code status}. */
    private static void taskUpdated(Row row, JsonNode body) {
        JsonNode status = child(body, "status");
        row.put("framework_id", id(body, "framework_id"))
                .put("agent_id", id(status, "agent_id"))
                .put("task_id", id(status, "task_id"))
                .put("executor_id", id(status, "executor_id"))
                .put("task_state", text(body, "state"));
        putStatus(row, status);
    }

    private static void putStatus(Row row, JsonNode status) {
        if (status == null) {
            return;
        }
        row.put("status_state", text(status, "state"))
                .put("status_message", text(status, "message"))
                .put("status_reason", text(status, "reason"))
                .put("status_source", text(status, "source"))
                .put("status_timestamp", dateFromSeconds(float64(status, "timestamp")))
                .put("status_healthy", bool(status, "healthy"))
                .put("status_uuid", text(status, "uuid"));
    }

    private static void framework(Row row, JsonNode info) {
        row.put("framework_id", id(info, "id")).put("framework_name", text(info, "name"));
    }
}
