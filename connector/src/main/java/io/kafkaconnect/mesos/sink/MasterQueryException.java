package io.kafkaconnect.mesos.sink;

/** A read call the sink needed (to verify an effect) answered with an error status or an unreadable body. */
public class MasterQueryException extends RuntimeException {

    public MasterQueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
