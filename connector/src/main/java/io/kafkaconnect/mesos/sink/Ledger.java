package io.kafkaconnect.mesos.sink;

import java.util.Optional;

/**
 * The durable record of each command's state, shared by every worker of the connector. Writes return only once the
 * record is durable, so a state the sink acted on is never lost.
 */
public interface Ledger extends AutoCloseable {

    /** The latest known entry for a command id. */
    Optional<LedgerEntry> get(String commandId);

    /**
     * Durably records {@code entry}.
     *
     * @throws IllegalStateException if the transition from the current state is not allowed
     *                               (see {@link CommandState#canTransition})
     * @throws LedgerException       if the write could not be made durable
     */
    void record(LedgerEntry entry);

    /** Catches up with records written by other workers; called when partitions are assigned. */
    void refresh();

    /** Records written but not yet read back by this instance (0 when caught up). */
    long lag();

    @Override
    void close();
}
