package io.kafkaconnect.mesos.sink;

import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.master.Protos.Call;

/**
 * Adds {@code <labelKey>=<command id>} to the last (innermost) reservation of each resource a RESERVE_RESOURCES call
 * reserves, so the reservation can later be found by command id. This changes the reservation's identity: a later
 * UNRESERVE must name the same labels. Other calls are returned unchanged.
 */
public final class ReservationTagger {

    private final String labelKey;

    public ReservationTagger(String labelKey) {
        this.labelKey = labelKey;
    }

    public Call tag(Call call, String commandId) {
        if (call.getType() != Call.Type.RESERVE_RESOURCES) {
            return call;
        }
        Call.ReserveResources.Builder reserve = call.getReserveResources().toBuilder();
        for (int i = 0; i < reserve.getResourcesCount(); i++) {
            reserve.setResources(i, tag(reserve.getResources(i), commandId));
        }
        return call.toBuilder().setReserveResources(reserve).build();
    }

    private Resource tag(Resource resource, String commandId) {
        Resource.Builder builder = resource.toBuilder();
        int last = builder.getReservationsCount() - 1;
        if (last >= 0) {
            builder.setReservations(last, withLabel(builder.getReservations(last), commandId));
        } else if (builder.hasReservation()) {
            // Pre-1.4 form (role + reservation): the master upgrades it; its reservation is the last one.
            builder.setReservation(withLabel(builder.getReservation(), commandId));
        }
        return builder.build();
    }

    private Resource.ReservationInfo withLabel(Resource.ReservationInfo info, String commandId) {
        Labels.Builder labels = Labels.newBuilder();
        for (Label label : info.getLabels().getLabelsList()) {
            if (!label.getKey().equals(labelKey)) {
                labels.addLabels(label);
            }
        }
        labels.addLabels(Label.newBuilder().setKey(labelKey).setValue(commandId));
        return info.toBuilder().setLabels(labels).build();
    }

    /** Whether {@code resource}'s last reservation carries this tagger's label with value {@code commandId}. */
    public boolean isTagged(Resource resource, String commandId) {
        Resource.ReservationInfo last = Reservations.last(resource);
        return last != null && last.getLabels().getLabelsList().stream()
                .anyMatch(l -> l.getKey().equals(labelKey) && l.getValue().equals(commandId));
    }
}
