package io.kafkaconnect.mesos.source.stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event as read from the SUBSCRIBE stream: its type name as sent (kept for types this version does not know), its
 * Mesos-JSON tree, and the record's raw bytes for the lossless archive.
 */
public record StreamEvent(String type, JsonNode json, byte[] raw, boolean rawIsJson, int sizeBytes,
                          long receivedAtMillis) {
}
