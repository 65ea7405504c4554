package io.kafkaconnect.mesos.sink;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkaconnect.mesos.codec.Decoded;
import io.kafkaconnect.mesos.codec.MesosJson;
import org.apache.mesos.v1.master.Protos.Call;

import static io.kafkaconnect.mesos.sink.RejectReason.INVALID;
import static io.kafkaconnect.mesos.sink.RejectReason.UNSUPPORTED_TYPE;

/**
 * Reads a call written in Mesos's JSON with the project's codec, strictly: where the codec merely tolerates something
 * (an unknown key such as camelCase {@code agentId}, an unknown enum name, a mistyped value), a command is refused,
 * because a real master would silently drop it and do something other than what was asked.
 */
public final class MesosCallDecoder implements CallDecoder {

    @Override
    public Call fromJson(JsonNode json) throws CommandRejectedException {
        JsonNode type = json.get("type");
        if (type != null && type.isTextual() && !isCallType(type.textValue())) {
            throw new CommandRejectedException(UNSUPPORTED_TYPE, "unknown call type '" + type.textValue() + "'");
        }
        Decoded<Call> decoded = MesosJson.fromJson(json, Call.getDefaultInstance());
        if (!decoded.problems().isEmpty()) {
            throw new CommandRejectedException(INVALID, String.join("; ", decoded.problems()));
        }
        if (!decoded.ok()) {
            throw new CommandRejectedException(INVALID, decoded.failure());
        }
        return decoded.value();
    }

    private static boolean isCallType(String name) {
        try {
            Call.Type.valueOf(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
