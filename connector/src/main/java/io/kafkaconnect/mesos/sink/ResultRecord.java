package io.kafkaconnect.mesos.sink;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The outcome of one command, published on the result topic keyed by command id. Its JSON form is a response
 * envelope: {@code success}, {@code error} (null on success) and {@code data} (the call as sent).
 *
 * @param call the call as sent (or as it would have been sent, for a dry run), in Mesos JSON; may be null
 */
public record ResultRecord(String commandId, String callType, CommandState state, Integer httpStatus,
                           String reason, String error, int attempts, long latencyMs, boolean effectVerified,
                           boolean dryRun, String requestedBy, SourcePosition source, long timestampMs,
                           JsonNode call) {

    public boolean success() {
        return state.isSuccess() || state == CommandState.DRY_RUN;
    }
}
