package io.kafkaconnect.mesos.sink;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A ledger held in memory, enforcing the state machine. {@link KafkaLedger} keeps its read-back view in one of these;
 * on its own it serves unit tests and dry runs.
 */
public class InMemoryLedger implements Ledger {

    private final Map<String, LedgerEntry> entries = new ConcurrentHashMap<>();

    @Override
    public Optional<LedgerEntry> get(String commandId) {
        return Optional.ofNullable(entries.get(commandId));
    }

    @Override
    public void record(LedgerEntry entry) {
        entries.compute(entry.commandId(), (id, current) -> {
            CommandState from = current == null ? null : current.state();
            if (!CommandState.canTransition(from, entry.state())) {
                throw new IllegalStateException("command " + id + ": " + from + " -> " + entry.state()
                        + " is not allowed");
            }
            return entry;
        });
    }

    /** Records at once: memory is as durable as this ledger gets. */
    @Override
    public LedgerWrite send(LedgerEntry entry) {
        record(entry);
        return LedgerWrite.DONE;
    }

    /** Applies an entry read back from the durable log; the log is the authority, so no transition check. */
    void apply(LedgerEntry entry) {
        entries.put(entry.commandId(), entry);
    }

    /** Forgets a command id (a tombstone in the log). */
    void remove(String commandId) {
        entries.remove(commandId);
    }

    int size() {
        return entries.size();
    }

    @Override
    public void refresh() {
    }

    @Override
    public long lag() {
        return 0;
    }

    @Override
    public void close() {
    }
}
