package io.kafkaconnect.mesos.sink;

import java.util.Optional;

/**
 * The durable record of each command's state, shared by every worker of the connector. {@link #record} returns only
 * once the record is durable, so a state the sink acts on is never lost; {@link #send} lets the caller wait later.
 */
public interface Ledger extends AutoCloseable {

    /**
     * The latest durable entry for a command id. A write of this instance for the id that is still on its way is
     * waited for (at most the ledger's timeout), so a state this task sent is seen once it is durable.
     */
    Optional<LedgerEntry> get(String commandId);

    /**
     * Durably records {@code entry}.
     *
     * @throws IllegalStateException if the transition from the current state is not allowed
     *                               (see {@link CommandState#canTransition})
     * @throws LedgerException       if the write could not be made durable
     */
    default void record(LedgerEntry entry) {
        send(entry).awaitDurable();
    }

    /**
     * Sends {@code entry} and returns without waiting for it to be durable; {@link #get} shows it once it is.
     *
     * @throws IllegalStateException if the transition from the current state is not allowed
     * @throws LedgerException       if the write could not even be sent
     */
    LedgerWrite send(LedgerEntry entry);

    /** Catches up with records written by other workers; called when partitions are assigned. */
    void refresh();

    /** Records written but not yet read back by this instance (0 when caught up). */
    long lag();

    @Override
    void close();
}
