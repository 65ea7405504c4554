package io.kafkaconnect.mesos.sink;

import java.util.Locale;

/** Where the sink looks for a command id; without one there, the record's topic-partition-offset is the id. */
public enum CommandIdSource {
    ENVELOPE, HEADER, KEY;

    public static CommandIdSource fromConfig(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
