package io.kafkaconnect.mesos.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.mesos.v1.master.Protos.Call;
import org.junit.jupiter.api.Test;

class MesosVersionTest {

    @Test
    void parsesReleaseAndSuffixedVersions() {
        assertThat(MesosVersion.parse("1.11.0")).isEqualTo(new MesosVersion(1, 11, 0, "1.11.0"));
        MesosVersion rc = MesosVersion.parse("1.9.1-rc2");
        assertThat(rc.compareTo(MesosVersion.of(1, 9, 1))).isZero();
        assertThat(rc.toString()).isEqualTo("1.9.1-rc2");
        assertThat(MesosVersion.parse("2")).isEqualTo(new MesosVersion(2, 0, 0, "2"));
        assertThatThrownBy(() -> MesosVersion.parse("v1.2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ordersNumericallyNotLexically() {
        assertThat(MesosVersion.parse("1.11.0")).isGreaterThan(MesosVersion.parse("1.9.3"));
        assertThat(MesosVersion.parse("1.10.0").atLeast(1, 9)).isTrue();
        assertThat(MesosVersion.parse("1.8.9").atLeast(1, 9)).isFalse();
    }

    @Test
    void featuresFollowTheReleaseThatIntroducedThem() {
        MesosVersion v14 = MesosVersion.parse("1.4.0");
        assertThat(MesosFeature.FRAMEWORK_EVENTS.supportedBy(v14)).isTrue();
        assertThat(MesosFeature.HEARTBEATS.supportedBy(v14)).isFalse();
        MesosVersion v18 = MesosVersion.parse("1.8.0");
        assertThat(MesosFeature.UPDATE_QUOTA.supportedBy(v18)).isFalse();
        assertThat(MesosFeature.UPDATE_QUOTA.supportedBy(MesosVersion.parse("1.9.0"))).isTrue();
        assertThat(MesosFeature.RESERVE_SOURCE.supportedBy(MesosVersion.parse("1.11.0"))).isTrue();
    }

    @Test
    void mapsNewerCallsToTheirFeature() {
        assertThat(MesosFeature.requiredBy(Call.Type.DRAIN_AGENT)).contains(MesosFeature.AGENT_DRAIN);
        assertThat(MesosFeature.requiredBy(Call.Type.REACTIVATE_AGENT)).contains(MesosFeature.AGENT_DEACTIVATE);
        assertThat(MesosFeature.requiredBy(Call.Type.UPDATE_QUOTA)).contains(MesosFeature.UPDATE_QUOTA);
        assertThat(MesosFeature.requiredBy(Call.Type.GROW_VOLUME)).contains(MesosFeature.GROW_SHRINK_VOLUME);
        assertThat(MesosFeature.requiredBy(Call.Type.RESERVE_RESOURCES)).isEmpty();
    }
}
