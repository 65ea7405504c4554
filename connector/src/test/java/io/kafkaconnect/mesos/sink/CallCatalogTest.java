package io.kafkaconnect.mesos.sink;

import java.util.EnumSet;
import java.util.Set;

import com.google.protobuf.Descriptors.FieldDescriptor;
import io.kafkaconnect.mesos.client.MesosVersion;
import org.apache.mesos.v1.master.Protos.Call;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallCatalogTest {

    private static final Set<Call.Type> ISSUE_LIST = EnumSet.of(Call.Type.RESERVE_RESOURCES,
            Call.Type.UNRESERVE_RESOURCES, Call.Type.CREATE_VOLUMES, Call.Type.DESTROY_VOLUMES, Call.Type.GROW_VOLUME,
            Call.Type.SHRINK_VOLUME, Call.Type.UPDATE_QUOTA, Call.Type.SET_QUOTA, Call.Type.REMOVE_QUOTA,
            Call.Type.UPDATE_WEIGHTS, Call.Type.UPDATE_MAINTENANCE_SCHEDULE, Call.Type.START_MAINTENANCE,
            Call.Type.STOP_MAINTENANCE, Call.Type.DRAIN_AGENT, Call.Type.DEACTIVATE_AGENT, Call.Type.REACTIVATE_AGENT,
            Call.Type.MARK_AGENT_GONE, Call.Type.TEARDOWN, Call.Type.SET_LOGGING_LEVEL);

    private static final Set<Call.Type> ADDITIVE = EnumSet.of(Call.Type.RESERVE_RESOURCES,
            Call.Type.UNRESERVE_RESOURCES, Call.Type.CREATE_VOLUMES, Call.Type.DESTROY_VOLUMES, Call.Type.GROW_VOLUME,
            Call.Type.SHRINK_VOLUME);

    @Test
    void supportsExactlyTheCallsOfTheIssue() {
        assertThat(CallCatalog.supported()).containsExactlyInAnyOrderElementsOf(ISSUE_LIST);
    }

    @Test
    void classifiesEveryCall() {
        for (Call.Type type : ISSUE_LIST) {
            CallSpec spec = CallCatalog.lookup(type).orElseThrow();
            assertThat(spec.kind()).as(type.name())
                    .isEqualTo(ADDITIVE.contains(type) ? CallKind.ADDITIVE : CallKind.CONVERGENT);
            assertThat(spec.successStatus()).as(type.name()).isEqualTo(ADDITIVE.contains(type) ? 202 : 200);
        }
    }

    @Test
    void subFieldIsTheCallsMessageFieldOfTheSameName() {
        for (Call.Type type : ISSUE_LIST) {
            String subField = CallCatalog.lookup(type).orElseThrow().subField();
            FieldDescriptor fd = Call.getDescriptor().findFieldByName(subField);
            assertThat(fd).as(type.name()).isNotNull();
            assertThat(fd.getJavaType()).isEqualTo(FieldDescriptor.JavaType.MESSAGE);
            assertThat(subField.toUpperCase()).isEqualTo(type.name());
        }
    }

    @Test
    void defaultAllowlistExcludesTheDestructiveCalls() {
        Set<Call.Type> destructive = EnumSet.of(Call.Type.TEARDOWN, Call.Type.MARK_AGENT_GONE,
                Call.Type.DESTROY_VOLUMES, Call.Type.UNRESERVE_RESOURCES);
        assertThat(CallCatalog.nonDestructive()).doesNotContainAnyElementsOf(destructive)
                .hasSize(ISSUE_LIST.size() - destructive.size());
    }

    @Test
    void versionGatesFollowTheFactsFile() {
        assertThat(CallCatalog.lookup(Call.Type.DRAIN_AGENT).orElseThrow().minVersion())
                .isEqualTo(MesosVersion.of(1, 9, 0));
        assertThat(CallCatalog.lookup(Call.Type.UPDATE_QUOTA).orElseThrow().minVersion())
                .isEqualTo(MesosVersion.of(1, 9, 0));
        assertThat(CallCatalog.lookup(Call.Type.GROW_VOLUME).orElseThrow().minVersion())
                .isEqualTo(MesosVersion.of(1, 6, 0));
        assertThat(CallCatalog.lookup(Call.Type.TEARDOWN).orElseThrow().minVersion())
                .isEqualTo(MesosVersion.of(1, 5, 0));
        assertThat(CallCatalog.lookup(Call.Type.SET_QUOTA).orElseThrow().minVersion())
                .isEqualTo(MesosVersion.of(1, 0, 0));
    }

    @Test
    void readsAndUnknownAreNotSupported() {
        assertThat(CallCatalog.lookup(Call.Type.GET_STATE)).isEmpty();
        assertThat(CallCatalog.lookup(Call.Type.SUBSCRIBE)).isEmpty();
        assertThat(CallCatalog.lookup(Call.Type.UNKNOWN)).isEmpty();
    }
}
