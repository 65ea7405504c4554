package io.kafkaconnect.mesos.sink;

/** Why a command was refused before (or instead of) reaching the master. Sent in the DLQ and result records. */
public enum RejectReason {
    /** The record is not a command: not JSON/protobuf/Struct, no call, wrong envelope types. */
    MALFORMED(CommandState.REJECTED),
    /** The call type is not one the sink issues (reads, SUBSCRIBE, unknown names). */
    UNSUPPORTED_TYPE(CommandState.REJECTED),
    /** The call type is supported but not in {@code command.allowed.types}. */
    NOT_ALLOWED(CommandState.REJECTED),
    /** Required fields missing, wrong types, unknown fields, or the sub-message for the type is absent. */
    INVALID(CommandState.REJECTED),
    /** The master's version is older than the call needs. */
    VERSION_TOO_OLD(CommandState.REJECTED),
    /** The master refused the call permanently (400, 403, 404, or a 409 whose effect is absent). */
    MASTER_REJECTED(CommandState.REJECTED),
    /** {@code expires_at_ms} has passed. */
    EXPIRED(CommandState.EXPIRED);

    private final CommandState state;

    RejectReason(CommandState state) {
        this.state = state;
    }

    /** The final state a command refused for this reason ends in. */
    public CommandState state() {
        return state;
    }
}
