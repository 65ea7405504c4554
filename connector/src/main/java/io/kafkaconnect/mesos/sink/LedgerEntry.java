package io.kafkaconnect.mesos.sink;

import java.util.Map;
import java.util.Objects;

/**
 * One ledger record, keyed by command id.
 *
 * @param commandId  the command id
 * @param state      a state the ledger may hold (see {@link CommandState#isRecordedInLedger()})
 * @param callType   the call type name, or null when the command could not be parsed
 * @param attempts   calls sent to the master so far
 * @param updatedAtMs wall-clock time of this record
 * @param source     the record the command came from
 * @param detail     the reason of a final state, or null
 * @param baseline   reserved amounts on the agent just before an untagged RESERVE/UNRESERVE was sent, used to verify
 *                   its effect after a crash (see {@link EffectVerifier}); empty otherwise
 */
public record LedgerEntry(String commandId, CommandState state, String callType, int attempts, long updatedAtMs,
                          SourcePosition source, String detail, Map<String, Double> baseline) {

    public LedgerEntry {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(state, "state");
        if (!state.isRecordedInLedger()) {
            throw new IllegalArgumentException(state + " is never recorded in the ledger");
        }
        baseline = baseline == null ? Map.of() : Map.copyOf(baseline);
    }
}
