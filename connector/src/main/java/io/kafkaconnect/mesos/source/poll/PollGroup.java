package io.kafkaconnect.mesos.source.poll;

import java.util.Locale;

/**
 * Polled calls that feed the same topic belong to one group, and a group runs on one task, so a topic is only ever
 * written by one task. {@link #STATE} feeds the streamed entity topics and always runs on the task that holds the
 * stream: its results are reconciled in order with the stream's events.
 */
public enum PollGroup {
    STATE, METRICS, ROLES, QUOTA, MAINTENANCE, MASTER, OPERATIONS;

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PollGroup fromConfig(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
