package io.kafkaconnect.mesos.source;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.kafkaconnect.mesos.source.poll.PollGroup;

/**
 * The layout of the source's offsets. Mesos has no resume token, so an offset cannot say where to resume the stream;
 * it records what a restart needs to decide how to treat the next snapshot: which master and stream the last record
 * came from, its sequence number in that stream, and whether a first snapshot has completed. An absent offset (a new
 * connector, or an offset reset) means a full snapshot: nothing published before is trusted.
 *
 * <ul>
 *   <li>stream partition {@code {"source":"stream"}}, offset {@code {"master_id","stream_id","sequence","snapshot",
 *       "snapshot_complete"}};</li>
 *   <li>poll partitions {@code {"source":"poll","group":"<group>"}}, offset {@code {"polled_at": <epoch ms>}}.</li>
 * </ul>
 */
public final class SourceOffsets {

    public static final String SOURCE = "source";
    public static final String GROUP = "group";
    public static final String MASTER_ID = "master_id";
    public static final String STREAM_ID = "stream_id";
    public static final String SEQUENCE = "sequence";
    public static final String SNAPSHOT = "snapshot";
    public static final String SNAPSHOT_COMPLETE = "snapshot_complete";
    public static final String POLLED_AT = "polled_at";

    private static final Set<String> STREAM_KEYS = Set.of(MASTER_ID, STREAM_ID, SEQUENCE, SNAPSHOT, SNAPSHOT_COMPLETE);
    private static final Set<String> POLL_KEYS = Set.of(POLLED_AT);

    /** Where the stream stood when a record was produced. */
    public record StreamPosition(String masterId, String streamId, long sequence, boolean snapshot,
                                 boolean snapshotComplete) {

        public Map<String, Object> toMap() {
            Map<String, Object> map = new HashMap<>();
            map.put(MASTER_ID, masterId);
            map.put(STREAM_ID, streamId);
            map.put(SEQUENCE, sequence);
            map.put(SNAPSHOT, snapshot);
            map.put(SNAPSHOT_COMPLETE, snapshotComplete);
            return map;
        }

        /** Reads a committed offset; null when there is none. Throws {@link IllegalArgumentException} if malformed. */
        public static StreamPosition fromMap(Map<String, ?> offset) {
            if (offset == null) {
                return null;
            }
            validateStreamOffset(offset);
            return new StreamPosition((String) offset.get(MASTER_ID), (String) offset.get(STREAM_ID),
                    offset.get(SEQUENCE) == null ? 0L : ((Number) offset.get(SEQUENCE)).longValue(),
                    Boolean.TRUE.equals(offset.get(SNAPSHOT)), Boolean.TRUE.equals(offset.get(SNAPSHOT_COMPLETE)));
        }
    }

    private SourceOffsets() {
    }

    public static Map<String, String> streamPartition() {
        return Map.of(SOURCE, "stream");
    }

    public static Map<String, String> pollPartition(PollGroup group) {
        return Map.of(SOURCE, "poll", GROUP, group.configValue());
    }

    public static Map<String, Object> pollOffset(long polledAtMillis) {
        return Map.of(POLLED_AT, polledAtMillis);
    }

    /**
     * Checks an offset edit ({@code alterOffsets}). A null offset (a reset) is always allowed; otherwise the partition
     * must be one the source writes and the offset must have the right keys and types.
     *
     * @throws IllegalArgumentException with a message naming what is wrong
     */
    public static void validate(Map<String, ?> partition, Map<String, ?> offset) {
        if (partition == null) {
            throw new IllegalArgumentException("The source partition must not be null");
        }
        Object source = partition.get(SOURCE);
        boolean stream = "stream".equals(source) && partition.size() == 1;
        boolean poll = "poll".equals(source) && partition.size() == 2 && isGroup(partition.get(GROUP));
        if (!stream && !poll) {
            throw new IllegalArgumentException("Unknown source partition " + partition
                    + ": expected {\"source\":\"stream\"} or {\"source\":\"poll\",\"group\":\"<one of "
                    + Arrays.stream(PollGroup.values()).map(PollGroup::configValue).toList() + ">\"}");
        }
        if (offset == null) {
            return;
        }
        if (stream) {
            validateStreamOffset(offset);
        } else {
            checkKeys(offset, POLL_KEYS);
            Object polledAt = offset.get(POLLED_AT);
            if (!(polledAt instanceof Number n) || n.longValue() < 0 || !isIntegral(n)) {
                throw new IllegalArgumentException("'" + POLLED_AT + "' must be a non-negative integer (epoch ms)");
            }
        }
    }

    private static void validateStreamOffset(Map<String, ?> offset) {
        checkKeys(offset, STREAM_KEYS);
        for (String key : Set.of(MASTER_ID, STREAM_ID)) {
            Object value = offset.get(key);
            if (value != null && !(value instanceof String)) {
                throw new IllegalArgumentException("'" + key + "' must be a string");
            }
        }
        Object sequence = offset.get(SEQUENCE);
        if (sequence != null && (!(sequence instanceof Number n) || !isIntegral(n) || n.longValue() < 0)) {
            throw new IllegalArgumentException("'" + SEQUENCE + "' must be a non-negative integer");
        }
        for (String key : Set.of(SNAPSHOT, SNAPSHOT_COMPLETE)) {
            Object value = offset.get(key);
            if (value != null && !(value instanceof Boolean)) {
                throw new IllegalArgumentException("'" + key + "' must be a boolean");
            }
        }
    }

    private static void checkKeys(Map<String, ?> offset, Set<String> allowed) {
        for (String key : offset.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("Unknown offset key '" + key + "'; allowed: " + allowed);
            }
        }
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }

    private static boolean isGroup(Object value) {
        if (!(value instanceof String s)) {
            return false;
        }
        try {
            PollGroup.fromConfig(s);
            return s.equals(s.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
