package io.kafkaconnect.mesos.codec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mesos-rules JSON for protobuf messages, driven by the message descriptors (protobuf-java-util's JsonFormat is not
 * used: it writes camelCase, quoted int64 and {@code "10s"} durations, and rejects a whole message over one missing
 * required field).
 *
 * <p><b>Writing</b> produces compact JSON exactly as a Mesos master accepts it: proto field names, enum names, int64 and
 * uint64 as exact JSON numbers, doubles as numbers ({@code "Infinity"}, {@code "-Infinity"}, {@code "NaN"} as strings),
 * bytes as padded standard base64, maps as objects keyed by the map key, and only the fields that are set (a set but
 * empty sub-message is written as {@code {}}, as {@code "get_metrics":{}} needs). {@code google.protobuf.Duration} is
 * written as the plain message {@code {"seconds":N,"nanos":M}}, the only form Mesos accepts.
 *
 * <p><b>Reading</b> is lenient and never throws on bad input: whatever does not fit is skipped and reported in
 * {@link Decoded#problems()}; the decode fails only for malformed JSON, a non-object root or missing required fields.
 * All methods are thread-safe.
 */
public final class MesosJson {

    private static final Logger LOG = LoggerFactory.getLogger(MesosJson.class);

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // characters beyond the BMP as 4-byte UTF-8, not as an escaped surrogate pair
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private MesosJson() {
    }

    /** The message as compact UTF-8 JSON. */
    public static byte[] toJsonBytes(MessageOrBuilder message) {
        try {
            return MAPPER.writeValueAsBytes(toTree(message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a JSON tree", e); // cannot happen for plain trees
        }
    }

    /** The message as a compact JSON string. */
    public static String toJson(MessageOrBuilder message) {
        try {
            return MAPPER.writeValueAsString(toTree(message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a JSON tree", e);
        }
    }

    /** The message as a Jackson tree, with the same rules as {@link #toJson}. */
    public static ObjectNode toTree(MessageOrBuilder message) {
        return JsonWriter.write(message);
    }

    /**
     * Reads a message leniently from a JSON tree. Unknown keys, unknown optional enum names and mistyped values are
     * skipped and reported; missing required fields anywhere fail the decode ({@code missing required fields: a.b, c}).
     */
    @SuppressWarnings("unchecked")
    public static <M extends Message> Decoded<M> fromJson(JsonNode json, M defaultInstance) {
        String type = defaultInstance.getDescriptorForType().getFullName();
        if (json == null || !json.isObject()) {
            String got = json == null || json.isMissingNode() ? "no JSON" : "JSON " + json.getNodeType();
            return failed(type, "expected a JSON object for " + type + ", got " + got, List.of());
        }
        Problems problems = new Problems();
        try {
            Message.Builder builder = defaultInstance.newBuilderForType();
            new JsonReader(problems).merge(json, builder);
            // isInitialized() is generated code and cheap; the error list is built by reflection, so only on failure
            if (!builder.isInitialized()) {
                List<String> missing = builder.findInitializationErrors();
                return failed(type, "missing required fields: " + String.join(", ", missing), problems.list());
            }
            return Decoded.success((M) builder.buildPartial(), problems.list());
        } catch (RuntimeException | StackOverflowError e) {
            // Not expected: the reader reports bad values instead of throwing. Kept so that a decoder bug costs one
            // message, never the caller's stream.
            LOG.warn("Unexpected error decoding {} from JSON", type, e);
            return failed(type, "internal decoder error: " + e, problems.list());
        }
    }

    /** Parses UTF-8 JSON, then reads it as {@link #fromJson(JsonNode, Message)}; malformed JSON fails with the reason. */
    public static <M extends Message> Decoded<M> fromJson(byte[] json, M defaultInstance) {
        String type = defaultInstance.getDescriptorForType().getFullName();
        if (json == null || json.length == 0) {
            return failed(type, "empty input for " + type, List.of());
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return failed(type, "malformed JSON: " + reason(e), List.of());
        } catch (IOException | RuntimeException e) {
            return failed(type, "malformed JSON: " + e.getMessage(), List.of());
        }
        return fromJson(tree, defaultInstance);
    }

    /**
     * The shared Jackson mapper (trailing tokens after the document are an error, as in Mesos). Use it to read and
     * write; do not reconfigure it.
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static String reason(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return e.getOriginalMessage() + where;
    }

    private static <M> Decoded<M> failed(String type, String failure, List<String> problems) {
        LOG.debug("Cannot decode {}: {}", type, failure);
        return Decoded.failed(failure, problems);
    }
}
