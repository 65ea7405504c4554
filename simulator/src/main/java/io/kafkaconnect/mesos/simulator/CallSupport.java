package io.kafkaconnect.mesos.simulator;

import java.util.EnumSet;
import java.util.Set;
import org.apache.mesos.v1.master.Protos.Call;

/** Whether the configured Mesos version knows a call type, and which calls are writes. */
enum CallSupport {
  /** The version's enum has no such value: the master sees an unset {@code type}. */
  ABSENT,
  /** Known but answered 501 (UPDATE_QUOTA in 1.8). */
  NOT_IMPLEMENTED,
  SUPPORTED;

  private static final Set<Call.Type> WRITES = EnumSet.of(Call.Type.SET_LOGGING_LEVEL, Call.Type.UPDATE_WEIGHTS,
      Call.Type.RESERVE_RESOURCES, Call.Type.UNRESERVE_RESOURCES, Call.Type.CREATE_VOLUMES,
      Call.Type.DESTROY_VOLUMES, Call.Type.GROW_VOLUME, Call.Type.SHRINK_VOLUME,
      Call.Type.UPDATE_MAINTENANCE_SCHEDULE, Call.Type.START_MAINTENANCE, Call.Type.STOP_MAINTENANCE,
      Call.Type.DRAIN_AGENT, Call.Type.DEACTIVATE_AGENT, Call.Type.REACTIVATE_AGENT, Call.Type.UPDATE_QUOTA,
      Call.Type.SET_QUOTA, Call.Type.REMOVE_QUOTA, Call.Type.TEARDOWN, Call.Type.MARK_AGENT_GONE);

  static boolean isWrite(Call.Type type) {
    return WRITES.contains(type);
  }

  static CallSupport of(Call call, MesosVersion version) {
    if (!call.hasType()) {
      return SUPPORTED;
    }
    return switch (call.getType()) {
      case TEARDOWN, MARK_AGENT_GONE -> version.atLeast(1, 5) ? SUPPORTED : ABSENT;
      case GET_OPERATIONS, GROW_VOLUME, SHRINK_VOLUME -> version.atLeast(1, 6) ? SUPPORTED : ABSENT;
      case UPDATE_QUOTA -> version.atLeast(1, 9) ? SUPPORTED : version.atLeast(1, 8) ? NOT_IMPLEMENTED : ABSENT;
      case DRAIN_AGENT, DEACTIVATE_AGENT, REACTIVATE_AGENT -> version.atLeast(1, 9) ? SUPPORTED : ABSENT;
      default -> SUPPORTED;
    };
  }
}
