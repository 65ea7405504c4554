package io.kafkaconnect.mesos.client;

/** Base of every error the Mesos operator API client throws. Unchecked, so callers classify by subtype. */
public class MesosException extends RuntimeException {

    public MesosException(String message) {
        super(message);
    }

    public MesosException(String message, Throwable cause) {
        super(message, cause);
    }
}
