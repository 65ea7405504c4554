package io.kafkaconnect.mesos.source.mapping;

import static io.kafkaconnect.mesos.source.mapping.MesosJson.parse;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kafkaconnect.mesos.source.schema.MesosSchemas;
import io.kafkaconnect.mesos.source.schema.NestedSchemas;
import io.kafkaconnect.mesos.source.schema.Op;
import io.kafkaconnect.mesos.source.schema.SourceInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/topics.md} is generated from the schemas (field tables) and from the mapping of the test fixtures
 * (examples), so it cannot drift. Regenerate with
 * {@code ./mvnw -pl connector test -Dtest=TopicsDocTest -Ddocs.update=true}.
 */
class TopicsDocTest {

    private static final Path DOC = moduleDir().resolve("../docs/topics.md").normalize();
    private static final SourceInfo STREAM = new SourceInfo("d9a1c3e0-5b7e-4c1f-9a0e-1f2b3c4d5e6f",
            "http://master-1:5050", "2a7c", 1042, false, false, null);
    private static final Instant T = Instant.parse("2026-11-21T13:40:00.123Z");

    private static final Map<String, String> KEYS = Map.ofEntries(
            Map.entry("events", "none (null); events are an archive in stream order"),
            Map.entry("tasks", "`<framework_id>/<task_id>` (task ids are unique only within a framework)"),
            Map.entry("agents", "agent id"),
            Map.entry("frameworks", "framework id"),
            Map.entry("executors", "`<agent_id>/<framework_id>/<executor_id>` (an executor id is unique only per "
                    + "framework on one agent; custom executors often reuse one id on every agent)"),
            Map.entry("roles", "role name"),
            Map.entry("quota", "role name"),
            Map.entry("maintenance", "machine hostname, or its IP when the machine has no hostname"),
            Map.entry("master", "master id (`MasterInfo.id`)"),
            Map.entry("operations", "operation uuid (`Operation.uuid.value`, base64)"),
            Map.entry("metrics", "metric name"),
            Map.entry("heartbeats", "master id"));

    @Test
    void docsMatchTheSchemas() throws IOException {
        String generated = generate();
        if (Boolean.getBoolean("docs.update")) {
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
            return;
        }
        String committed = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
        if (!committed.equals(generated)) {
            fail(DOC + " is stale: it must match the schemas. Regenerate with "
                    + "`./mvnw -pl connector test -Dtest=TopicsDocTest -Ddocs.update=true` and commit it.");
        }
    }

    private static String generate() throws JsonProcessingException {
        StringBuilder md = new StringBuilder();
        md.append(INTRO);
        Map<String, Struct> examples = examples();
        for (Map.Entry<String, Schema> topic : MesosSchemas.all().entrySet()) {
            Schema schema = topic.getValue();
            md.append("\n## `<topic.prefix>.").append(topic.getKey()).append("`\n\n")
                    .append(schema.doc()).append(". Schema `").append(schema.name()).append("` version ")
                    .append(schema.version()).append(".\n\n")
                    .append("Key: ").append(KEYS.get(topic.getKey())).append(".\n\n");
            appendFields(md, schema);
            md.append("\nExample value:\n\n```json\n").append(pretty(examples.get(topic.getKey()))).append("\n```\n");
        }
        appendSharedStructs(md);
        return md.toString();
    }

    private static void appendFields(StringBuilder md, Schema struct) {
        md.append("| Field | Type | Description |\n|---|---|---|\n");
        for (Field field : struct.fields()) {
            Schema schema = field.schema();
            md.append("| `").append(field.name()).append("` | ").append(typeName(schema)).append(" | ")
                    .append(schema.doc() == null ? "" : schema.doc().replace("|", "\\|")).append(" |\n");
        }
    }

    private static void appendSharedStructs(StringBuilder md) {
        md.append("\n## Shared structs\n");
        for (Schema struct : List.of(NestedSchemas.RESOURCE, NestedSchemas.RESERVATION, NestedSchemas.RANGE,
                NestedSchemas.TASK_STATUS, NestedSchemas.INVERSE_OFFER_STATUS)) {
            md.append("\n### ").append(simpleName(struct.name())).append("\n\n").append(struct.doc())
                    .append(" (`").append(struct.name()).append("`).\n\n");
            appendFields(md, struct);
        }
    }

    private static Map<String, Struct> examples() {
        EntityMapper entities = new EntityMapper();
        SourceInfo poll = new SourceInfo(STREAM.masterId(), STREAM.leader(), null, 7, false, false, "GET_AGENTS");
        Map<String, Struct> examples = new LinkedHashMap<>();
        String updated = MesosJson.EVENT_TASK_UPDATED;
        examples.put("events", new EventMapper().event(null, parse(updated), updated.getBytes(StandardCharsets.UTF_8),
                true, STREAM, T));
        examples.put("tasks", entities.task(parse(DOC_TASK), Op.UPDATE, STREAM, T));
        examples.put("agents", entities.agent(parse(DOC_AGENT), Op.READ, poll, T));
        examples.put("frameworks", entities.framework(parse(MesosJson.FRAMEWORK), false, Op.CREATE, STREAM, T));
        examples.put("executors", entities.executor(parse(MesosJson.EXECUTOR), Op.READ,
                withCall(poll, "GET_EXECUTORS"), T));
        examples.put("roles", entities.role(parse(MesosJson.ROLE), Op.READ, withCall(poll, "GET_ROLES"), T));
        examples.put("quota", entities.quota(parse(MesosJson.GET_QUOTA).at("/get_quota/status/configs/0"), Op.READ,
                withCall(poll, "GET_QUOTA"), T));
        examples.put("maintenance", entities.maintenance(parse(MesosJson.MAINTENANCE_SCHEDULE),
                parse(MesosJson.MAINTENANCE_STATUS), Op.READ, withCall(poll, "GET_MAINTENANCE_STATUS"), T)
                .get(0).value());
        examples.put("master", entities.master(parse(MesosJson.GET_MASTER), parse(MesosJson.GET_VERSION), true,
                parse(MesosJson.GET_FLAGS), Op.READ, withCall(poll, "GET_MASTER"), T));
        examples.put("operations", entities.operation(parse(MesosJson.OPERATION), Op.READ,
                withCall(poll, "GET_OPERATIONS"), T));
        examples.put("metrics", entities.metrics(parse(MesosJson.GET_METRICS), withCall(poll, "GET_METRICS"), T)
                .get(1));
        examples.put("heartbeats", entities.heartbeat(STREAM, T));
        return examples;
    }

    private static SourceInfo withCall(SourceInfo poll, String call) {
        return new SourceInfo(poll.masterId(), poll.leader(), null, poll.sequence(), false, false, call);
    }

    private static String pretty(Struct value) throws JsonProcessingException {
        String json = ConnectRoundTrip.schemalessJson(value);
        return MesosJson.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(MesosJson.MAPPER.readTree(json));
    }

    private static String typeName(Schema schema) {
        String type = switch (schema.type()) {
            case ARRAY -> "array<" + typeName(schema.valueSchema()) + ">";
            case MAP -> "map<" + typeName(schema.keySchema()) + ", " + typeName(schema.valueSchema()) + ">";
            case STRUCT -> "struct " + simpleName(schema.name());
            default -> schema.type().getName();
        };
        if ("org.apache.kafka.connect.data.Timestamp".equals(schema.name())) {
            type = "Timestamp (int64 ms)";
        }
        return type;
    }

    private static String simpleName(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static Path moduleDir() {
        String basedir = System.getProperty("basedir");
        return basedir != null ? Paths.get(basedir) : Paths.get("").toAbsolutePath();
    }

    /** Smaller than the test fixtures, to keep the examples readable. */
    private static final String DOC_TASK = """
            {"name":"web-1","task_id":{"value":"web.7f3c"},"framework_id":{"value":"fw-marathon-0001"},
             "agent_id":{"value":"agent-S1"},"state":"TASK_RUNNING",
             "resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":0.5},"allocation_info":{"role":"web"}},
                          {"name":"mem","type":"SCALAR","scalar":{"value":128.0},"allocation_info":{"role":"web"},
                           "reservations":[{"type":"DYNAMIC","role":"web","principal":"ops"}]}],
             "statuses":[{"task_id":{"value":"web.7f3c"},"state":"TASK_RUNNING","source":"SOURCE_EXECUTOR",
                          "agent_id":{"value":"agent-S1"},"timestamp":1470820175.5,"healthy":true,
                          "uuid":"AAECAwQFBgcICQoLDA0ODw==",
                          "container_status":{"network_infos":[{"ip_addresses":[{"ip_address":"10.0.0.5"}]}]}}],
             "labels":{"labels":[{"key":"app","value":"web"}]},
             "container":{"type":"DOCKER","docker":{"image":"nginx:1.25"}},"limits":{"cpus":{"value":2.0}}}
            """;

    private static final String DOC_AGENT = """
            {"agent_info":{"hostname":"node-1.example.com","port":5051,"id":{"value":"agent-S1"},
               "attributes":[{"name":"rack","type":"TEXT","text":{"value":"r12"}},
                             {"name":"zones","type":"SET","set":{"item":["a","b"]}}]},
             "active":true,"deactivated":true,"version":"1.11.0","pid":"slave(1)@10.0.0.1:5051",
             "registered_time":{"nanoseconds":1470820172046531840},
             "total_resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":8.0},"role":"*"},
               {"name":"mem","type":"SCALAR","scalar":{"value":1024.0},"role":"web",
                "reservation":{"principal":"ops"},"reservations":[{"type":"DYNAMIC","role":"web","principal":"ops"}]}],
             "allocated_resources":[],
             "capabilities":[{"type":"MULTI_ROLE"},{"type":"AGENT_DRAINING"}],
             "drain_info":{"state":"DRAINING","config":{"max_grace_period":{"nanoseconds":600000000000},"mark_gone":false}}}
            """;

    private static final String INTRO = """
            # Source topics and record schemas

            <!-- Generated by TopicsDocTest from the schemas and the test fixtures; edit those, then regenerate with
                 ./mvnw -pl connector test -Dtest=TopicsDocTest -Ddocs.update=true -->

            The source connector writes each kind of data to its own topic, named `<topic.prefix>.<suffix>`. Every
            topic has one named, versioned Connect schema (frozen by golden files; evolution is add-only with a
            version bump), so the records land cleanly in Avro, Parquet or Iceberg through any converter.

            Conventions:

            - **Keys** are strings. Entity topics (`tasks`, `agents`, `frameworks`, `executors`, `roles`, `quota`,
              `maintenance`, `master`, `operations`) hold the **latest full state** per key and are meant to be
              compacted.
            - **`op`**: `CREATE`, `UPDATE`, `DELETE`, or `READ` for a row taken from a snapshot (SUBSCRIBED) or a poll.
            - **`ts`**: event time of the change as the connector saw it (Mesos events carry no time of their own),
              or the time of the snapshot or poll.
            - **`source`** block, on every topic, and mirrored into record headers named `mesos.<field>` (null fields
              are left out of the headers):

              | Field | Type | Description |
              |---|---|---|
              | `master_id` | string | Id of the master that produced the data (`MasterInfo.id`) |
              | `leader` | string | URL of the leading master the connector talked to |
              | `stream_id` | string | Id of the SUBSCRIBE connection; null for polled rows |
              | `sequence` | int64 | Position of the record in its stream or poll round, counted by the connector |
              | `snapshot` | boolean | True for rows taken from a SUBSCRIBED snapshot |
              | `reconciled` | boolean | True for rows synthesized by reconciliation, not seen as a live event |
              | `call` | string | Read call that produced a polled row, e.g. `GET_QUOTA`; null for the stream |

            - **Every value field is optional.** A field Mesos did not send is null; a value of the wrong type is
              null too (logged at DEBUG). Enums are kept as their names, including names this version does not know.
            - **Times**: Connect `Timestamp` (milliseconds). Where Mesos gives nanoseconds (`TimeInfo`), the exact
              value is kept beside it in `<name>_ns` (int64). Durations are int64 nanoseconds (`*_ns`).
            - **Resources**: flat `cpus`, `mem` (MB), `disk` (MB), `gpus` columns hold the sum of the scalar resources
              of that name (0 when the list has none, null when the list is absent), beside the full list as an array
              of `Resource` structs. Agent resources in Mesos's endpoint format (`role` + `reservation` +
              `reservations`) and task resources (`reservations` + `allocation_info`) map to the same struct;
              `reservation_role` is the role of the innermost reservation.
            - **Maps** (string keys) are used only for open sets: labels, attributes (values rendered as Mesos prints
              them: `2`, `[31000-32000]`, `{a, b}`), quota resource maps, limits and flags. Repeated label keys keep
              their last value.
            - **Infinity and NaN** doubles (e.g. an unlimited task limit) are null: JSON converters cannot carry them.
            - **Secrets**: executor commands and environments are not copied; master flag values whose name looks
              like a secret are `[redacted]`, and `user:password@` in URLs is masked.
            - The `events` topic is the lossless archive: the record as received (`payload_json`, and `payload_bytes`
              for protobuf streams) is kept next to the typed fields.

            Nested structs used by several topics (`Resource`, `Reservation`, `Range`, `TaskStatus`,
            `InverseOfferStatus`) are described once, at the end.

            Examples below are printed by `JsonConverter` with `schemas.enable=false` (indented here), from the
            mapping tests' fixtures.
            """;
}
