package io.kafkaconnect.mesos.sink;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The ledger topic's value format: one JSON object per entry, keyed by command id. */
final class LedgerJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LedgerJson() {
    }

    static byte[] write(LedgerEntry e) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("command_id", e.commandId());
        root.put("state", e.state().name());
        root.put("call_type", e.callType());
        root.put("attempts", e.attempts());
        root.put("updated_at_ms", e.updatedAtMs());
        if (e.source() != null) {
            ObjectNode source = root.putObject("source");
            source.put("topic", e.source().topic());
            source.put("partition", e.source().partition());
            source.put("offset", e.source().offset());
        }
        root.put("detail", e.detail());
        if (!e.baseline().isEmpty()) {
            ObjectNode baseline = root.putObject("baseline");
            e.baseline().forEach(baseline::put);
        }
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (IOException ex) {
            throw new IllegalStateException("cannot serialise a ledger entry", ex);
        }
    }

    /** @throws IllegalArgumentException for a value that is not a ledger entry */
    static LedgerEntry read(byte[] bytes) {
        try {
            JsonNode root = MAPPER.readTree(bytes);
            JsonNode source = root.path("source");
            Map<String, Double> baseline = new HashMap<>();
            root.path("baseline").fields().forEachRemaining(f -> baseline.put(f.getKey(), f.getValue().asDouble()));
            return new LedgerEntry(root.path("command_id").asText(),
                    CommandState.valueOf(root.path("state").asText()),
                    root.path("call_type").isTextual() ? root.path("call_type").asText() : null,
                    root.path("attempts").asInt(), root.path("updated_at_ms").asLong(),
                    source.isObject() ? new SourcePosition(source.path("topic").asText(),
                            source.path("partition").asInt(), source.path("offset").asLong()) : null,
                    root.path("detail").isTextual() ? root.path("detail").asText() : null, baseline);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a ledger entry: " + e.getMessage(), e);
        }
    }
}
