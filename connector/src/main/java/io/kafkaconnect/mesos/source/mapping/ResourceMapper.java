package io.kafkaconnect.mesos.source.mapping;

import static io.kafkaconnect.mesos.source.mapping.JsonFields.bool;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.child;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.elements;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.float64;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.hasArray;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.id;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.int64;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkaconnect.mesos.source.schema.NestedSchemas;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Struct;

/**
 * Maps {@code mesos.v1.Resource} lists. Both JSON shapes Mesos writes are understood: the "endpoint" format of agent
 * resources ({@code role} plus {@code reservation} plus {@code reservations}) and the stored format of task resources
 * ({@code reservations} and {@code allocation_info}, no {@code role}). Pre-refinement input with only {@code role}
 * (and maybe {@code reservation}) is turned into a one-entry reservation stack.
 */
final class ResourceMapper {

    private static final String UNRESERVED_ROLE = "*";

    private ResourceMapper() {
    }

    /** The resources of a repeated field; null when the field is absent. */
    static List<Struct> resources(JsonNode parent, String field) {
        if (!hasArray(parent, field)) {
            return null;
        }
        List<Struct> result = new ArrayList<>();
        for (JsonNode resource : elements(parent, field)) {
            if (resource.isObject()) {
                result.add(resource(resource));
            }
        }
        return result;
    }

    static Struct resource(JsonNode resource) {
        Row struct = new Row(new Struct(NestedSchemas.RESOURCE))
                .put("name", text(resource, "name"))
                .put("type", text(resource, "type"))
                .put("scalar", float64(child(resource, "scalar"), "value"))
                .put("ranges", ranges(child(resource, "ranges")))
                .put("set", set(child(resource, "set")))
                .put("role", text(resource, "role"))
                .put("allocation_role", text(child(resource, "allocation_info"), "role"))
                .put("provider_id", id(resource, "provider_id"));
        List<Struct> reservations = reservations(resource);
        struct.put("reservations", reservations);
        if (reservations != null && !reservations.isEmpty()) {
            struct.put("reservation_role", reservations.get(reservations.size() - 1).getString("role"));
        }
        JsonNode disk = child(resource, "disk");
        if (disk != null) {
            JsonNode persistence = child(disk, "persistence");
            JsonNode volume = child(disk, "volume");
            JsonNode source = child(disk, "source");
            struct.put("persistence_id", text(persistence, "id"))
                    .put("persistence_principal", text(persistence, "principal"))
                    .put("volume_container_path", text(volume, "container_path"))
                    .put("volume_host_path", text(volume, "host_path"))
                    .put("volume_mode", text(volume, "mode"))
                    .put("disk_source_type", text(source, "type"))
                    .put("disk_source_root", firstNonNull(text(child(source, "path"), "root"),
                            text(child(source, "mount"), "root")))
                    .put("disk_source_id", text(source, "id"))
                    .put("disk_source_profile", text(source, "profile"))
                    .put("disk_source_vendor", text(source, "vendor"));
        }
        // RevocableInfo and SharedInfo are empty messages: their presence is the information.
        return struct.put("revocable", child(resource, "revocable") != null ? Boolean.TRUE : null)
                .put("shared", child(resource, "shared") != null ? Boolean.TRUE : null)
                .struct();
    }

    /** Value of a RANGES value, e.g. {@code {"range":[{"begin":31000,"end":32000}]}}. */
    static List<Struct> ranges(JsonNode ranges) {
        if (ranges == null) {
            return null;
        }
        List<Struct> result = new ArrayList<>();
        for (JsonNode range : elements(ranges, "range")) {
            result.add(new Struct(NestedSchemas.RANGE)
                    .put("begin", int64(range, "begin"))
                    .put("end", int64(range, "end")));
        }
        return result;
    }

    /** Items of a SET value, e.g. {@code {"item":["a","b"]}}. */
    static List<String> set(JsonNode set) {
        if (set == null) {
            return null;
        }
        List<String> result = new ArrayList<>();
        for (JsonNode item : elements(set, "item")) {
            if (item.isValueNode() && !item.isNull()) {
                result.add(item.asText());
            }
        }
        return result;
    }

    private static List<Struct> reservations(JsonNode resource) {
        if (hasArray(resource, "reservations")) {
            List<Struct> result = new ArrayList<>();
            for (JsonNode reservation : elements(resource, "reservations")) {
                result.add(reservation(text(reservation, "type"), text(reservation, "role"), reservation));
            }
            return result;
        }
        String role = text(resource, "role");
        JsonNode legacy = child(resource, "reservation");
        if (legacy != null) {
            return List.of(reservation("DYNAMIC", role, legacy));
        }
        if (role != null && !UNRESERVED_ROLE.equals(role)) {
            return List.of(reservation("STATIC", role, null));
        }
        return null;
    }

    private static Struct reservation(String type, String role, JsonNode reservation) {
        return new Row(new Struct(NestedSchemas.RESERVATION))
                .put("type", type)
                .put("role", role)
                .put("principal", text(reservation, "principal"))
                .put("labels", OpenMaps.labels(child(reservation, "labels")))
                .struct();
    }

    /**
     * Sums of the scalar {@code cpus}, {@code mem}, {@code disk} and {@code gpus} over a resource list, written to
     * {@code <prefix>cpus} etc. When the list is absent the columns stay null; when it is present, names it lacks
     * sum to 0.
     */
    static void putTotals(Struct target, String prefix, JsonNode parent, String field) {
        if (!hasArray(parent, field)) {
            return;
        }
        double cpus = 0;
        double mem = 0;
        double disk = 0;
        double gpus = 0;
        for (JsonNode resource : elements(parent, field)) {
            Double value = float64(child(resource, "scalar"), "value");
            String name = text(resource, "name");
            if (value == null || name == null) {
                continue;
            }
            switch (name) {
                case "cpus" -> cpus += value;
                case "mem" -> mem += value;
                case "disk" -> disk += value;
                case "gpus" -> gpus += value;
                default -> {
                    // other resources have no flat column
                }
            }
        }
        target.put(prefix + "cpus", round(cpus))
                .put(prefix + "mem", round(mem))
                .put(prefix + "disk", round(disk))
                .put(prefix + "gpus", round(gpus));
    }

    /** Mesos keeps scalars to 3 decimal places; rounding the sum removes floating-point noise such as 0.30000000004. */
    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
