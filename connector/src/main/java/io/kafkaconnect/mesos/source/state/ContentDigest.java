package io.kafkaconnect.mesos.source.state;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A 64-bit digest of an entity's content, used to decide whether an entity changed since it was last published.
 *
 * <p>The digest is independent of field order and of number spelling ({@code 2}, {@code 2.0} and {@code "2"} for a
 * number field are not mixed up, but {@code 2} and {@code 2.0} digest alike), so the same state read from a JSON stream,
 * a protobuf stream or a polled call compares equal. The kind's {@linkplain EntityKind#volatileFields() volatile fields}
 * are skipped; for a task, the state, health and reason of its latest status stand in for the whole status history.
 *
 * <p>It is a fast non-cryptographic hash (change detection between the connector's own states, not an integrity
 * check): each value is hashed without allocating, an object's fields are combined by a commutative sum of per-field
 * hashes (so no sorting), arrays in order. Digests are persisted in record headers, so changing this algorithm makes
 * the first snapshot after an upgrade re-emit every entity once.
 */
public final class ContentDigest {

    /** Marks an entity that was published as deleted (a DELETE record, then a tombstone). */
    public static final long DELETED = 0L;

    private static final long NULL = 0x5bd1e9955bd1e995L;
    private static final long TRUE = 0x27d4eb2f165667c5L;
    private static final long FALSE = 0x165667b19e3779f9L;
    private static final long STRING = 0x9e3779b97f4a7c15L;
    private static final long NUMBER = 0xc2b2ae3d27d4eb4fL;
    private static final long DOUBLE = 0x2545f4914f6cdd1dL;
    private static final long BIG_NUMBER = 0x85ebca77c2b2ae63L;
    private static final long ARRAY = 0xff51afd7ed558ccdL;
    private static final long OBJECT = 0xc4ceb9fe1a85ec53L;
    private static final long FIELD = 0x94d049bb133111ebL;
    private static final long LATEST_STATUS = 0xbf58476d1ce4e5b9L;
    private static final long PRIME = 0x100000001b3L;

    private ContentDigest() {
    }

    public static long of(EntityKind kind, JsonNode entity) {
        if (kind == EntityKind.TASK) {
            return ofTask(TaskBase.of(entity), entity);
        }
        long digest = object(entity, kind.volatileFields());
        return digest == DELETED ? 1L : digest;
    }

    /**
     * The part of a task's digest that a TASK_UPDATED leaves alone: its fields but {@code state} and the volatile ones.
     * Kept with a task that gets frequent updates, so that each update digests only what it changed.
     */
    record TaskBase(long sum, int count) {

        private static final Set<String> SKIPPED = skipped();

        static TaskBase of(JsonNode task) {
            long sum = 0;
            int count = 0;
            for (Map.Entry<String, JsonNode> field : task.properties()) {
                if (!field.getValue().isNull() && !SKIPPED.contains(field.getKey())) {
                    sum += field(field.getKey(), field.getValue());
                    count++;
                }
            }
            return new TaskBase(sum, count);
        }

        private static Set<String> skipped() {
            Set<String> skipped = new HashSet<>(EntityKind.TASK.volatileFields());
            skipped.add("state");
            return Set.copyOf(skipped);
        }
    }

    /** {@link #of} for a task whose fields other than {@code state} and the volatile ones are {@code base}. */
    static long ofTask(TaskBase base, JsonNode task) {
        long sum = base.sum();
        int count = base.count();
        JsonNode state = task.get("state");
        if (state != null && !state.isNull()) {
            sum += field("state", state);
            count++;
        }
        long digest = mix(OBJECT + sum * PRIME + count);
        JsonNode statuses = task.path("statuses");
        if (statuses.isArray() && statuses.size() > 0) {
            JsonNode latest = statuses.get(statuses.size() - 1);
            digest = mix(digest ^ LATEST_STATUS);
            digest = mix(digest + value(latest.path("state")));
            digest = mix(digest + value(latest.path("healthy")));
            digest = mix(digest + value(latest.path("reason")));
        }
        return digest == DELETED ? 1L : digest;
    }

    /** The digest as 16 lower-case hex digits, as carried in record headers. */
    public static String toHex(long digest) {
        String hex = Long.toHexString(digest);
        return hex.length() == 16 ? hex : "0".repeat(16 - hex.length()) + hex;
    }

    /** Parses {@link #toHex(long)}; throws {@link NumberFormatException} on anything else. */
    public static long fromHex(String hex) {
        if (hex.length() != 16) {
            throw new NumberFormatException("expected 16 hex digits: " + hex);
        }
        return Long.parseUnsignedLong(hex, 16);
    }

    private static long value(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return NULL;
        }
        if (node.isTextual()) {
            return text(STRING, node.textValue());
        }
        if (node.isObject()) {
            return object(node, Set.of());
        }
        if (node.isArray()) {
            long h = ARRAY + node.size();
            for (int i = 0; i < node.size(); i++) {
                h = mix(h * PRIME + value(node.get(i)));
            }
            return h;
        }
        if (node.isNumber()) {
            return number(node);
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? TRUE : FALSE;
        }
        return text(STRING, node.asText());
    }

    /** Non-null fields not in {@code skipped}, each hashed with its name and summed: field order does not matter. */
    private static long object(JsonNode node, Set<String> skipped) {
        long sum = 0;
        int count = 0;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode value = field.getValue();
            if (value.isNull() || (!skipped.isEmpty() && skipped.contains(field.getKey()))) {
                continue;
            }
            sum += field(field.getKey(), value);
            count++;
        }
        return mix(OBJECT + sum * PRIME + count);
    }

    private static long field(String name, JsonNode value) {
        return mix(text(FIELD, name) * PRIME + value(value));
    }

    /**
     * One hash per value: {@code 2}, {@code 2.0} and {@code 2.00} hash alike, and a decimal hashes as the double of the
     * same shortest spelling.
     */
    private static long number(JsonNode number) {
        if (number.isIntegralNumber()) {
            return number.canConvertToLong() ? mix(NUMBER + number.longValue())
                    : text(BIG_NUMBER, number.bigIntegerValue().toString());
        }
        if (number.isBigDecimal()) {
            BigDecimal decimal = number.decimalValue().stripTrailingZeros();
            if (decimal.scale() <= 0) {
                try {
                    return mix(NUMBER + decimal.longValueExact());
                } catch (ArithmeticException beyondLong) {
                    return text(BIG_NUMBER, decimal.toBigInteger().toString());
                }
            }
            double value = decimal.doubleValue();
            return BigDecimal.valueOf(value).compareTo(decimal) == 0 ? fraction(value)
                    : text(BIG_NUMBER, decimal.toPlainString());
        }
        return fraction(number.doubleValue());
    }

    private static long fraction(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 0x1p53) {
            return mix(NUMBER + (long) value);
        }
        return mix(DOUBLE + Double.doubleToLongBits(value));
    }

    /** FNV-1a over the UTF-16 units, then a final mix; the length is folded in so that boundaries count. */
    private static long text(long seed, String text) {
        long h = seed ^ text.length();
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * PRIME;
        }
        return mix(h);
    }

    /** The finalizer of SplitMix64: every input bit affects every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
