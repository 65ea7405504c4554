package io.kafkaconnect.mesos.client.snapshot;

import io.kafkaconnect.mesos.client.MesosException;

/** A SUBSCRIBED record whose content is not a well-formed event (its RecordIO framing was fine). */
public class SnapshotFormatException extends MesosException {

    public SnapshotFormatException(String message) {
        super(message);
    }

    public SnapshotFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
