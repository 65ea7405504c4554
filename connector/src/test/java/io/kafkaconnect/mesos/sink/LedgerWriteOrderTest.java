package io.kafkaconnect.mesos.sink;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.kafkaconnect.mesos.client.MesosVersion;
import io.kafkaconnect.mesos.client.RetryPolicy;
import io.kafkaconnect.mesos.codec.MesosJson;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The order of a partition's writes and calls when final ledger records are acknowledged later than they are sent:
 * the result before the final record, the next command's PENDING while the final record travels, and no call (nor
 * final record) of the next command before the previous final record is durable.
 */
class LedgerWriteOrderTest {

    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final AcknowledgedLaterLedger ledger = new AcknowledgedLaterLedger();
    private final FakeMaster fake = new FakeMaster().withAgent("agent-1");
    private final SinkMetrics metrics = new SinkMetrics(new Metrics(), "order", 0);
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final CommandProcessor processor = processor();

    @AfterEach
    void close() {
        thread.shutdownNow();
        metrics.close();
    }

    /** PENDING records are durable at once; a final record only when the test acknowledges it. */
    private final class AcknowledgedLaterLedger extends InMemoryLedger {
        final Map<String, CompletableFuture<Void>> acks = new ConcurrentHashMap<>();

        @Override
        public void record(LedgerEntry entry) {
            super.record(entry);
            if (!entry.state().isFinal()) {
                events.add("PENDING " + entry.commandId());
            }
        }

        @Override
        public LedgerWrite send(LedgerEntry entry) {
            if (!entry.state().isFinal()) {
                return super.send(entry);
            }
            events.add("send final " + entry.commandId());
            CompletableFuture<Void> ack = acks.computeIfAbsent(entry.commandId(), id -> new CompletableFuture<>());
            return () -> {
                try {
                    ack.get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new LedgerException("final record of " + entry.commandId() + " not durable", e);
                }
                if (get(entry.commandId()).map(LedgerEntry::state).orElse(null) != entry.state()) {
                    record(entry);
                }
            };
        }

        void acknowledge(String id) {
            events.add("ack final " + id);
            acks.computeIfAbsent(id, k -> new CompletableFuture<>()).complete(null);
        }

        void fail(String id) {
            acks.computeIfAbsent(id, k -> new CompletableFuture<>())
                    .completeExceptionally(new IllegalStateException("broker down"));
        }
    }

    private CommandProcessor processor() {
        MasterGateway master = new MasterGateway() {
            @Override
            public MasterReply send(Call call) {
                events.add("call " + call.getUpdateWeights().getWeightInfos(0).getRole());
                return fake.send(call);
            }

            @Override
            public Response query(Call call) {
                return fake.query(call);
            }

            @Override
            public MesosVersion version() {
                return fake.version();
            }
        };
        ResultPublisher results = new ResultPublisher() {
            @Override
            public void publish(ResultRecord result) {
                events.add("result " + result.commandId());
            }

            @Override
            public void close() {
            }
        };
        CommandExecutor executor = new CommandExecutor(master, ledger, new EffectVerifier(master, null), null,
                new RetryPolicy(3, Duration.ZERO, Duration.ZERO), ms -> { }, Clock.systemUTC(), metrics, false);
        return new CommandProcessor(new CommandParser(new MesosCallDecoder(), CommandIdSource.ENVELOPE, "command-id",
                CommandFormat.AUTO), new CommandValidator(CallCatalog.nonDestructive()), executor, ledger, results,
                new DeadLetterReporter(null), master, metrics, MesosJson::toTree, Clock.systemUTC(), false);
    }

    /** An UPDATE_WEIGHTS command whose role is its id, so the call names its command. */
    private static SinkRecord weights(long offset, String id) {
        return new SinkRecord("commands", 0, null, null, null, "{\"command_id\":\"" + id + "\",\"call\":{\"type\":"
                + "\"UPDATE_WEIGHTS\",\"update_weights\":{\"weight_infos\":[{\"role\":\"" + id + "\",\"weight\":2}]}}}",
                offset);
    }

    private void awaitEvent(String event) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!events.contains(event) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(events).contains(event);
    }

    @Test
    void theNextCallWaitsForThePreviousFinalRecordWhoseAcknowledgementOverlapsThePendingRecord() throws Exception {
        CommandProcessor.Processed first = processor.process(weights(0, "c1"), LedgerWrite.DONE);
        Future<CommandProcessor.Processed> second = thread.submit(() -> processor.process(weights(1, "c2"),
                first.durable()));
        awaitEvent("PENDING c2");
        Thread.sleep(100);
        assertThat(events).doesNotContain("call c2");
        assertThat(second).isNotDone();

        ledger.acknowledge("c1");
        second.get(10, TimeUnit.SECONDS);
        assertThat(events).containsExactly("PENDING c1", "call c1", "result c1", "send final c1", "PENDING c2",
                "ack final c1", "call c2", "result c2", "send final c2");
        assertThat(ledger.get("c1")).get().extracting(LedgerEntry::state).isEqualTo(CommandState.APPLIED);
    }

    @Test
    void aCommandWithoutACallSendsItsFinalRecordOnlyAfterThePreviousOneIsDurable() throws Exception {
        CommandProcessor.Processed first = processor.process(weights(0, "c1"), LedgerWrite.DONE);
        SinkRecord disallowed = new SinkRecord("commands", 0, null, null, null,
                "{\"command_id\":\"t1\",\"call\":{\"type\":\"TEARDOWN\",\"teardown\":{\"framework_id\":"
                        + "{\"value\":\"f\"}}}}", 1L);
        Future<CommandProcessor.Processed> second = thread.submit(() -> processor.process(disallowed,
                first.durable()));
        awaitEvent("result t1");
        Thread.sleep(100);
        assertThat(events).doesNotContain("send final t1");

        ledger.acknowledge("c1");
        assertThat(second.get(10, TimeUnit.SECONDS).result().state()).isEqualTo(CommandState.REJECTED);
        assertThat(events.subList(events.indexOf("ack final c1"), events.size()))
                .containsExactly("ack final c1", "send final t1");
    }

    @Test
    void whenThePreviousFinalRecordFailsTheNextCommandIsNotSent() throws Exception {
        CommandProcessor.Processed first = processor.process(weights(0, "c1"), LedgerWrite.DONE);
        ledger.fail("c1");
        Future<CommandProcessor.Processed> second = thread.submit(() -> processor.process(weights(1, "c2"),
                first.durable()));
        assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(LedgerException.class);
        assertThat(events).doesNotContain("call c2");
        assertThat(ledger.get("c1")).get().extracting(LedgerEntry::state).isEqualTo(CommandState.PENDING);
        assertThat(fake.writes()).isEqualTo(1);
    }
}
