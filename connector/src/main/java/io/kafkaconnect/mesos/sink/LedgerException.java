package io.kafkaconnect.mesos.sink;

/** The ledger could not be read or written durably. The command stays unfinished and is consumed again. */
public class LedgerException extends RuntimeException {

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
