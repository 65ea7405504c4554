package io.kafkaconnect.mesos.client;

import java.time.Duration;

/** The liveness watchdog saw no bytes on the event stream for its whole window and cancelled the stream. */
public class StreamStalledException extends MesosException {

    private final Duration window;

    public StreamStalledException(String message, Duration window) {
        super(message);
        this.window = window;
    }

    /** The silence that tripped the watchdog. */
    public Duration window() {
        return window;
    }
}
