package io.kafkaconnect.mesos.source.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lenient readers for Mesos JSON trees. A missing field or JSON {@code null} reads as {@code null}; a value of the
 * wrong type reads as {@code null} and is logged at DEBUG. Numbers also accept the quoted form that protobuf's
 * JsonFormat prints for 64-bit integers, so trees converted from protobuf streams read the same as Mesos's own JSON.
 */
final class JsonFields {

    private static final Logger LOG = LoggerFactory.getLogger(JsonFields.class);
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private JsonFields() {
    }

    /** The named child of an object, or null when absent, JSON null, or when {@code node} is not an object. */
    static JsonNode child(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isMissingNode() ? null : value;
    }

    /** Follows a path of object fields. */
    static JsonNode path(JsonNode node, String... fields) {
        JsonNode current = node;
        for (String field : fields) {
            current = child(current, field);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    /** A string field; numbers and booleans are rendered as text, objects and arrays read as null. */
    static String text(JsonNode node, String field) {
        JsonNode value = child(node, field);
        if (value == null) {
            return null;
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        wrongType(field, "a string", value);
        return null;
    }

    /** The {@code value} of an id message such as {@code FrameworkID}, e.g. {@code agent_id.value}. */
    static String id(JsonNode node, String field) {
        return text(child(node, field), "value");
    }

    static Long int64(JsonNode node, String field) {
        JsonNode value = child(node, field);
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isNumber() && value.canConvertToExactIntegral() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.textValue().trim());
            } catch (NumberFormatException e) {
                // fall through to the log line
            }
        }
        wrongType(field, "an int64", value);
        return null;
    }

    static Integer int32(JsonNode node, String field) {
        Long value = int64(node, field);
        if (value == null) {
            return null;
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            wrongType(field, "an int32", child(node, field));
            return null;
        }
        return value.intValue();
    }

    /**
     * A finite double; also accepts numeric strings. Infinity and NaN (which Mesos accepts as {@code "Infinity"},
     * e.g. for an unlimited task limit) read as null: JSON converters cannot carry them and would turn them into 0.
     */
    static Double float64(JsonNode node, String field) {
        JsonNode value = child(node, field);
        if (value == null) {
            return null;
        }
        double result;
        if (value.isNumber()) {
            result = value.doubleValue();
        } else if (value.isTextual()) {
            try {
                result = Double.parseDouble(value.textValue().trim());
            } catch (NumberFormatException e) {
                wrongType(field, "a double", value);
                return null;
            }
        } else {
            wrongType(field, "a double", value);
            return null;
        }
        if (Double.isNaN(result) || Double.isInfinite(result)) {
            wrongType(field, "a finite double", value);
            return null;
        }
        return result;
    }

    static Boolean bool(JsonNode node, String field) {
        JsonNode value = child(node, field);
        if (value == null) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual() && ("true".equals(value.textValue()) || "false".equals(value.textValue()))) {
            return Boolean.parseBoolean(value.textValue());
        }
        wrongType(field, "a bool", value);
        return null;
    }

    /**
     * The elements of a repeated field. A lone object counts as one element (as Mesos's own parser treats it); any
     * other type reads as empty.
     */
    static Iterable<JsonNode> elements(JsonNode node, String field) {
        JsonNode value = child(node, field);
        if (value == null) {
            return Collections.emptyList();
        }
        if (value.isArray()) {
            return value;
        }
        if (value.isObject()) {
            return List.of(value);
        }
        wrongType(field, "an array", value);
        return Collections.emptyList();
    }

    /** True if the repeated field is present (possibly empty). */
    static boolean hasArray(JsonNode node, String field) {
        JsonNode value = child(node, field);
        return value != null && (value.isArray() || value.isObject());
    }

    /** {@code <field>.nanoseconds} of a {@code TimeInfo} or {@code DurationInfo}. */
    static Long nanos(JsonNode node, String field) {
        return int64(child(node, field), "nanoseconds");
    }

    static Date dateFromNanos(Long nanos) {
        return nanos == null ? null : new Date(Math.floorDiv(nanos, NANOS_PER_MILLI));
    }

    /** A time given as epoch seconds in a double. */
    static Date dateFromSeconds(Double seconds) {
        if (seconds == null) {
            return null;
        }
        return new Date(Math.round(seconds * 1000.0));
    }

    private static void wrongType(String field, String expected, JsonNode actual) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("Ignoring field '{}': expected {} but got {} ({})", field, expected, actual.getNodeType(),
                    abbreviate(actual.toString()));
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
