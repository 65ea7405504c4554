package io.kafkaconnect.mesos.sink;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes a {@link ResultRecord} as the result topic's JSON value. */
public final class ResultJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ResultJson() {
    }

    public static ObjectNode toJson(ResultRecord r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("command_id", r.commandId());
        root.put("call_type", r.callType());
        root.put("state", r.state().name());
        root.put("success", r.success());
        if (r.httpStatus() == null) {
            root.putNull("http_status");
        } else {
            root.put("http_status", r.httpStatus());
        }
        if (r.success() && r.error() == null) {
            root.putNull("error");
        } else {
            ObjectNode error = root.putObject("error");
            error.put("reason", r.reason());
            error.put("message", r.error());
        }
        root.put("attempts", r.attempts());
        root.put("latency_ms", r.latencyMs());
        root.put("effect_verified", r.effectVerified());
        root.put("dry_run", r.dryRun());
        root.put("requested_by", r.requestedBy());
        ObjectNode source = root.putObject("source");
        source.put("topic", r.source().topic());
        source.put("partition", r.source().partition());
        source.put("offset", r.source().offset());
        root.put("timestamp_ms", r.timestampMs());
        ObjectNode data = root.putObject("data");
        data.set("call", r.call());
        return root;
    }

    public static byte[] toBytes(ResultRecord r) {
        try {
            return MAPPER.writeValueAsString(toJson(r)).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a result record", e);
        }
    }
}
