package io.kafkaconnect.mesos.sink;

import java.util.Comparator;
import java.util.stream.Collectors;

import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/** Helpers to compare reserved resources on an agent with the resources named in a call. */
final class Reservations {

    /** Scalars are rounded to 3 decimals by the master. */
    static final double EPSILON = 0.0005;

    private Reservations() {
    }

    /** The innermost reservation, in either the refined ({@code reservations}) or the pre-1.4 form, or null. */
    static Resource.ReservationInfo last(Resource r) {
        if (r.getReservationsCount() > 0) {
            return r.getReservations(r.getReservationsCount() - 1);
        }
        if (r.hasReservation()) {
            return r.getReservation().toBuilder().setRole(r.getRole()).build();
        }
        return null;
    }

    /**
     * Identifies "the same kind of reserved resource": name, innermost role and innermost labels. Amounts of resources
     * with equal signatures are comparable before and after a call.
     */
    static String signature(Resource r) {
        Resource.ReservationInfo last = last(r);
        String role = last == null ? r.getRole() : last.getRole();
        String labels = last == null ? "" : last.getLabels().getLabelsList().stream()
                .sorted(Comparator.comparing(l -> l.getKey()))
                .map(l -> l.getKey() + "=" + l.getValue()).collect(Collectors.joining(","));
        return r.getName() + "|" + role + "|" + labels;
    }

    /** Scalar value, number of ports in ranges, or number of set items. */
    static double amount(Resource r) {
        if (r.getType() == Value.Type.RANGES) {
            return r.getRanges().getRangeList().stream().mapToDouble(x -> x.getEnd() - x.getBegin() + 1).sum();
        }
        if (r.getType() == Value.Type.SET) {
            return r.getSet().getItemCount();
        }
        return r.getScalar().getValue();
    }
}
