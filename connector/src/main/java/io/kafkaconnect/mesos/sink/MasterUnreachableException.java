package io.kafkaconnect.mesos.sink;

/**
 * No HTTP answer was received. {@link #inDoubt()} is true when the request may have reached the master (the failure
 * came after the body was sent), so the call may or may not have been applied.
 */
public class MasterUnreachableException extends RuntimeException {

    private final boolean inDoubt;

    public MasterUnreachableException(String message, Throwable cause, boolean inDoubt) {
        super(message, cause);
        this.inDoubt = inDoubt;
    }

    public boolean inDoubt() {
        return inDoubt;
    }
}
