package io.kafkaconnect.mesos.client.snapshot;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One element of a snapshot list, as a Mesos-JSON tree.
 *
 * @param sizeBytes its encoded size in the record, or 0 when it was not read from bytes
 */
public record SnapshotEntity(SnapshotSection section, JsonNode value, long sizeBytes) {
}
