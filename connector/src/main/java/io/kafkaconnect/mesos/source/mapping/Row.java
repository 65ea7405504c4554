package io.kafkaconnect.mesos.source.mapping;

import org.apache.kafka.connect.data.Struct;

/**
 * Fills a {@link Struct} and leaves out null values: every field of the source schemas is optional and a new struct's
 * fields are null already, so skipping them saves Connect's per-put field lookup and validation on the hot paths (about
 * half of a task row's fields are null).
 */
final class Row {

    private final Struct struct;

    Row(Struct struct) {
        this.struct = struct;
    }

    Row put(String field, Object value) {
        if (value != null) {
            struct.put(field, value);
        }
        return this;
    }

    Struct struct() {
        return struct;
    }
}
