package io.kafkaconnect.mesos.sink;

import org.apache.kafka.common.config.ConfigDef;

/** Adds the Mesos connection keys shared with the source connector. */
final class SinkConnectionKeys {

    private SinkConnectionKeys() {
    }

    static void define(ConfigDef def) {
    }
}
