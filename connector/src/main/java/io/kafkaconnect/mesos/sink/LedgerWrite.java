package io.kafkaconnect.mesos.sink;

/**
 * A ledger record on its way to being durable. Lets a partition send the final state of one command and go on
 * preparing the next while the acknowledgement travels; see {@link CommandProcessor} for where it must be awaited.
 */
@FunctionalInterface
public interface LedgerWrite {

    /** A write that is already durable, or no write at all. */
    LedgerWrite DONE = () -> { };

    /**
     * Returns once the record is durable; returns at once when it already is.
     *
     * @throws LedgerException if it could not be made durable (then every later call throws it again)
     */
    void awaitDurable();
}
