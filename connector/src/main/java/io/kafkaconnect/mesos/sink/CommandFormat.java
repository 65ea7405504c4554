package io.kafkaconnect.mesos.sink;

import java.util.Locale;

/**
 * How a record value given as bytes is read. Strings are always JSON and Structs/Maps are always read by field name;
 * for bytes, {@link #AUTO} reads JSON when the value starts with '{' and protobuf otherwise.
 */
public enum CommandFormat {
    AUTO, JSON, PROTOBUF;

    public static CommandFormat fromConfig(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
