package io.kafkaconnect.mesos.sink;

/**
 * A command that cannot or must not be sent. Reported through the DLQ (its message becomes the DLQ's exception
 * header) and on the result topic; it never stops the task.
 */
public class CommandRejectedException extends Exception {

    private final RejectReason reason;

    public CommandRejectedException(RejectReason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }

    /** The message without the reason prefix. */
    public String detail() {
        String m = getMessage();
        return m.substring(reason.name().length() + 2);
    }
}
