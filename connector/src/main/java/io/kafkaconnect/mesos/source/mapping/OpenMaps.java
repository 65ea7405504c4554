package io.kafkaconnect.mesos.source.mapping;

import static io.kafkaconnect.mesos.source.mapping.JsonFields.child;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.elements;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.float64;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.hasArray;
import static io.kafkaconnect.mesos.source.mapping.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/** Maps Mesos's open sets (labels, attributes, scalar maps, flags) to string-keyed maps. */
final class OpenMaps {

    /** Flag names whose whole value is hidden. */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(secret|password|passwd|token).*");
    /** {@code user:password@} in a URL such as {@code zk://user:pass@host:2181/mesos}. */
    private static final Pattern URL_USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");
    static final String REDACTED = "[redacted]";

    private OpenMaps() {
    }

    /**
     * {@code Labels} ({@code {"labels":[{"key":..,"value":..}]}}) as a map; a repeated key keeps its last value.
     * Null when absent.
     */
    static Map<String, String> labels(JsonNode labels) {
        if (labels == null || !hasArray(labels, "labels")) {
            return null;
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (JsonNode label : elements(labels, "labels")) {
            String key = text(label, "key");
            if (key != null) {
                result.put(key, text(label, "value"));
            }
        }
        return result;
    }

    /** {@code Attribute}s as name to text, rendered the way Mesos prints values: {@code 2}, {@code [1-2, 5-6]}, {@code {a, b}}. */
    static Map<String, String> attributes(JsonNode parent, String field) {
        if (!hasArray(parent, field)) {
            return null;
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (JsonNode attribute : elements(parent, field)) {
            String name = text(attribute, "name");
            if (name != null) {
                result.put(name, renderValue(attribute));
            }
        }
        return result;
    }

    /** A {@code map<string, Value.Scalar>} such as quota guarantees, as name to double. Null when absent. */
    static Map<String, Double> scalars(JsonNode map) {
        if (map == null || !map.isObject()) {
            return null;
        }
        Map<String, Double> result = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = map.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            result.put(entry.getKey(), float64(entry.getValue(), "value"));
        }
        return result;
    }

    /**
     * Flags as name to value, from a GET_FLAGS body ({@code {"flags":[{"name":..,"value":..}]}}) or its bare array.
     * Values of flags named like a secret are replaced by {@value #REDACTED}, and credentials embedded in URLs are
     * masked. Null when absent.
     */
    static Map<String, String> flags(JsonNode flags) {
        Iterable<JsonNode> entries;
        if (flags != null && flags.isArray()) {
            entries = flags;
        } else if (hasArray(flags, "flags")) {
            entries = elements(flags, "flags");
        } else {
            return null;
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (JsonNode flag : entries) {
            String name = text(flag, "name");
            if (name != null) {
                result.put(name, redact(name, text(flag, "value")));
            }
        }
        return result;
    }

    static String redact(String name, String value) {
        if (value == null) {
            return null;
        }
        if (SECRET_NAME.matcher(name).matches()) {
            return REDACTED;
        }
        return URL_USER_INFO.matcher(value).replaceAll(REDACTED + "@");
    }

    private static String renderValue(JsonNode value) {
        String type = text(value, "type");
        JsonNode scalar = child(value, "scalar");
        JsonNode ranges = child(value, "ranges");
        JsonNode set = child(value, "set");
        JsonNode textValue = child(value, "text");
        if (scalar != null && (type == null || "SCALAR".equals(type))) {
            Double number = float64(scalar, "value");
            return number == null ? null : renderNumber(number);
        }
        if (ranges != null && (type == null || "RANGES".equals(type))) {
            StringJoiner joiner = new StringJoiner(", ", "[", "]");
            for (JsonNode range : elements(ranges, "range")) {
                joiner.add(text(range, "begin") + "-" + text(range, "end"));
            }
            return joiner.toString();
        }
        if (set != null && (type == null || "SET".equals(type))) {
            List<String> items = ResourceMapper.set(set);
            return "{" + String.join(", ", items) + "}";
        }
        if (textValue != null) {
            return text(textValue, "value");
        }
        return null;
    }

    private static String renderNumber(double number) {
        if (number == Math.rint(number) && Math.abs(number) < 1e15) {
            return Long.toString((long) number);
        }
        return Double.toString(number);
    }
}
