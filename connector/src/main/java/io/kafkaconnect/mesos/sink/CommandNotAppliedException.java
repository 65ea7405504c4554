package io.kafkaconnect.mesos.sink;

/**
 * The error handed to Connect's dead-letter queue for a command that ended REJECTED, EXPIRED or FAILED. With
 * {@code errors.deadletterqueue.context.headers.enable=true} its class and message appear in the
 * {@code __connect.errors.exception.*} headers; the sink adds its own {@code mesos.sink.*} headers as well.
 */
public class CommandNotAppliedException extends Exception {

    public CommandNotAppliedException(String message) {
        super(message);
    }
}
