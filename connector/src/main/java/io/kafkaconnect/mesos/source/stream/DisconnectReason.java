package io.kafkaconnect.mesos.source.stream;

import java.util.Locale;

/** Why a stream ended; counted per reason in the task metrics. */
public enum DisconnectReason {
    /** The master closed the stream (leader failover, subscriber eviction). */
    END_OF_STREAM,
    /** The heartbeat watchdog saw no bytes for too long. */
    STALLED,
    /** Connection refused, reset or lost. */
    CONNECTION,
    /** The master answered SUBSCRIBE with an error status. */
    HTTP_ERROR,
    /** A malformed RecordIO frame, an oversized record, or a SUBSCRIBED record whose content is malformed. */
    BAD_FRAME,
    /** The hand-off queue stayed full too long: resubscribe instead of letting the master buffer without limit. */
    QUEUE_FULL,
    /** Anything else. */
    OTHER;

    public String metricName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
