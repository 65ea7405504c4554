package io.kafkaconnect.mesos.codec;

import java.util.Arrays;

/**
 * The position inside a message while decoding, as a stack of segments rendered only when a problem is reported
 * (so the hot path allocates no path strings). Rendering: {@code tasks[0].status.agent_id}, map keys as {@code [key]}.
 */
final class FieldPath {

    /** A map key segment. */
    record MapKey(String key) {
    }

    private Object[] segments = new Object[16];
    private int size;

    void push(Object segment) {
        if (size == segments.length) {
            segments = Arrays.copyOf(segments, size * 2);
        }
        segments[size++] = segment;
    }

    void pop() {
        segments[--size] = null;
    }

    /** The current path. */
    String render() {
        return render(null);
    }

    /** The current path with one more field name appended (used for unknown keys, which are never pushed). */
    String render(String child) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < size; i++) {
            append(out, segments[i]);
        }
        if (child != null) {
            append(out, Problems.shorten(child));
        }
        return out.length() == 0 ? "<root>" : out.toString();
    }

    private static void append(StringBuilder out, Object segment) {
        if (segment instanceof Integer index) {
            out.append('[').append(index).append(']');
        } else if (segment instanceof MapKey mapKey) {
            out.append('[').append(Problems.shorten(mapKey.key())).append(']');
        } else {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(segment);
        }
    }
}
