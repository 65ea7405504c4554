package io.kafkaconnect.mesos.source.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * A 64-bit digest of a record value, for change detection on the polled entity topics (roles, quota, maintenance,
 * master, operations), whose rows may merge several calls. Provenance fields ({@code op}, {@code ts}, {@code source})
 * are left out, so the same content polled twice digests alike.
 */
public final class StructDigest {

    private static final Set<String> PROVENANCE = Set.of("op", "ts", "source");

    private StructDigest() {
    }

    public static long of(Struct value) {
        MessageDigest sha = sha256();
        feedStruct(sha, value, PROVENANCE);
        long digest = ByteBuffer.wrap(sha.digest()).getLong();
        return digest == ContentDigest.DELETED ? 1L : digest;
    }

    private static void feedStruct(MessageDigest sha, Struct struct, Set<String> skipped) {
        token(sha, "{");
        for (Field field : struct.schema().fields()) {
            if (!skipped.contains(field.name())) {
                token(sha, field.name());
                feed(sha, struct.get(field));
            }
        }
        token(sha, "}");
    }

    private static void feed(MessageDigest sha, Object value) {
        if (value == null) {
            token(sha, "n");
        } else if (value instanceof Struct struct) {
            feedStruct(sha, struct, Set.of());
        } else if (value instanceof List<?> list) {
            token(sha, "[" + list.size());
            list.forEach(element -> feed(sha, element));
        } else if (value instanceof Map<?, ?> map) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            entries.sort((a, b) -> String.valueOf(a.getKey()).compareTo(String.valueOf(b.getKey())));
            token(sha, "m" + entries.size());
            for (Map.Entry<?, ?> entry : entries) {
                feed(sha, entry.getKey());
                feed(sha, entry.getValue());
            }
        } else if (value instanceof byte[] bytes) {
            token(sha, "b" + bytes.length);
            sha.update(bytes);
        } else if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            feed(sha, bytes);
        } else if (value instanceof Date date) {
            token(sha, "d" + date.getTime());
        } else {
            token(sha, value.getClass().getSimpleName().charAt(0) + value.toString());
        }
    }

    private static void token(MessageDigest sha, String token) {
        byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JRE", e);
        }
    }
}
