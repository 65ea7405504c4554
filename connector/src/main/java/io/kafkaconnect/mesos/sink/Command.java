package io.kafkaconnect.mesos.sink;

import java.util.Objects;

import org.apache.mesos.v1.master.Protos.Call;

/**
 * A parsed command: the call to send and its envelope.
 *
 * @param id          the idempotence key
 * @param idOrigin    where the id came from
 * @param call        the operator call, possibly with missing required fields (the validator checks)
 * @param expiresAtMs epoch milliseconds after which the command must not be sent; 0 = never
 * @param dryRun      validate and report only
 * @param requestedBy free-form requester, or null
 * @param source      the record's position
 */
public record Command(String id, IdOrigin idOrigin, Call call, long expiresAtMs, boolean dryRun, String requestedBy,
                      SourcePosition source) {

    /** Where a command id was found. */
    public enum IdOrigin { ENVELOPE, HEADER, KEY, POSITION }

    public Command {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(source, "source");
    }

    public Call.Type type() {
        return call.getType();
    }

    public boolean isExpiredAt(long nowMs) {
        return expiresAtMs > 0 && nowMs > expiresAtMs;
    }
}
