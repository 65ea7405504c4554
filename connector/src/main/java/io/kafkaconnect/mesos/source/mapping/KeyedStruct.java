package io.kafkaconnect.mesos.source.mapping;

import org.apache.kafka.connect.data.Struct;

/** A record value together with its (string) record key. */
public record KeyedStruct(String key, Struct value) {
}
