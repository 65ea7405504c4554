package io.kafkaconnect.mesos.sink;

import org.apache.mesos.v1.master.Protos.Call;

/**
 * How a command ended.
 *
 * @param state          the final state
 * @param httpStatus     the last HTTP status from the master, or null if none was received
 * @param error          the master's error text or the sink's reason, or null on success
 * @param rejectReason   the sink's reason code for REJECTED/EXPIRED, or null
 * @param attempts       calls sent to the master for this command (across workers, for an in-doubt command)
 * @param latencyMs      time from the start of processing to the final state
 * @param effectVerified whether the effect was confirmed in the master's state
 * @param call           the call as sent (with the reservation tag), or as received if never sent; may be null
 */
public record Outcome(CommandState state, Integer httpStatus, String error, RejectReason rejectReason, int attempts,
                      long latencyMs, boolean effectVerified, Call call) {
}
