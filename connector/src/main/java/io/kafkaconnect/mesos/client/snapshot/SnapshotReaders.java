package io.kafkaconnect.mesos.client.snapshot;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.kafkaconnect.mesos.codec.Encoding;

/** Reads the entities of snapshots: streamed from a SUBSCRIBED record's bytes, or from a tree already in memory. */
public final class SnapshotReaders {

    private SnapshotReaders() {
    }

    /** Reads a SUBSCRIBED record from its bytes as they arrive, in the stream's encoding. */
    public static SnapshotReader streaming(InputStream record, Encoding encoding) {
        return encoding == Encoding.PROTOBUF ? new ProtobufSnapshotReader(record) : new JsonSnapshotReader(record);
    }

    /**
     * The entities of a {@code GetState} tree ({@code get_tasks}, {@code get_agents}, ... at its top; a partial one,
     * such as a GET_TASKS response's {@code get_tasks} under that name, yields only what it has), section by section
     * in {@link SnapshotSection} order. Lists that are not arrays and elements that are not objects are skipped.
     */
    public static List<SnapshotEntity> entitiesOf(JsonNode getState) {
        List<SnapshotEntity> entities = new ArrayList<>();
        for (SnapshotSection section : SnapshotSection.values()) {
            JsonNode list = getState.path(section.group()).path(section.list());
            if (!list.isArray()) {
                continue;
            }
            for (JsonNode element : list) {
                if (element.isObject()) {
                    entities.add(new SnapshotEntity(section, element, 0));
                }
            }
        }
        return entities;
    }
}
