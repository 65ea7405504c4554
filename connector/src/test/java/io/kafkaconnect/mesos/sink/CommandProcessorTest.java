package io.kafkaconnect.mesos.sink;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.kafkaconnect.mesos.client.RetryPolicy;
import io.kafkaconnect.mesos.codec.MesosJson;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.mesos.v1.master.Protos.Call;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandProcessorTest {

    private final FakeMaster master = new FakeMaster().withAgent("agent-1");
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final RecordingResults results = new RecordingResults();
    private final List<SinkRecord> dlq = new ArrayList<>();
    private final List<Throwable> dlqErrors = new ArrayList<>();
    private final SinkMetrics metrics = new SinkMetrics(new Metrics(), "test", 0);
    private final ErrantRecordReporter reporter = (record, error) -> {
        dlq.add(record);
        dlqErrors.add(error);
        return CompletableFuture.completedFuture(null);
    };

    @AfterEach
    void close() {
        metrics.close();
    }

    private CommandProcessor processor(boolean dryRunAll, ErrantRecordReporter errant) {
        ReservationTagger tagger = new ReservationTagger("kafka-connect-mesos.command-id");
        CommandExecutor executor = new CommandExecutor(master, ledger, new EffectVerifier(master, tagger), tagger,
                new RetryPolicy(3, Duration.ZERO, Duration.ZERO), ms -> { }, Clock.systemUTC(), metrics, true);
        return new CommandProcessor(new CommandParser(new MesosCallDecoder(), CommandIdSource.ENVELOPE, "command-id",
                CommandFormat.AUTO), new CommandValidator(CallCatalog.nonDestructive()), executor, ledger, results,
                new DeadLetterReporter(errant), master, metrics, MesosJson::toTree, Clock.systemUTC(), dryRunAll);
    }

    private CommandProcessor processor() {
        return processor(false, reporter);
    }

    private static SinkRecord record(long offset, String id, Call call) {
        String json = "{" + (id == null ? "" : "\"command_id\":\"" + id + "\",") + "\"call\":" + MesosJson.toJson(call)
                + "}";
        return new SinkRecord("commands", 0, null, null, null, json, offset);
    }

    private static String header(SinkRecord r, String key) {
        Header h = r.headers().lastWithName(key);
        return h == null ? null : String.valueOf(h.value());
    }

    @Test
    void appliedCommandIsReportedThenRecordedFinal() {
        ResultRecord r = processor().process(record(0, "c1", TestCalls.reserve("dev", 1)));
        assertThat(r.state()).isEqualTo(CommandState.APPLIED);
        assertThat(r.success()).isTrue();
        assertThat(r.httpStatus()).isEqualTo(202);
        assertThat(r.effectVerified()).isTrue();
        assertThat(r.source()).isEqualTo(new SourcePosition("commands", 0, 0));
        assertThat(r.call().path("reserve_resources").path("resources").get(0).path("reservations").get(0)
                .path("labels").path("labels").get(0).path("value").asText()).isEqualTo("c1");
        assertThat(ledger.get("c1")).get().extracting(LedgerEntry::state).isEqualTo(CommandState.APPLIED);
        assertThat(dlq).isEmpty();
    }

    @Test
    void aReplayOfAFinalCommandIsADuplicateAndIsNotSent() {
        CommandProcessor p = processor();
        p.process(record(0, "c1", TestCalls.reserve("dev", 1)));
        ResultRecord again = p.process(record(0, "c1", TestCalls.reserve("dev", 1)));
        assertThat(again.state()).isEqualTo(CommandState.DUPLICATE);
        assertThat(again.error()).contains("APPLIED");
        assertThat(master.writes()).isEqualTo(1);
        assertThat(ledger.get("c1")).get().extracting(LedgerEntry::state).isEqualTo(CommandState.APPLIED);
        assertThat(dlq).isEmpty();
    }

    @Test
    void withoutAnIdTheRecordPositionMakesReplaysSafe() {
        CommandProcessor p = processor();
        p.process(record(5, null, TestCalls.all().get(Call.Type.UPDATE_WEIGHTS)));
        assertThat(p.process(record(5, null, TestCalls.all().get(Call.Type.UPDATE_WEIGHTS))).state())
                .isEqualTo(CommandState.DUPLICATE);
        assertThat(p.process(record(6, null, TestCalls.all().get(Call.Type.UPDATE_WEIGHTS))).state())
                .isEqualTo(CommandState.APPLIED);
        assertThat(master.writes()).isEqualTo(2);
    }

    @Test
    void malformedDisallowedUnknownAndExpiredGoToTheDlqAndTheResultTopic() {
        CommandProcessor p = processor();
        SinkRecord malformed = new SinkRecord("commands", 0, null, null, null, "{oops", 1L);
        SinkRecord disallowed = record(2, "d1", TestCalls.all().get(Call.Type.TEARDOWN));
        SinkRecord unknown = new SinkRecord("commands", 0, null, null, null,
                "{\"command_id\":\"u1\",\"call\":{\"type\":\"FORMAT_DISKS\"}}", 3L);
        SinkRecord expired = new SinkRecord("commands", 0, null, null, null, "{\"command_id\":\"e1\","
                + "\"expires_at_ms\":1,\"call\":" + MesosJson.toJson(TestCalls.reserve("dev", 1)) + "}", 4L);
        assertThat(p.process(malformed).reason()).isEqualTo("MALFORMED");
        assertThat(p.process(disallowed).reason()).isEqualTo("NOT_ALLOWED");
        assertThat(p.process(unknown).reason()).isEqualTo("UNSUPPORTED_TYPE");
        ResultRecord exp = p.process(expired);
        assertThat(exp.state()).isEqualTo(CommandState.EXPIRED);
        assertThat(master.writes()).isZero();
        assertThat(dlq).hasSize(4);
        assertThat(header(dlq.get(0), DeadLetterReporter.HEADER_REASON)).isEqualTo("MALFORMED");
        assertThat(header(dlq.get(0), DeadLetterReporter.HEADER_COMMAND_ID)).isEqualTo("commands-0-1");
        assertThat(header(dlq.get(1), DeadLetterReporter.HEADER_REASON)).isEqualTo("NOT_ALLOWED");
        assertThat(header(dlq.get(3), DeadLetterReporter.HEADER_STATE)).isEqualTo("EXPIRED");
        assertThat(dlqErrors.get(1)).isInstanceOf(CommandNotAppliedException.class).hasMessageContaining("TEARDOWN");
        assertThat(dlq.get(2).kafkaOffset()).isEqualTo(3L);
        assertThat(results.published).extracting(ResultRecord::commandId)
                .containsExactly("commands-0-1", "d1", "u1", "e1");
        assertThat(ledger.get("d1")).get().extracting(LedgerEntry::state).isEqualTo(CommandState.REJECTED);
        assertThat(ledger.get("e1")).get().extracting(LedgerEntry::state).isEqualTo(CommandState.EXPIRED);
    }

    @Test
    void masterRejectionGoesToTheDlqWithTheStatusAndText() {
        master.reply(400, "No agent found with specified ID");
        ResultRecord r = processor().process(record(0, "c1", TestCalls.reserve("dev", 1)));
        assertThat(r.state()).isEqualTo(CommandState.REJECTED);
        assertThat(r.httpStatus()).isEqualTo(400);
        assertThat(r.error()).isEqualTo("No agent found with specified ID");
        assertThat(header(dlq.get(0), DeadLetterReporter.HEADER_HTTP_STATUS)).isEqualTo("400");
        assertThat(header(dlq.get(0), DeadLetterReporter.HEADER_REASON)).isEqualTo("MASTER_REJECTED");
    }

    @Test
    void dryRunValidatesAndReportsWithoutCallingOrRecording() {
        String json = "{\"command_id\":\"dr\",\"dry_run\":true,\"call\":"
                + MesosJson.toJson(TestCalls.reserve("dev", 1)) + "}";
        ResultRecord r = processor().process(new SinkRecord("commands", 0, null, null, null, json, 0L));
        assertThat(r.state()).isEqualTo(CommandState.DRY_RUN);
        assertThat(r.dryRun()).isTrue();
        assertThat(r.call()).isNotNull();
        assertThat(master.writes()).isZero();
        assertThat(ledger.get("dr")).isEmpty();
        ResultRecord invalid = processor(true, reporter).process(record(1, "x", TestCalls.all()
                .get(Call.Type.TEARDOWN)));
        assertThat(invalid.state()).isEqualTo(CommandState.REJECTED);
    }

    @Test
    void aResultWriteFailureLeavesTheCommandUnfinished() {
        results.failNext = 1;
        SinkRecord r = record(0, "c1", TestCalls.all().get(Call.Type.UPDATE_WEIGHTS));
        assertThatThrownBy(() -> processor().process(r)).isInstanceOf(ResultPublishException.class);
        assertThat(ledger.get("c1")).get().extracting(LedgerEntry::state).isEqualTo(CommandState.PENDING);
        // consumed again: the convergent call is re-sent and reported
        assertThat(processor().process(r).state()).isEqualTo(CommandState.APPLIED);
        assertThat(ledger.get("c1")).get().extracting(LedgerEntry::state).isEqualTo(CommandState.APPLIED);
    }

    @Test
    void withoutADlqTheResultTopicStillReports() {
        ResultRecord r = processor(false, null).process(record(0, "d1", TestCalls.all().get(Call.Type.TEARDOWN)));
        assertThat(r.state()).isEqualTo(CommandState.REJECTED);
        assertThat(results.published).hasSize(1);
    }
}
