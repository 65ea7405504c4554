package io.kafkaconnect.mesos.sink;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.kafkaconnect.mesos.client.MesosVersion;
import org.apache.mesos.v1.master.Protos.Call;

import static io.kafkaconnect.mesos.sink.RejectReason.EXPIRED;
import static io.kafkaconnect.mesos.sink.RejectReason.INVALID;
import static io.kafkaconnect.mesos.sink.RejectReason.NOT_ALLOWED;
import static io.kafkaconnect.mesos.sink.RejectReason.UNSUPPORTED_TYPE;
import static io.kafkaconnect.mesos.sink.RejectReason.VERSION_TOO_OLD;

/**
 * Checks a command before anything is sent: a supported, allowed type; exactly the sub-message for that type; every
 * required field; no fields unknown to Mesos 1.11; call-specific rules the master would otherwise reject; the version
 * gate; and expiry.
 */
public final class CommandValidator {

    private static final MesosVersion RESERVE_SOURCE_SINCE = MesosVersion.of(1, 10, 0);

    private final Set<Call.Type> allowed;

    public CommandValidator(Set<Call.Type> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    /**
     * @param masterVersion the leader's version, or null when unknown (the gate is then left to the master)
     * @param nowMs         the current time, for expiry
     * @return the catalog entry of the command's type
     */
    public CallSpec validate(Command command, MesosVersion masterVersion, long nowMs)
            throws CommandRejectedException {
        CallSpec spec = checkType(command.call());
        checkShape(command.call(), spec);
        checkVersion(command.call(), spec, masterVersion);
        if (command.isExpiredAt(nowMs)) {
            throw new CommandRejectedException(EXPIRED, "expired at " + java.time.Instant.ofEpochMilli(
                    command.expiresAtMs()));
        }
        return spec;
    }

    private CallSpec checkType(Call call) throws CommandRejectedException {
        if (!call.hasType() || call.getType() == Call.Type.UNKNOWN) {
            throw new CommandRejectedException(UNSUPPORTED_TYPE, "missing or unknown call 'type'");
        }
        CallSpec spec = CallCatalog.lookup(call.getType()).orElseThrow(() -> new CommandRejectedException(
                UNSUPPORTED_TYPE, call.getType() + " is not a call the sink issues; supported: "
                + CallCatalog.supported()));
        if (!allowed.contains(call.getType())) {
            throw new CommandRejectedException(NOT_ALLOWED, call.getType() + " is not in command.allowed.types");
        }
        return spec;
    }

    private static void checkShape(Call call, CallSpec spec) throws CommandRejectedException {
        FieldDescriptor expected = Call.getDescriptor().findFieldByName(spec.subField());
        for (Map.Entry<FieldDescriptor, Object> field : call.getAllFields().entrySet()) {
            FieldDescriptor fd = field.getKey();
            if (fd.getNumber() != Call.TYPE_FIELD_NUMBER && !fd.equals(expected)) {
                throw new CommandRejectedException(INVALID, "'" + fd.getName() + "' does not belong to a "
                        + spec.type() + " call");
            }
        }
        if (!call.hasField(expected)) {
            throw new CommandRejectedException(INVALID, "Expecting '" + spec.subField() + "' to be present");
        }
        String unknown = unknownFields(call, "");
        if (unknown != null) {
            throw new CommandRejectedException(INVALID, "fields unknown to Mesos 1.11 (binary field numbers): "
                    + unknown);
        }
        if (!call.isInitialized()) {
            throw new CommandRejectedException(INVALID, "Missing required fields: "
                    + String.join(", ", call.findInitializationErrors()));
        }
        checkArguments(call);
    }

    /** Rules the master enforces that are cheap to check here, so the command never costs a round trip. */
    private static void checkArguments(Call call) throws CommandRejectedException {
        switch (call.getType()) {
            case RESERVE_RESOURCES -> nonEmpty(call.getReserveResources().getResourcesCount(),
                    "reserve_resources.resources");
            case UNRESERVE_RESOURCES -> nonEmpty(call.getUnreserveResources().getResourcesCount(),
                    "unreserve_resources.resources");
            case CREATE_VOLUMES -> nonEmpty(call.getCreateVolumes().getVolumesCount(), "create_volumes.volumes");
            case DESTROY_VOLUMES -> nonEmpty(call.getDestroyVolumes().getVolumesCount(), "destroy_volumes.volumes");
            case GROW_VOLUME -> {
                if (!call.getGrowVolume().hasAgentId()) {
                    throw new CommandRejectedException(INVALID, "Expecting 'grow_volume.agent_id' to be present; "
                            + "only agent default resources are supported");
                }
            }
            case SHRINK_VOLUME -> {
                if (!call.getShrinkVolume().hasAgentId()) {
                    throw new CommandRejectedException(INVALID, "Expecting 'shrink_volume.agent_id' to be present; "
                            + "only agent default resources are supported");
                }
            }
            case START_MAINTENANCE -> nonEmpty(call.getStartMaintenance().getMachinesCount(),
                    "start_maintenance.machines");
            case STOP_MAINTENANCE -> nonEmpty(call.getStopMaintenance().getMachinesCount(),
                    "stop_maintenance.machines");
            case UPDATE_WEIGHTS -> nonEmpty(call.getUpdateWeights().getWeightInfosCount(),
                    "update_weights.weight_infos");
            case DRAIN_AGENT -> {
                var grace = call.getDrainAgent().getMaxGracePeriod();
                if (grace.getSeconds() < 0 || grace.getNanos() < 0) {
                    throw new CommandRejectedException(INVALID, "'drain_agent.max_grace_period' is negative");
                }
            }
            default -> {
            }
        }
    }

    private static void nonEmpty(int count, String field) throws CommandRejectedException {
        if (count == 0) {
            throw new CommandRejectedException(INVALID, "'" + field + "' is empty");
        }
    }

    private static void checkVersion(Call call, CallSpec spec, MesosVersion master) throws CommandRejectedException {
        if (master == null) {
            return;
        }
        if (master.compareTo(spec.minVersion()) < 0) {
            throw new CommandRejectedException(VERSION_TOO_OLD, spec.type() + " needs a Mesos " + spec.minVersion()
                    + "+ master; the leader runs " + master);
        }
        if (call.getType() == Call.Type.RESERVE_RESOURCES && call.getReserveResources().getSourceCount() > 0
                && master.compareTo(RESERVE_SOURCE_SINCE) < 0) {
            throw new CommandRejectedException(VERSION_TOO_OLD, "reserve_resources.source needs a Mesos "
                    + RESERVE_SOURCE_SINCE + "+ master; the leader runs " + master);
        }
    }

    /** The path of the first field Mesos 1.11 does not know (kept as unknown fields by protobuf), or null. */
    private static String unknownFields(Message message, String path) {
        if (!message.getUnknownFields().asMap().isEmpty()) {
            return (path.isEmpty() ? "" : path + ".") + "#" + message.getUnknownFields().asMap().keySet();
        }
        for (Map.Entry<FieldDescriptor, Object> e : message.getAllFields().entrySet()) {
            if (e.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            String childPath = path.isEmpty() ? e.getKey().getName() : path + "." + e.getKey().getName();
            List<?> values = e.getKey().isRepeated() ? (List<?>) e.getValue() : List.of(e.getValue());
            for (Object value : values) {
                String found = unknownFields((Message) value, childPath);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
