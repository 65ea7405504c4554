package io.kafkaconnect.mesos.sink;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.mesos.v1.master.Protos.Call;

/** Turns a call written in Mesos's JSON into a {@link Call}. */
@FunctionalInterface
public interface CallDecoder {

    /**
     * @return the call; required fields may still be missing (the validator reports them)
     * @throws CommandRejectedException when the JSON does not map onto a Call (wrong types, unknown fields)
     */
    Call fromJson(JsonNode json) throws CommandRejectedException;
}
