package io.kafkaconnect.mesos.source.state;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
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
 */
public final class ContentDigest {

    /** Marks an entity that was published as deleted (a DELETE record, then a tombstone). */
    public static final long DELETED = 0L;

    private ContentDigest() {
    }

    public static long of(EntityKind kind, JsonNode entity) {
        MessageDigest sha = SHA256.get();
        sha.reset();
        feedObject(sha, entity, kind.volatileFields());
        if (kind == EntityKind.TASK) {
            JsonNode statuses = entity.path("statuses");
            if (statuses.isArray() && statuses.size() > 0) {
                JsonNode latest = statuses.get(statuses.size() - 1);
                update(sha, "#latest_status");
                feed(sha, latest.path("state"));
                feed(sha, latest.path("healthy"));
                feed(sha, latest.path("reason"));
            }
        }
        long digest = ByteBuffer.wrap(sha.digest()).getLong();
        return digest == DELETED ? 1L : digest;
    }

    /** The digest as 16 lower-case hex digits, as carried in record headers. */
    public static String toHex(long digest) {
        return String.format("%016x", digest);
    }

    /** Parses {@link #toHex(long)}; throws {@link NumberFormatException} on anything else. */
    public static long fromHex(String hex) {
        if (hex.length() != 16) {
            throw new NumberFormatException("expected 16 hex digits: " + hex);
        }
        return Long.parseUnsignedLong(hex, 16);
    }

    private static void feed(MessageDigest sha, JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            update(sha, "n");
        } else if (node.isObject()) {
            feedObject(sha, node, Set.of());
        } else if (node.isArray()) {
            update(sha, "[" + node.size());
            for (JsonNode element : node) {
                feed(sha, element);
            }
            update(sha, "]");
        } else if (node.isNumber()) {
            update(sha, "#" + canonicalNumber(node));
        } else if (node.isBoolean()) {
            update(sha, node.booleanValue() ? "t" : "f");
        } else {
            update(sha, "s" + node.asText());
        }
    }

    private static void feedObject(MessageDigest sha, JsonNode node, Set<String> skipped) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.size());
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!skipped.contains(field.getKey()) && !field.getValue().isNull()) {
                fields.add(field);
            }
        }
        fields.sort(Map.Entry.comparingByKey());
        update(sha, "{" + fields.size());
        for (Map.Entry<String, JsonNode> field : fields) {
            update(sha, field.getKey());
            feed(sha, field.getValue());
        }
        update(sha, "}");
    }

    /** One spelling per value: {@code 2}, {@code 2.0} and {@code 2.00} all read {@code 2}. */
    private static String canonicalNumber(JsonNode number) {
        if (number.isIntegralNumber()) {
            return number.canConvertToLong() ? Long.toString(number.longValue()) : number.bigIntegerValue().toString();
        }
        if (number.isBigDecimal()) {
            BigDecimal decimal = number.decimalValue().stripTrailingZeros();
            return decimal.scale() <= 0 ? decimal.toBigInteger().toString() : decimal.toPlainString();
        }
        double value = number.doubleValue();
        if (value == Math.rint(value) && Math.abs(value) < 0x1p53) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /** A length-prefixed token, so that token boundaries cannot be forged by the content. */
    private static void update(MessageDigest sha, String token) {
        byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
        byte[] length = {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8),
                (byte) bytes.length};
        sha.update(length);
        sha.update(bytes);
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(ContentDigest::sha256);

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JRE", e);
        }
    }
}
