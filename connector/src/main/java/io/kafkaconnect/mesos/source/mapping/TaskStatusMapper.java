package io.kafkaconnect.mesos.source.mapping;

import static io.kafkaconnect.mesos.source.mapping.JsonFields.bool;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.child;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.dateFromNanos;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.dateFromSeconds;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.elements;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.float64;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.hasArray;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.id;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.nanos;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkaconnect.mesos.source.schema.NestedSchemas;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Struct;

/** Maps {@code mesos.v1.TaskStatus} objects; the opaque {@code data} bytes are left out. */
final class TaskStatusMapper {

    private TaskStatusMapper() {
    }

    /** One status; null when {@code status} is not an object. */
    static Struct status(JsonNode status) {
        if (status == null || !status.isObject()) {
            return null;
        }
        Long unreachableNanos = nanos(status, "unreachable_time");
        JsonNode containerStatus = child(status, "container_status");
        return new Row(new Struct(NestedSchemas.TASK_STATUS))
                .put("state", text(status, "state"))
                .put("message", text(status, "message"))
                .put("source", text(status, "source"))
                .put("reason", text(status, "reason"))
                .put("task_id", id(status, "task_id"))
                .put("agent_id", id(status, "agent_id"))
                .put("executor_id", id(status, "executor_id"))
                .put("timestamp", dateFromSeconds(float64(status, "timestamp")))
                .put("healthy", bool(status, "healthy"))
                .put("uuid", text(status, "uuid"))
                .put("labels", OpenMaps.labels(child(status, "labels")))
                .put("container_id", id(containerStatus, "container_id"))
                .put("ip_addresses", ipAddresses(containerStatus))
                .put("unreachable_time", dateFromNanos(unreachableNanos))
                .put("unreachable_time_ns", unreachableNanos)
                .struct();
    }

    /** All statuses of a task, oldest first; null when the field is absent. */
    static List<Struct> statuses(JsonNode task) {
        if (!hasArray(task, "statuses")) {
            return null;
        }
        List<Struct> result = new ArrayList<>();
        for (JsonNode status : elements(task, "statuses")) {
            Struct mapped = status(status);
            if (mapped != null) {
                result.add(mapped);
            }
        }
        return result;
    }

    private static List<String> ipAddresses(JsonNode containerStatus) {
        if (!hasArray(containerStatus, "network_infos")) {
            return null;
        }
        List<String> result = new ArrayList<>();
        for (JsonNode network : elements(containerStatus, "network_infos")) {
            for (JsonNode address : elements(network, "ip_addresses")) {
                String ip = text(address, "ip_address");
                if (ip != null) {
                    result.add(ip);
                }
            }
        }
        return result;
    }
}
