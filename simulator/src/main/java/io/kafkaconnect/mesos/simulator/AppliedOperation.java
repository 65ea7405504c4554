package io.kafkaconnect.mesos.simulator;

import java.time.Instant;
import java.util.List;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Resource;

/**
 * One write call the master applied.
 *
 * @param callType   the Call.Type name, e.g. "RESERVE_RESOURCES"
 * @param agentId    the agent it applied to, or null
 * @param role       the role it concerned (reservation, quota, weight), or null
 * @param target     another target: framework id, machine list, quota roles..., or null
 * @param requestJson the request as Mesos-style JSON (protobuf requests are converted)
 * @param time       when it was applied
 * @param resources  for the six resource/volume operations: the resources the operation produced
 *                   (reserved resources, volumes, ...), post-refinement format; otherwise empty
 */
public record AppliedOperation(String callType, String agentId, String role, String target, String requestJson,
                               Instant time, List<Resource> resources) {

  public AppliedOperation {
    resources = List.copyOf(resources);
  }

  /** Whether any produced resource's reservation carries the label {@code key=value}. */
  public boolean hasReservationLabel(String key, String value) {
    for (Resource r : resources) {
      for (Resource.ReservationInfo reservation : r.getReservationsList()) {
        for (Label label : reservation.getLabels().getLabelsList()) {
          if (label.getKey().equals(key) && label.getValue().equals(value)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
