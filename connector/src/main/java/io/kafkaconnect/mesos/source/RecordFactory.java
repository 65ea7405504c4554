package io.kafkaconnect.mesos.source;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.source.SourceRecord;

import com.fasterxml.jackson.databind.JsonNode;

import io.kafkaconnect.mesos.source.mapping.EntityMapper;
import io.kafkaconnect.mesos.source.mapping.EventMapper;
import io.kafkaconnect.mesos.source.schema.MesosSchemas;
import io.kafkaconnect.mesos.source.schema.Op;
import io.kafkaconnect.mesos.source.schema.SourceInfo;
import io.kafkaconnect.mesos.source.state.ContentDigest;
import io.kafkaconnect.mesos.source.state.EntityChange;
import io.kafkaconnect.mesos.source.state.EntityIds;
import io.kafkaconnect.mesos.source.state.EntityKind;

/**
 * Turns changes, events, metrics and heartbeats into {@link SourceRecord}s: topic {@code <prefix>.<suffix>}, key = entity
 * id, record timestamp = ingestion time, the {@code source} block in the value and in headers. A DELETE on an entity
 * topic is followed by a tombstone, so compaction eventually drops the key.
 */
final class RecordFactory {

    static final String EVENTS = "events";
    static final String METRICS = "metrics";
    static final String HEARTBEATS = "heartbeats";

    private final String prefix;
    private final EntityMapper entities = new EntityMapper();
    private final EventMapper events = new EventMapper();

    RecordFactory(String prefix) {
        this.prefix = prefix;
    }

    String topic(String suffix) {
        return prefix + "." + suffix;
    }

    String topic(EntityKind kind) {
        return topic(kind.topicSuffix());
    }

    /** The record (and tombstone after a DELETE) for a change of a streamed entity. */
    List<SourceRecord> streamedEntity(EntityChange change, SourceInfo src, Map<String, ?> partition,
                                      Map<String, ?> offset, Instant ingest) {
        Op op = Op.valueOf(change.op().name());
        JsonNode value = change.value();
        EntityKind kind = change.ref().kind();
        Struct struct;
        if (value == null) {
            struct = bare(schemaOf(kind), op, src, ingest);
        } else {
            struct = switch (kind) {
                case TASK -> entities.task(value, op, src, ingest);
                case AGENT -> entities.agent(value, op, src, ingest);
                case FRAMEWORK -> entities.framework(value, false, op, src, ingest);
                case EXECUTOR -> entities.executor(value, op, src, ingest);
                default -> throw new IllegalArgumentException(kind + " is not a streamed entity");
            };
        }
        String agent = value == null ? null : EntityIds.agentOf(kind, value);
        String framework = value == null ? null : EntityIds.frameworkOf(kind, value);
        return keyed(topic(kind), change.ref().key(), struct, change.digest(), agent, framework, src, partition,
                offset, ingest);
    }

    /** The record (and tombstone after a DELETE) for a polled entity row. */
    List<SourceRecord> polledEntity(EntityKind kind, String key, Struct struct, long digest, SourceInfo src,
                                    Map<String, ?> partition, Map<String, ?> offset, Instant ingest) {
        return keyed(topic(kind), key, struct, digest, null, null, src, partition, offset, ingest);
    }

    /** A bare DELETE value: op, time and source only (the entity's content is not known any more). */
    Struct bare(Schema schema, Op op, SourceInfo src, Instant ingest) {
        return new Struct(schema).put("op", op.name()).put("ts", Date.from(ingest))
                .put("source", src == null ? null : src.toStruct());
    }

    SourceRecord event(String type, JsonNode json, byte[] raw, boolean rawIsJson, String key, SourceInfo src,
                       Map<String, ?> partition, Map<String, ?> offset, Instant ingest) {
        Struct value = events.event(type, json, raw, rawIsJson, src, ingest);
        return new SourceRecord(partition, offset, topic(EVENTS), null, Schema.OPTIONAL_STRING_SCHEMA, key,
                MesosSchemas.EVENT, value, ingest.toEpochMilli(), headers(src));
    }

    List<SourceRecord> metrics(JsonNode getMetrics, SourceInfo src, Map<String, ?> partition, Map<String, ?> offset,
                               Instant ingest) {
        List<SourceRecord> records = new ArrayList<>();
        for (Struct row : entities.metrics(getMetrics, src, ingest)) {
            records.add(new SourceRecord(partition, offset, topic(METRICS), null, Schema.STRING_SCHEMA,
                    row.getString("name"), MesosSchemas.METRIC, row, ingest.toEpochMilli(), headers(src)));
        }
        return records;
    }

    SourceRecord heartbeat(String masterId, SourceInfo src, Map<String, ?> partition, Map<String, ?> offset,
                           Instant ingest) {
        return new SourceRecord(partition, offset, topic(HEARTBEATS), null, Schema.OPTIONAL_STRING_SCHEMA, masterId,
                MesosSchemas.HEARTBEAT, entities.heartbeat(src, ingest), ingest.toEpochMilli(), headers(src));
    }

    EntityMapper entityMapper() {
        return entities;
    }

    static Schema schemaOf(EntityKind kind) {
        return switch (kind) {
            case TASK -> MesosSchemas.TASK;
            case AGENT -> MesosSchemas.AGENT;
            case FRAMEWORK -> MesosSchemas.FRAMEWORK;
            case EXECUTOR -> MesosSchemas.EXECUTOR;
            case ROLE -> MesosSchemas.ROLE;
            case QUOTA -> MesosSchemas.QUOTA;
            case MAINTENANCE -> MesosSchemas.MAINTENANCE;
            case MASTER -> MesosSchemas.MASTER;
            case OPERATION -> MesosSchemas.OPERATION;
        };
    }

    private List<SourceRecord> keyed(String topic, String key, Struct struct, long digest, String agent,
                                     String framework, SourceInfo src, Map<String, ?> partition,
                                     Map<String, ?> offset, Instant ingest) {
        Headers headers = headers(src);
        headers.addString(RecordHeaders.KEY, key);
        boolean delete = digest == ContentDigest.DELETED;
        if (!delete) {
            headers.addString(RecordHeaders.DIGEST, ContentDigest.toHex(digest));
        }
        if (agent != null) {
            headers.addString(RecordHeaders.AGENT_ID, agent);
        }
        if (framework != null) {
            headers.addString(RecordHeaders.FRAMEWORK_ID, framework);
        }
        List<SourceRecord> records = new ArrayList<>(2);
        records.add(new SourceRecord(partition, offset, topic, null, Schema.STRING_SCHEMA, key, struct.schema(),
                struct, ingest.toEpochMilli(), headers));
        if (delete) {
            Headers tombstoneHeaders = headers(src);
            tombstoneHeaders.addString(RecordHeaders.KEY, key);
            records.add(new SourceRecord(partition, offset, topic, null, Schema.STRING_SCHEMA, key, null, null,
                    ingest.toEpochMilli(), tombstoneHeaders));
        }
        return records;
    }

    private static Headers headers(SourceInfo src) {
        Headers headers = new ConnectHeaders();
        if (src != null) {
            src.addHeaders(headers);
        }
        return headers;
    }
}
