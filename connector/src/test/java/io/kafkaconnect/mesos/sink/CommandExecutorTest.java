package io.kafkaconnect.mesos.sink;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.kafkaconnect.mesos.client.RetryPolicy;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.mesos.v1.master.Protos.Call;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandExecutorTest {

    private static final SourcePosition POS = new SourcePosition("commands", 0, 1);

    private final FakeMaster master = new FakeMaster().withAgent("agent-1");
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final List<Long> sleeps = new ArrayList<>();
    private final SinkMetrics metrics = new SinkMetrics(new Metrics(), "test", 0);
    private ReservationTagger tagger = new ReservationTagger("kafka-connect-mesos.command-id");

    @AfterEach
    void close() {
        metrics.close();
    }

    private CommandExecutor executor(int maxAttempts) {
        return new CommandExecutor(master, ledger, new EffectVerifier(master, tagger), tagger,
                new RetryPolicy(maxAttempts, Duration.ofMillis(10), Duration.ofMillis(100)), sleeps::add, Clock.systemUTC(), metrics, true);
    }

    private static Command command(String id, Call call) {
        return new Command(id, Command.IdOrigin.ENVELOPE, call, 0, false, null, POS);
    }

    private static CallSpec spec(Call call) {
        return CallCatalog.lookup(call.getType()).orElseThrow();
    }

    private Outcome run(String id, Call call, int maxAttempts) {
        return executor(maxAttempts).execute(command(id, call), spec(call), LedgerWrite.DONE);
    }

    @Test
    void successIsAppliedAndVerifiedForAdditiveCalls() {
        Outcome o = run("c1", TestCalls.reserve("dev", 2), 3);
        assertThat(o.state()).isEqualTo(CommandState.APPLIED);
        assertThat(o.httpStatus()).isEqualTo(202);
        assertThat(o.effectVerified()).isTrue();
        assertThat(o.attempts()).isEqualTo(1);
        assertThat(ledger.get("c1")).get().extracting(LedgerEntry::state).isEqualTo(CommandState.PENDING);
        // the reservation carries the command id in its labels
        assertThat(master.received.get(0).getReserveResources().getResources(0).getReservations(0).getLabels()
                .getLabels(0).getValue()).isEqualTo("c1");
    }

    @Test
    void convergentSuccessIsNotVerified() {
        Outcome o = run("c1", TestCalls.all().get(Call.Type.DEACTIVATE_AGENT), 3);
        assertThat(o.state()).isEqualTo(CommandState.APPLIED);
        assertThat(o.httpStatus()).isEqualTo(200);
        assertThat(o.effectVerified()).isFalse();
    }

    @Test
    void retryableFailuresAreRetriedWithBackoffThenSucceed() {
        master.reply(503, "Master has not finished recovery").reply(500, "boom");
        Outcome o = run("c1", TestCalls.all().get(Call.Type.UPDATE_WEIGHTS), 5);
        assertThat(o.state()).isEqualTo(CommandState.APPLIED);
        assertThat(o.attempts()).isEqualTo(3);
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(0)).isBetween(0L, 10L);
        assertThat(sleeps.get(1)).isBetween(0L, 20L);
    }

    @Test
    void retriesExhaustedIsFailed() {
        master.reply(503, "No leader elected").reply(503, "No leader elected").reply(503, "No leader elected");
        Outcome o = run("c1", TestCalls.all().get(Call.Type.UPDATE_WEIGHTS), 3);
        assertThat(o.state()).isEqualTo(CommandState.FAILED);
        assertThat(o.attempts()).isEqualTo(3);
        assertThat(o.httpStatus()).isEqualTo(503);
        assertThat(o.error()).contains("No leader elected");
    }

    @Test
    void badRequestIsRejectedWithoutRetry() {
        master.reply(400, "Failed to validate update weights request JSON: Invalid role 'x y'");
        Outcome o = run("c1", TestCalls.all().get(Call.Type.UPDATE_WEIGHTS), 5);
        assertThat(o.state()).isEqualTo(CommandState.REJECTED);
        assertThat(o.rejectReason()).isEqualTo(RejectReason.MASTER_REJECTED);
        assertThat(o.error()).contains("Invalid role");
        assertThat(master.writes()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void conflictWithTheEffectPresentIsAlreadyApplied() {
        // The reservation is there already (tagged with this command id), yet the master answers 409.
        master.applyReserve(new ReservationTagger("kafka-connect-mesos.command-id")
                .tag(TestCalls.reserve("dev", 2), "c1"));
        master.reply(409, "Insufficient resources");
        Outcome o = run("c1", TestCalls.reserve("dev", 2), 3);
        assertThat(o.state()).isEqualTo(CommandState.ALREADY_APPLIED);
        assertThat(o.effectVerified()).isTrue();
    }

    @Test
    void conflictWithoutTheEffectIsRejected() {
        master.reply(409, "Insufficient resources");
        Outcome o = run("c1", TestCalls.reserve("dev", 2), 3);
        assertThat(o.state()).isEqualTo(CommandState.REJECTED);
        assertThat(o.httpStatus()).isEqualTo(409);
        assertThat(master.writes()).isEqualTo(1);
    }

    @Test
    void anIoErrorAfterAnAppliedAdditiveCallIsVerifiedNotResent() {
        master.fail(new MasterUnreachableException("connection reset", null, true), true);
        Outcome o = run("c1", TestCalls.reserve("dev", 2), 5);
        assertThat(o.state()).isEqualTo(CommandState.APPLIED);
        assertThat(o.effectVerified()).isTrue();
        assertThat(master.writes()).isEqualTo(1);
    }

    @Test
    void anIoErrorBeforeTheCallArrivedIsResentAfterVerifyingTheEffectIsAbsent() {
        master.fail(new MasterUnreachableException("connection reset", null, true), false);
        Outcome o = run("c1", TestCalls.reserve("dev", 2), 5);
        assertThat(o.state()).isEqualTo(CommandState.APPLIED);
        assertThat(master.writes()).isEqualTo(2);
        assertThat(master.agents.getAgents(0).getTotalResourcesCount()).isEqualTo(1);
    }

    @Test
    void aConvergentCallRefusedAfterItsAnswerWasLostIsAppliedWhenItsEffectIsThere() {
        // The first REACTIVATE took effect but its answer was lost; the master refuses the re-send.
        master.fail(new MasterUnreachableException("unexpected end of stream", null, true), true)
                .reply(400, "Agent is not deactivated");
        Outcome o = run("c1", TestCalls.all().get(Call.Type.REACTIVATE_AGENT), 5);
        assertThat(o.state()).isEqualTo(CommandState.APPLIED);
        assertThat(o.effectVerified()).isTrue();
        assertThat(master.writes()).isEqualTo(2);
    }

    @Test
    void aConvergentCallRefusedAfterAnUnansweredAttemptIsRejectedWhenItsEffectIsAbsent() {
        master.fail(new MasterUnreachableException("unexpected end of stream", null, true), false)
                .reply(400, "Agent is not deactivated");
        master.agents.getAgentsBuilder(0).setDeactivated(true);
        Outcome o = run("c1", TestCalls.all().get(Call.Type.REACTIVATE_AGENT), 5);
        assertThat(o.state()).isEqualTo(CommandState.REJECTED);
    }

    @Test
    void pendingAdditiveWithEffectPresentIsAlreadyAppliedAndNotSent() {
        Call tagged = tagger.tag(TestCalls.reserve("dev", 2), "c1");
        master.applyReserve(tagged);
        ledger.record(new LedgerEntry("c1", CommandState.PENDING, "RESERVE_RESOURCES", 1, 0, POS, null, null));
        Outcome o = run("c1", TestCalls.reserve("dev", 2), 3);
        assertThat(o.state()).isEqualTo(CommandState.ALREADY_APPLIED);
        assertThat(o.effectVerified()).isTrue();
        assertThat(master.writes()).isZero();
        assertThat(metrics.value("in-doubt-resolution-total", SinkMetrics.IN_DOUBT_GROUP,
                Map.of("resolution", "ALREADY_APPLIED"))).isEqualTo(1.0);
    }

    @Test
    void pendingAdditiveWithEffectAbsentIsSentOnce() {
        ledger.record(new LedgerEntry("c1", CommandState.PENDING, "RESERVE_RESOURCES", 1, 0, POS, null, null));
        Outcome o = run("c1", TestCalls.reserve("dev", 2), 3);
        assertThat(o.state()).isEqualTo(CommandState.APPLIED);
        assertThat(master.writes()).isEqualTo(1);
        assertThat(o.attempts()).isEqualTo(2);
    }

    @Test
    void pendingConvergentIsResent() {
        ledger.record(new LedgerEntry("c1", CommandState.PENDING, "UPDATE_QUOTA", 1, 0, POS, null, null));
        Outcome o = run("c1", TestCalls.all().get(Call.Type.UPDATE_QUOTA), 3);
        assertThat(o.state()).isEqualTo(CommandState.APPLIED);
        assertThat(master.writes()).isEqualTo(1);
    }

    @Test
    void untaggedReserveIsVerifiedAgainstTheStoredBaseline() {
        tagger = null;
        // 1 cpu reserved for dev before; the worker died after the call: now 3.
        master.applyReserve(TestCalls.reserve("dev", 1));
        Call call = TestCalls.reserve("dev", 2);
        Map<String, Double> baseline = new EffectVerifier(master, null).baseline(call);
        assertThat(baseline).containsValue(1.0);
        master.applyReserve(call);
        ledger.record(new LedgerEntry("c1", CommandState.PENDING, "RESERVE_RESOURCES", 1, 0, POS, null, baseline));
        Outcome o = run("c1", call, 3);
        assertThat(o.state()).isEqualTo(CommandState.ALREADY_APPLIED);
        assertThat(master.writes()).isZero();
    }

    @Test
    void untaggedReserveInDoubtWithoutBaselineIsNeverResent() {
        tagger = null;
        ledger.record(new LedgerEntry("c1", CommandState.PENDING, "RESERVE_RESOURCES", 1, 0, POS, null, null));
        Outcome o = run("c1", TestCalls.reserve("dev", 2), 3);
        assertThat(o.state()).isEqualTo(CommandState.FAILED);
        assertThat(o.error()).contains("not re-sent");
        assertThat(master.writes()).isZero();
    }

    @Test
    void unreadableStateKeepsAnInDoubtAdditiveCommandFromBeingResent() {
        ledger.record(new LedgerEntry("c1", CommandState.PENDING, "RESERVE_RESOURCES", 1, 0, POS, null, null));
        master.queryFailure = new MasterUnreachableException("connection refused", null, false);
        Outcome o = run("c1", TestCalls.reserve("dev", 2), 3);
        assertThat(o.state()).isEqualTo(CommandState.FAILED);
        assertThat(o.error()).contains("in doubt");
        assertThat(master.writes()).isZero();
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void anExpiredCommandIsNotSent() {
        Command expired = new Command("c1", Command.IdOrigin.ENVELOPE, TestCalls.reserve("dev", 1), 1, false, null,
                POS);
        Outcome o = executor(3).execute(expired, spec(expired.call()), LedgerWrite.DONE);
        assertThat(o.state()).isEqualTo(CommandState.EXPIRED);
        assertThat(master.writes()).isZero();
    }

    @Test
    void aTaskStoppingDuringABackOffLeavesTheCommandPendingInsteadOfFailed() {
        master.reply(503, "Master has not finished recovery");
        CommandExecutor stopping = new CommandExecutor(master, ledger, new EffectVerifier(master, tagger), tagger,
                new RetryPolicy(6, Duration.ofMillis(10), Duration.ofMillis(100)), ms -> {
                    throw new InterruptedException();
                }, Clock.systemUTC(), metrics, true);
        Call call = TestCalls.reserve("dev", 1);
        try {
            assertThatThrownBy(() -> stopping.execute(command("c1", call), spec(call), LedgerWrite.DONE))
                    .isInstanceOf(CommandInterruptedException.class).hasMessageContaining("c1");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(ledger.get("c1")).get().extracting(LedgerEntry::state).isEqualTo(CommandState.PENDING);
        assertThat(master.writes()).isEqualTo(1);
    }

    @Test
    void aFailureSeenByAnInterruptedThreadIsNotReportedAsTheOutcome() {
        master.fail(new MasterUnreachableException("interrupted while waiting to retry", null, false), false);
        Call call = TestCalls.all().get(Call.Type.UPDATE_WEIGHTS);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> run("c1", call, 1)).isInstanceOf(CommandInterruptedException.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(ledger.get("c1")).get().extracting(LedgerEntry::state).isEqualTo(CommandState.PENDING);
    }
}
