package io.kafkaconnect.mesos.sink;

import io.kafkaconnect.mesos.client.MesosVersion;
import org.apache.mesos.v1.master.Protos.Call;

/**
 * What the sink knows about one supported operator call.
 *
 * @param type          the call type
 * @param subField      the {@code Call} field that must carry the call's arguments, e.g. {@code reserve_resources}
 * @param kind          convergent or additive (see {@link CallKind})
 * @param destructive   true for calls that remove frameworks, agents, reservations or data; excluded from the default
 *                      allowlist
 * @param minVersion    the first master version that implements the call
 * @param successStatus the status a real master answers on success (202 for the six resource and volume operations,
 *                      200 with an empty body for the others)
 */
public record CallSpec(Call.Type type, String subField, CallKind kind, boolean destructive, MesosVersion minVersion,
                       int successStatus) {
}
