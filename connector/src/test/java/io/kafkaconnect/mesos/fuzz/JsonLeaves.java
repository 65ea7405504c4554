package io.kafkaconnect.mesos.fuzz;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The "nothing silently dropped" check of a decode: every value the input carried (a non-null leaf, at any depth) is
 * still there in the re-encoded result, at the same path. Empty objects and arrays carry nothing and are not
 * required; a leaf may come back in another form (a numeric string as a number, a duration string as an object).
 */
public final class JsonLeaves {

    private JsonLeaves() {
    }

    /** The path of the first input leaf missing from {@code output}, or null when every one is there. */
    public static String firstMissing(JsonNode input, JsonNode output) {
        return firstMissing(input, output, JsonPointer.empty());
    }

    private static String firstMissing(JsonNode input, JsonNode output, JsonPointer path) {
        if (input.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = input.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String missing = firstMissing(field.getValue(), output, path.appendProperty(field.getKey()));
                if (missing != null) {
                    return missing;
                }
            }
            return null;
        }
        if (input.isArray()) {
            for (int i = 0; i < input.size(); i++) {
                String missing = firstMissing(input.get(i), output, path.appendIndex(i));
                if (missing != null) {
                    return missing;
                }
            }
            return null;
        }
        if (input.isNull()) {
            return null;
        }
        return present(output, path) ? null : path.toString();
    }

    /** Present at the path, or the path names a lone value that came back as a one-element array. */
    private static boolean present(JsonNode output, JsonPointer path) {
        if (!output.at(path).isMissingNode()) {
            return true;
        }
        return output.at(path.appendIndex(0)).isValueNode() || output.at(path.appendIndex(0)).isObject();
    }
}
