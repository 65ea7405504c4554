package io.kafkaconnect.mesos.source.state;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entity record to publish.
 *
 * @param ref        the entity
 * @param op         what happened
 * @param value      the entity's latest Mesos JSON; for a DELETE the last known JSON, or null when only the key is known
 *                   (the entity was published before a restart and is gone now)
 * @param digest     {@link ContentDigest} of {@code value}, or {@link ContentDigest#DELETED}
 * @param reconciled true when synthesized by reconciliation rather than carried by a live event
 * @param snapshot   true when it comes from a snapshot (SUBSCRIBED or a polled read call)
 */
public record EntityChange(EntityRef ref, ChangeOp op, JsonNode value, long digest, boolean reconciled,
                           boolean snapshot) {

    public boolean isDelete() {
        return op == ChangeOp.DELETE;
    }
}
