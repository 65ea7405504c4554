package io.kafkaconnect.mesos.sink;

import java.util.Map;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.kafkaconnect.mesos.client.MesosVersion;
import org.apache.mesos.v1.master.Protos.Call;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

class CommandValidatorTest {

    private static final SourcePosition POS = new SourcePosition("commands", 0, 1);
    private static final MesosVersion V111 = MesosVersion.of(1, 11, 0);
    private final CommandValidator all = new CommandValidator(CallCatalog.supported());
    private final CommandValidator defaults = new CommandValidator(CallCatalog.nonDestructive());

    private static Command cmd(Call call) {
        return new Command("c1", Command.IdOrigin.ENVELOPE, call, 0, false, null, POS);
    }

    private static RejectReason reasonOf(CommandValidator v, Call call, MesosVersion version) {
        try {
            v.validate(cmd(call), version, 0);
            return null;
        } catch (CommandRejectedException e) {
            return e.reason();
        }
    }

    @Test
    void everyExampleCallIsValidOnA111Master() {
        for (Map.Entry<Call.Type, Call> e : TestCalls.all().entrySet()) {
            assertThatNoException().as(e.getKey().name()).isThrownBy(() -> all.validate(cmd(e.getValue()), V111, 0));
        }
    }

    @Test
    void defaultAllowlistRefusesDestructiveCalls() {
        for (Call.Type t : new Call.Type[] {Call.Type.TEARDOWN, Call.Type.MARK_AGENT_GONE, Call.Type.DESTROY_VOLUMES,
                Call.Type.UNRESERVE_RESOURCES}) {
            assertThat(reasonOf(defaults, TestCalls.all().get(t), V111)).as(t.name())
                    .isEqualTo(RejectReason.NOT_ALLOWED);
        }
        assertThat(reasonOf(defaults, TestCalls.all().get(Call.Type.DRAIN_AGENT), V111)).isNull();
    }

    @Test
    void unsupportedAndMissingTypesAreRefused() {
        assertThat(reasonOf(all, Call.newBuilder().setType(Call.Type.GET_STATE).build(), V111))
                .isEqualTo(RejectReason.UNSUPPORTED_TYPE);
        assertThat(reasonOf(all, Call.newBuilder().build(), V111)).isEqualTo(RejectReason.UNSUPPORTED_TYPE);
    }

    @Test
    void missingSubMessageOrRequiredFieldIsInvalid() {
        assertThatThrownBy(() -> all.validate(cmd(Call.newBuilder().setType(Call.Type.DRAIN_AGENT).build()), V111, 0))
                .isInstanceOf(CommandRejectedException.class).hasMessageContaining("Expecting 'drain_agent'");
        Call noAgent = Call.newBuilder().setType(Call.Type.DEACTIVATE_AGENT)
                .setDeactivateAgent(Call.DeactivateAgent.newBuilder().buildPartial()).buildPartial();
        assertThatThrownBy(() -> all.validate(cmd(noAgent), V111, 0))
                .isInstanceOf(CommandRejectedException.class)
                .hasMessageContaining("Missing required fields").hasMessageContaining("deactivate_agent.agent_id");
    }

    @Test
    void aSubMessageOfAnotherTypeIsInvalid() {
        Call mixed = TestCalls.all().get(Call.Type.DEACTIVATE_AGENT).toBuilder()
                .setTeardown(TestCalls.all().get(Call.Type.TEARDOWN).getTeardown()).build();
        assertThatThrownBy(() -> all.validate(cmd(mixed), V111, 0)).hasMessageContaining("'teardown' does not belong");
    }

    @Test
    void unknownFieldsAreInvalid() {
        Call call = TestCalls.all().get(Call.Type.DEACTIVATE_AGENT);
        Call withUnknown = call.toBuilder().setDeactivateAgent(call.getDeactivateAgent().toBuilder()
                .setUnknownFields(UnknownFieldSet.newBuilder().addField(99, UnknownFieldSet.Field.newBuilder()
                        .addLengthDelimited(ByteString.copyFromUtf8("x")).build()).build())).build();
        assertThat(reasonOf(all, withUnknown, V111)).isEqualTo(RejectReason.INVALID);
    }

    @Test
    void emptyListsAndMissingAgentForVolumeResizeAreInvalid() {
        Call emptyReserve = Call.newBuilder().setType(Call.Type.RESERVE_RESOURCES)
                .setReserveResources(Call.ReserveResources.newBuilder().setAgentId(TestCalls.AGENT)).build();
        assertThat(reasonOf(all, emptyReserve, V111)).isEqualTo(RejectReason.INVALID);
        Call grow = TestCalls.all().get(Call.Type.GROW_VOLUME);
        Call growNoAgent = grow.toBuilder().setGrowVolume(grow.getGrowVolume().toBuilder().clearAgentId()).build();
        assertThatThrownBy(() -> all.validate(cmd(growNoAgent), V111, 0)).hasMessageContaining("agent_id");
    }

    @Test
    void versionGate() {
        assertThat(reasonOf(all, TestCalls.all().get(Call.Type.DRAIN_AGENT), MesosVersion.of(1, 8, 0)))
                .isEqualTo(RejectReason.VERSION_TOO_OLD);
        assertThat(reasonOf(all, TestCalls.all().get(Call.Type.DRAIN_AGENT), MesosVersion.of(1, 9, 0))).isNull();
        assertThat(reasonOf(all, TestCalls.all().get(Call.Type.GROW_VOLUME), MesosVersion.of(1, 5, 0)))
                .isEqualTo(RejectReason.VERSION_TOO_OLD);
        // unknown version: left to the master
        assertThat(reasonOf(all, TestCalls.all().get(Call.Type.DRAIN_AGENT), null)).isNull();
        Call reserve = TestCalls.reserve("dev", 1);
        Call withSource = reserve.toBuilder().setReserveResources(reserve.getReserveResources().toBuilder()
                .addSource(TestCalls.reserved("cpus", 1, "dev"))).build();
        assertThat(reasonOf(all, withSource, MesosVersion.of(1, 9, 0))).isEqualTo(RejectReason.VERSION_TOO_OLD);
        assertThat(reasonOf(all, withSource, MesosVersion.of(1, 10, 0))).isNull();
    }

    @Test
    void expiry() {
        Command expiring = new Command("c1", Command.IdOrigin.ENVELOPE, TestCalls.reserve("dev", 1), 1000, false,
                null, POS);
        assertThatNoException().isThrownBy(() -> all.validate(expiring, V111, 1000));
        assertThatThrownBy(() -> all.validate(expiring, V111, 1001)).isInstanceOf(CommandRejectedException.class)
                .satisfies(e -> assertThat(((CommandRejectedException) e).reason()).isEqualTo(RejectReason.EXPIRED));
    }
}
