package io.kafkaconnect.mesos.client;

/**
 * No usable answer came back because of a network or I/O failure. {@link #inDoubt()} is true when the request may have
 * reached the master (it was at least partly sent), so a write may or may not have been applied and must be verified
 * before it is repeated.
 */
public class MesosConnectionException extends MesosException {

    private final boolean inDoubt;

    public MesosConnectionException(String message, Throwable cause, boolean inDoubt) {
        super(message, cause);
        this.inDoubt = inDoubt;
    }

    /** True if the request may have been received and acted on by the master. */
    public boolean inDoubt() {
        return inDoubt;
    }
}
