package io.kafkaconnect.mesos.sink;

/** A result or dead-letter record could not be written; the command stays unfinished and is consumed again. */
public class ResultPublishException extends RuntimeException {

    public ResultPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
