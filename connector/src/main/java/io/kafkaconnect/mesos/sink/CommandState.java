package io.kafkaconnect.mesos.sink;

/**
 * The state of a command. The ledger holds {@link #PENDING} and the final states from APPLIED to EXPIRED;
 * {@link #DUPLICATE} and {@link #DRY_RUN} are outcomes reported on the result topic only, so that neither a replay nor
 * a dry run ever overwrites what the ledger knows about a command id.
 */
public enum CommandState {
    /** Written to the ledger before the call is sent; a command still PENDING after a crash is in doubt. */
    PENDING(false, true),
    /** The master accepted the call. */
    APPLIED(true, true),
    /** The effect was already present (found while resolving an in-doubt command, or after a 409); not sent again. */
    ALREADY_APPLIED(true, true),
    /** Refused: by the sink's validation (allowlist, fields, version gate, malformed) or permanently by the master. */
    REJECTED(true, true),
    /** Retries were exhausted, or the outcome could not be established safely. */
    FAILED(true, true),
    /** {@code expires_at_ms} passed before the command could be sent. */
    EXPIRED(true, true),
    /** The command id already had a final state: the command was not sent again. Result topic only. */
    DUPLICATE(true, false),
    /** Validated only, never sent, because of dry-run. Result topic only. */
    DRY_RUN(true, false);

    private final boolean terminal;
    private final boolean recordedInLedger;

    CommandState(boolean terminal, boolean recordedInLedger) {
        this.terminal = terminal;
        this.recordedInLedger = recordedInLedger;
    }

    /** True for every state except PENDING. */
    public boolean isFinal() {
        return terminal;
    }

    /** Whether the ledger may hold this state. */
    public boolean isRecordedInLedger() {
        return recordedInLedger;
    }

    /** True when the command had (or already had) its effect. */
    public boolean isSuccess() {
        return this == APPLIED || this == ALREADY_APPLIED;
    }

    /**
     * The ledger's state machine: a command id starts absent ({@code from == null}) and may go to PENDING or straight
     * to a final state (commands refused before any call); PENDING may go to a final state (or be written again when a
     * retry resumes it); a final state never changes.
     */
    public static boolean canTransition(CommandState from, CommandState to) {
        if (to == null || !to.recordedInLedger) {
            return false;
        }
        return from == null || from == PENDING;
    }
}
