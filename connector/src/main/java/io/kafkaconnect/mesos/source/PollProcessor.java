package io.kafkaconnect.mesos.source;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kafkaconnect.mesos.source.mapping.EntityMapper;
import io.kafkaconnect.mesos.source.mapping.KeyedStruct;
import io.kafkaconnect.mesos.source.poll.PollGroup;
import io.kafkaconnect.mesos.source.poll.PolledCall;
import io.kafkaconnect.mesos.source.schema.Op;
import io.kafkaconnect.mesos.source.schema.SourceInfo;
import io.kafkaconnect.mesos.source.state.ContentDigest;
import io.kafkaconnect.mesos.source.state.EntityKind;
import io.kafkaconnect.mesos.source.state.EntityRef;
import io.kafkaconnect.mesos.source.state.PublishedEntry;
import io.kafkaconnect.mesos.source.state.PublishedState;
import io.kafkaconnect.mesos.source.state.StructDigest;

/**
 * Turns the responses of the polled calls that Mesos never streams (metrics, roles and weights, quota, maintenance,
 * master, operations) into records. Calls that feed one topic are merged (GET_ROLES with GET_WEIGHTS; the two
 * maintenance calls; GET_MASTER, GET_VERSION, GET_HEALTH and GET_FLAGS). Each poll emits only rows that changed since
 * they were last published, plus a DELETE and tombstone for rows that vanished, unless changes-only is off. Metrics
 * are always emitted in full (one row per metric). Runs on the task thread only.
 */
final class PollProcessor {

    private final RecordFactory records;
    private final EntityMapper mapper;
    private final PublishedState published;
    private final boolean changesOnly;
    private final Set<PollGroup> fresh;
    private final Map<PolledCall, JsonNode> latest = new LinkedHashMap<>();

    /**
     * @param fresh groups with no committed offset (new connector or offset reset): their first rows go out as READ
     */
    PollProcessor(RecordFactory records, PublishedState published, boolean changesOnly, Set<PollGroup> fresh) {
        this.records = records;
        this.mapper = records.entityMapper();
        this.published = published;
        this.changesOnly = changesOnly;
        this.fresh = fresh.isEmpty() ? EnumSet.noneOf(PollGroup.class) : EnumSet.copyOf(fresh);
    }

    List<SourceRecord> handle(PolledCall call, JsonNode response, String leader, String masterId, long polledAtMillis) {
        latest.put(call, response);
        Instant at = Instant.ofEpochMilli(polledAtMillis);
        SourceInfo src = new SourceInfo(masterId, leader, null, 0, true, false, call.name());
        Map<String, String> partition = SourceOffsets.pollPartition(call.group());
        Map<String, Object> offset = SourceOffsets.pollOffset(polledAtMillis);
        return switch (call.group()) {
            case METRICS -> records.metrics(response.path("get_metrics"), src, partition, offset, at);
            case ROLES -> diff(EntityKind.ROLE, call.group(), roles(src, at), src, partition, offset, at);
            case QUOTA -> diff(EntityKind.QUOTA, call.group(), quota(src, at), src, partition, offset, at);
            case MAINTENANCE -> diff(EntityKind.MAINTENANCE, call.group(), mapper.maintenance(
                    body(PolledCall.GET_MAINTENANCE_SCHEDULE, "get_maintenance_schedule", "schedule"),
                    body(PolledCall.GET_MAINTENANCE_STATUS, "get_maintenance_status", "status"), Op.READ, src, at),
                    src, partition, offset, at);
            case MASTER -> diff(EntityKind.MASTER, call.group(), master(src, at), src, partition, offset, at);
            case OPERATIONS -> diff(EntityKind.OPERATION, call.group(), operations(src, at), src, partition, offset,
                    at);
            case STATE -> throw new IllegalArgumentException("STATE polls are reconciled with the stream");
        };
    }

    private List<KeyedStruct> roles(SourceInfo src, Instant at) {
        Map<String, ObjectNode> roles = new LinkedHashMap<>();
        JsonNode listed = body(PolledCall.GET_ROLES, "get_roles", "roles");
        if (listed != null) {
            for (JsonNode role : listed) {
                if (role.isObject() && role.hasNonNull("name")) {
                    roles.put(role.get("name").asText(), ((ObjectNode) role).deepCopy());
                }
            }
        }
        JsonNode weights = body(PolledCall.GET_WEIGHTS, "get_weights", "weight_infos");
        if (weights != null) {
            for (JsonNode info : weights) {
                String role = info.path("role").asText("");
                if (!role.isEmpty()) {
                    roles.computeIfAbsent(role, r -> JsonNodeFactory.instance.objectNode().put("name", r))
                            .set("weight", info.path("weight"));
                }
            }
        }
        List<KeyedStruct> rows = new ArrayList<>();
        roles.forEach((name, role) -> rows.add(new KeyedStruct(name, mapper.role(role, Op.READ, src, at))));
        return rows;
    }

    private List<KeyedStruct> quota(SourceInfo src, Instant at) {
        List<KeyedStruct> rows = new ArrayList<>();
        JsonNode status = body(PolledCall.GET_QUOTA, "get_quota", "status");
        if (status != null) {
            for (JsonNode config : status.path("configs")) {
                String key = mapper.quotaKey(config);
                if (key != null) {
                    rows.add(new KeyedStruct(key, mapper.quota(config, Op.READ, src, at)));
                }
            }
        }
        return rows;
    }

    private List<KeyedStruct> master(SourceInfo src, Instant at) {
        JsonNode getMaster = body(PolledCall.GET_MASTER, "get_master", null);
        if (getMaster == null || mapper.masterKey(getMaster) == null) {
            return null; // the row's key comes from GET_MASTER: nothing to say until it has answered
        }
        JsonNode version = body(PolledCall.GET_VERSION, "get_version", null);
        JsonNode health = body(PolledCall.GET_HEALTH, "get_health", "healthy");
        JsonNode flags = body(PolledCall.GET_FLAGS, "get_flags", null);
        Boolean healthy = health == null || !health.isBoolean() ? null : health.booleanValue();
        return List.of(new KeyedStruct(mapper.masterKey(getMaster),
                mapper.master(getMaster, version, healthy, flags, Op.READ, src, at)));
    }

    private List<KeyedStruct> operations(SourceInfo src, Instant at) {
        List<KeyedStruct> rows = new ArrayList<>();
        JsonNode operations = body(PolledCall.GET_OPERATIONS, "get_operations", "operations");
        if (operations != null) {
            for (JsonNode operation : operations) {
                String key = mapper.operationKey(operation);
                if (key != null) {
                    rows.add(new KeyedStruct(key, mapper.operation(operation, Op.READ, src, at)));
                }
            }
        }
        return rows;
    }

    /** Emits new and changed rows, and deletes for published keys that are gone. Null rows: not enough data yet. */
    private List<SourceRecord> diff(EntityKind kind, PollGroup group, List<KeyedStruct> rows, SourceInfo src,
                                    Map<String, String> partition, Map<String, Object> offset, Instant at) {
        if (rows == null) {
            return List.of();
        }
        boolean first = fresh.remove(group);
        List<SourceRecord> out = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (KeyedStruct row : rows) {
            if (row.key() == null || !present.add(row.key())) {
                continue;
            }
            EntityRef ref = new EntityRef(kind, row.key());
            long digest = StructDigest.of(row.value());
            PublishedEntry last = published.get(ref);
            boolean changed = last == null || last.digest() != digest;
            if (!changed && changesOnly) {
                continue;
            }
            Op op = first || !changed ? Op.READ : last == null ? Op.CREATE : Op.UPDATE;
            Struct value = row.value().put("op", op.name());
            published.put(ref, new PublishedEntry(digest, null, null));
            out.addAll(records.polledEntity(kind, row.key(), value, digest, src, partition, offset, at));
        }
        for (String key : List.copyOf(published.keys(kind))) {
            if (!present.contains(key)) {
                published.remove(new EntityRef(kind, key));
                Struct value = records.bare(RecordFactory.schemaOf(kind), Op.DELETE, src, at);
                out.addAll(records.polledEntity(kind, key, value, ContentDigest.DELETED, src, partition, offset, at));
            }
        }
        return out;
    }

    /** The latest response of {@code call}: its {@code field} sub-object, then {@code child} of it (if given). */
    private JsonNode body(PolledCall call, String field, String child) {
        JsonNode response = latest.get(call);
        if (response == null) {
            return null;
        }
        JsonNode node = response.path(field);
        if (child != null) {
            node = node.path(child);
        }
        return node.isMissingNode() || node.isNull() ? null : node;
    }
}
