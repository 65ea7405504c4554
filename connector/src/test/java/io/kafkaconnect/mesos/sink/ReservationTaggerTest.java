package io.kafkaconnect.mesos.sink;

import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.master.Protos.Call;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReservationTaggerTest {

    private final ReservationTagger tagger = new ReservationTagger("cmd");

    @Test
    void tagsTheLastReservationOfEveryResource() {
        Resource refined = TestCalls.reserved("mem", 128, "dev").toBuilder()
                .addReservations(Resource.ReservationInfo.newBuilder().setType(Resource.ReservationInfo.Type.DYNAMIC)
                        .setRole("dev/team").setLabels(Labels.newBuilder()
                                .addLabels(Label.newBuilder().setKey("owner").setValue("me"))
                                .addLabels(Label.newBuilder().setKey("cmd").setValue("stale"))))
                .build();
        Call call = TestCalls.reserve("dev", 1);
        call = call.toBuilder().setReserveResources(call.getReserveResources().toBuilder().addResources(refined))
                .build();
        Call tagged = tagger.tag(call, "c-42");
        Resource first = tagged.getReserveResources().getResources(0);
        Resource second = tagged.getReserveResources().getResources(1);
        assertThat(tagger.isTagged(first, "c-42")).isTrue();
        assertThat(tagger.isTagged(second, "c-42")).isTrue();
        // outer reservation untouched; other labels kept; a stale value replaced, not duplicated
        assertThat(second.getReservations(0).hasLabels()).isFalse();
        assertThat(second.getReservations(1).getLabels().getLabelsList()).extracting(Label::getKey)
                .containsExactly("owner", "cmd");
    }

    @Test
    void otherCallsAreUnchanged() {
        Call unreserve = TestCalls.all().get(Call.Type.UNRESERVE_RESOURCES);
        assertThat(tagger.tag(unreserve, "c1")).isEqualTo(unreserve);
    }

    @Test
    void signatureSeparatesLabelsAndRoles() {
        Resource a = TestCalls.reserved("cpus", 1, "dev");
        Resource b = TestCalls.reserved("cpus", 1, "prod");
        Resource c = tagger.tag(TestCalls.reserve("dev", 1), "c1").getReserveResources().getResources(0);
        assertThat(Reservations.signature(a)).isNotEqualTo(Reservations.signature(b))
                .isNotEqualTo(Reservations.signature(c));
        assertThat(Reservations.signature(a)).isEqualTo(Reservations.signature(TestCalls.reserved("cpus", 5, "dev")));
    }
}
