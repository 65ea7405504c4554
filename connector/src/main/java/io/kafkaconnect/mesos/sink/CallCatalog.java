package io.kafkaconnect.mesos.sink;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.kafkaconnect.mesos.client.MesosVersion;
import org.apache.mesos.v1.master.Protos.Call;

import static io.kafkaconnect.mesos.sink.CallKind.ADDITIVE;
import static io.kafkaconnect.mesos.sink.CallKind.CONVERGENT;

/**
 * The operator calls the sink accepts, each classified once, in code (facts file §3). A call type missing here is
 * rejected as unsupported, whatever the allowlist says.
 */
public final class CallCatalog {

    private static final int ACCEPTED = 202;
    private static final int OK = 200;

    private static final Map<Call.Type, CallSpec> SPECS = build();

    private CallCatalog() {
    }

    private static Map<Call.Type, CallSpec> build() {
        Map<Call.Type, CallSpec> m = new EnumMap<>(Call.Type.class);
        MesosVersion v10 = MesosVersion.of(1, 0, 0);
        MesosVersion v15 = MesosVersion.of(1, 5, 0);
        MesosVersion v16 = MesosVersion.of(1, 6, 0);
        MesosVersion v19 = MesosVersion.of(1, 9, 0);
        put(m, Call.Type.RESERVE_RESOURCES, "reserve_resources", ADDITIVE, false, v10, ACCEPTED);
        put(m, Call.Type.UNRESERVE_RESOURCES, "unreserve_resources", ADDITIVE, true, v10, ACCEPTED);
        put(m, Call.Type.CREATE_VOLUMES, "create_volumes", ADDITIVE, false, v10, ACCEPTED);
        put(m, Call.Type.DESTROY_VOLUMES, "destroy_volumes", ADDITIVE, true, v10, ACCEPTED);
        put(m, Call.Type.GROW_VOLUME, "grow_volume", ADDITIVE, false, v16, ACCEPTED);
        put(m, Call.Type.SHRINK_VOLUME, "shrink_volume", ADDITIVE, false, v16, ACCEPTED);
        // UPDATE_QUOTA exists in 1.8's enum but answers 501 there; it works from 1.9.
        put(m, Call.Type.UPDATE_QUOTA, "update_quota", CONVERGENT, false, v19, OK);
        put(m, Call.Type.SET_QUOTA, "set_quota", CONVERGENT, false, v10, OK);
        put(m, Call.Type.REMOVE_QUOTA, "remove_quota", CONVERGENT, false, v10, OK);
        put(m, Call.Type.UPDATE_WEIGHTS, "update_weights", CONVERGENT, false, v10, OK);
        put(m, Call.Type.UPDATE_MAINTENANCE_SCHEDULE, "update_maintenance_schedule", CONVERGENT, false, v10, OK);
        put(m, Call.Type.START_MAINTENANCE, "start_maintenance", CONVERGENT, false, v10, OK);
        put(m, Call.Type.STOP_MAINTENANCE, "stop_maintenance", CONVERGENT, false, v10, OK);
        put(m, Call.Type.DRAIN_AGENT, "drain_agent", CONVERGENT, false, v19, OK);
        put(m, Call.Type.DEACTIVATE_AGENT, "deactivate_agent", CONVERGENT, false, v19, OK);
        put(m, Call.Type.REACTIVATE_AGENT, "reactivate_agent", CONVERGENT, false, v19, OK);
        put(m, Call.Type.MARK_AGENT_GONE, "mark_agent_gone", CONVERGENT, true, v15, OK);
        put(m, Call.Type.TEARDOWN, "teardown", CONVERGENT, true, v15, OK);
        put(m, Call.Type.SET_LOGGING_LEVEL, "set_logging_level", CONVERGENT, false, v10, OK);
        return Collections.unmodifiableMap(m);
    }

    private static void put(Map<Call.Type, CallSpec> m, Call.Type type, String subField, CallKind kind,
                            boolean destructive, MesosVersion since, int status) {
        m.put(type, new CallSpec(type, subField, kind, destructive, since, status));
    }

    /** The spec of a supported call type, or empty for a type the sink does not issue (reads, SUBSCRIBE, UNKNOWN). */
    public static Optional<CallSpec> lookup(Call.Type type) {
        return Optional.ofNullable(SPECS.get(type));
    }

    /** Every supported call type. */
    public static Set<Call.Type> supported() {
        return Collections.unmodifiableSet(SPECS.keySet());
    }

    /** The supported types that are not destructive: the default allowlist. */
    public static Set<Call.Type> nonDestructive() {
        return SPECS.values().stream().filter(s -> !s.destructive()).map(CallSpec::type)
                .collect(Collectors.toUnmodifiableSet());
    }
}
