package io.kafkaconnect.mesos.source.mapping;

import static io.kafkaconnect.mesos.source.mapping.JsonFields.child;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.dateFromNanos;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.elements;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.id;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.nanos;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.text;
import static io.kafkaconnect.mesos.source.mapping.Rows.row;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkaconnect.mesos.source.schema.MesosSchemas;
import io.kafkaconnect.mesos.source.schema.NestedSchemas;
import io.kafkaconnect.mesos.source.schema.Op;
import io.kafkaconnect.mesos.source.schema.SourceInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins the maintenance schedule (windows of machines with an unavailability) and the cluster status (draining and
 * down machines) into one row per machine. A machine in the schedule that the status lists neither as draining nor as
 * down is UP (this happens when the two polls straddle a change).
 */
final class MaintenanceMapper {

    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceMapper.class);

    private MaintenanceMapper() {
    }

    static List<KeyedStruct> machines(JsonNode schedule, JsonNode status, Op op, SourceInfo src, Instant t) {
        Map<String, Machine> machines = new LinkedHashMap<>();
        JsonNode scheduleBody = unwrap(schedule, "get_maintenance_schedule", "schedule");
        for (JsonNode window : elements(scheduleBody, "windows")) {
            JsonNode unavailability = child(window, "unavailability");
            for (JsonNode machineId : elements(window, "machine_ids")) {
                Machine machine = machine(machines, machineId);
                if (machine != null) {
                    machine.scheduled = true;
                    machine.startNs = nanos(unavailability, "start");
                    machine.durationNs = nanos(unavailability, "duration");
                }
            }
        }
        JsonNode statusBody = unwrap(status, "get_maintenance_status", "status");
        for (JsonNode draining : elements(statusBody, "draining_machines")) {
            Machine machine = machine(machines, child(draining, "id"));
            if (machine != null) {
                machine.mode = "DRAINING";
                for (JsonNode answer : elements(draining, "statuses")) {
                    machine.inverseOfferStatuses.add(inverseOfferStatus(answer));
                }
            }
        }
        for (JsonNode machineId : elements(statusBody, "down_machines")) {
            Machine machine = machine(machines, machineId);
            if (machine != null) {
                machine.mode = "DOWN";
            }
        }
        List<KeyedStruct> rows = new ArrayList<>(machines.size());
        for (Map.Entry<String, Machine> entry : machines.entrySet()) {
            rows.add(new KeyedStruct(entry.getKey(), entry.getValue().toStruct(op, src, t)));
        }
        return rows;
    }

    /** The machine of a {@code MachineID}, created on first sight; null (and skipped) without hostname and ip. */
    private static Machine machine(Map<String, Machine> machines, JsonNode machineId) {
        String hostname = emptyToNull(text(machineId, "hostname"));
        String ip = emptyToNull(text(machineId, "ip"));
        String key = hostname != null ? hostname : ip;
        if (key == null) {
            LOG.debug("Skipping a maintenance machine without hostname or ip: {}", machineId);
            return null;
        }
        return machines.computeIfAbsent(key, k -> new Machine(hostname, ip));
    }

    private static Struct inverseOfferStatus(JsonNode answer) {
        Long nanos = nanos(answer, "timestamp");
        return new Struct(NestedSchemas.INVERSE_OFFER_STATUS)
                .put("framework_id", id(answer, "framework_id"))
                .put("status", text(answer, "status"))
                .put("timestamp", dateFromNanos(nanos))
                .put("timestamp_ns", nanos);
    }

    /** Descends through the response wrappers ({@code get_maintenance_status}, {@code status}) when present. */
    private static JsonNode unwrap(JsonNode node, String responseField, String bodyField) {
        JsonNode current = node;
        if (child(current, responseField) != null) {
            current = child(current, responseField);
        }
        if (child(current, bodyField) != null) {
            current = child(current, bodyField);
        }
        return current;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** What is known about one machine while the two bodies are joined. */
    private static final class Machine {
        private final String hostname;
        private final String ip;
        private String mode = "UP";
        private boolean scheduled;
        private Long startNs;
        private Long durationNs;
        private final List<Struct> inverseOfferStatuses = new ArrayList<>();

        Machine(String hostname, String ip) {
            this.hostname = hostname;
            this.ip = ip;
        }

        Struct toStruct(Op op, SourceInfo src, Instant t) {
            Long endNs = startNs == null || durationNs == null ? null : saturatedAdd(startNs, durationNs);
            return row(MesosSchemas.MAINTENANCE, op, src, t)
                    .put("hostname", hostname)
                    .put("ip", ip)
                    .put("mode", mode)
                    .put("scheduled", scheduled)
                    .put("unavailability_start", dateFromNanos(startNs))
                    .put("unavailability_start_ns", startNs)
                    .put("unavailability_duration_ns", durationNs)
                    .put("unavailability_end", dateFromNanos(endNs))
                    .put("inverse_offer_statuses", inverseOfferStatuses);
        }

        private static long saturatedAdd(long a, long b) {
            long sum = a + b;
            return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
        }
    }
}
