package io.kafkaconnect.mesos.sink;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerStateMachineTest {

    private static final SourcePosition POS = new SourcePosition("commands", 0, 7);

    private static LedgerEntry entry(String id, CommandState state) {
        return new LedgerEntry(id, state, "DRAIN_AGENT", 1, 0, POS, null, null);
    }

    @Test
    void pendingThenFinal() {
        InMemoryLedger ledger = new InMemoryLedger();
        ledger.record(entry("c1", CommandState.PENDING));
        ledger.record(entry("c1", CommandState.PENDING));
        ledger.record(entry("c1", CommandState.APPLIED));
        assertThat(ledger.get("c1")).get().extracting(LedgerEntry::state).isEqualTo(CommandState.APPLIED);
    }

    @ParameterizedTest
    @EnumSource(value = CommandState.class, names = {"APPLIED", "ALREADY_APPLIED", "REJECTED", "FAILED", "EXPIRED"})
    void aFinalStateNeverChanges(CommandState finalState) {
        InMemoryLedger ledger = new InMemoryLedger();
        ledger.record(entry("c1", finalState));
        for (CommandState next : new CommandState[] {CommandState.PENDING, CommandState.APPLIED,
                CommandState.FAILED}) {
            assertThatThrownBy(() -> ledger.record(entry("c1", next))).isInstanceOf(IllegalStateException.class);
        }
        assertThat(ledger.get("c1")).get().extracting(LedgerEntry::state).isEqualTo(finalState);
    }

    @ParameterizedTest
    @EnumSource(value = CommandState.class, names = {"DUPLICATE", "DRY_RUN"})
    void resultOnlyStatesNeverEnterTheLedger(CommandState state) {
        assertThatThrownBy(() -> entry("c1", state)).isInstanceOf(IllegalArgumentException.class);
        assertThat(CommandState.canTransition(null, state)).isFalse();
        assertThat(CommandState.canTransition(CommandState.PENDING, state)).isFalse();
    }

    @Test
    void onlyPendingIsNotFinal() {
        for (CommandState s : CommandState.values()) {
            assertThat(s.isFinal()).as(s.name()).isEqualTo(s != CommandState.PENDING);
        }
    }
}
