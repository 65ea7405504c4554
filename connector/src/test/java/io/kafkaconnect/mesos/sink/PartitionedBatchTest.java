package io.kafkaconnect.mesos.sink;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionedBatchTest {

    private static final TopicPartition P0 = new TopicPartition("commands", 0);
    private static final TopicPartition P1 = new TopicPartition("commands", 1);

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final List<String> handled = Collections.synchronizedList(new ArrayList<>());
    private final Map<TopicPartition, Long> rewinds = new HashMap<>();

    @AfterEach
    void shutdown() {
        pool.shutdownNow();
    }

    private static SinkRecord rec(int partition, long offset) {
        return new SinkRecord("commands", partition, null, null, null, "v", offset);
    }

    private static String name(SinkRecord r) {
        return r.kafkaPartition() + "@" + r.kafkaOffset();
    }

    /** A handler whose outcomes are durable when it returns. */
    private static PartitionedBatch.RecordHandler durableAtOnce(Consumer<SinkRecord> handle) {
        return (record, earlier) -> {
            handle.accept(record);
            return LedgerWrite.DONE;
        };
    }

    /** A write that is acknowledged when {@code ack} completes, or fails with its exception. */
    private static LedgerWrite acknowledgedBy(CompletableFuture<Void> ack) {
        return () -> {
            try {
                ack.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new LedgerException("not acknowledged", e);
            }
        };
    }

    @Test
    void eachRecordIsHandedThePreviousRecordsWriteAndTheCommitWaitsForTheLastOne() throws Exception {
        CompletableFuture<Void> lastAck = new CompletableFuture<>();
        Map<Long, LedgerWrite> writes = new HashMap<>();
        List<LedgerWrite> handedEarlier = Collections.synchronizedList(new ArrayList<>());
        PartitionedBatch batch = new PartitionedBatch(pool, (record, earlier) -> {
            handedEarlier.add(earlier);
            LedgerWrite write = record.kafkaOffset() == 2 ? acknowledgedBy(lastAck) : () -> { };
            writes.put(record.kafkaOffset(), write);
            return write;
        }, rewinds::put, 0, 60_000);
        Future<?> running = pool.submit(() -> batch.run(List.of(rec(0, 0), rec(0, 1), rec(0, 2))));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (batch.committable(Map.of(P0, new OffsetAndMetadata(3))).get(P0).offset() != 2
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(batch.committable(Map.of(P0, new OffsetAndMetadata(3))).get(P0).offset()).isEqualTo(2);
        assertThat(running).isNotDone(); // the batch ends only once the last write is durable
        lastAck.complete(null);
        running.get(10, TimeUnit.SECONDS);
        assertThat(handedEarlier).containsExactly(LedgerWrite.DONE, writes.get(0L), writes.get(1L));
        assertThat(batch.committable(Map.of(P0, new OffsetAndMetadata(3))).get(P0).offset()).isEqualTo(3);
    }

    @Test
    void aWriteThatFailsAfterItsHandlerReturnedRewindsToItsOwnRecordNotTheNext() {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        PartitionedBatch batch = new PartitionedBatch(pool, (record, earlier) -> {
            earlier.awaitDurable(); // as the processor does before a call
            calls.add(name(record));
            if (record.kafkaOffset() == 1) {
                return acknowledgedBy(CompletableFuture.failedFuture(new IllegalStateException("broker down")));
            }
            return LedgerWrite.DONE;
        }, rewinds::put, 0, 60_000);
        batch.run(List.of(rec(0, 0), rec(0, 1), rec(0, 2), rec(0, 3)));
        assertThat(calls).containsExactly("0@0", "0@1");
        assertThat(rewinds).containsEntry(P0, 1L);
        assertThat(batch.committable(Map.of(P0, new OffsetAndMetadata(4))).get(P0).offset()).isEqualTo(1);
    }

    @Test
    void aCommandLeftUnfinishedByAStoppingTaskIsConsumedAgain() {
        PartitionedBatch batch = new PartitionedBatch(pool, durableAtOnce(r -> {
            if (r.kafkaOffset() == 1) {
                throw new CommandInterruptedException("task stopping");
            }
            handled.add(name(r));
        }), rewinds::put, 0, 60_000);
        batch.run(List.of(rec(0, 0), rec(0, 1), rec(0, 2)));
        assertThat(handled).containsExactly("0@0");
        assertThat(rewinds).containsEntry(P0, 1L);
        assertThat(batch.committable(Map.of(P0, new OffsetAndMetadata(3))).get(P0).offset()).isEqualTo(1);
    }

    @Test
    void aFailedWriteOfTheLastRecordIsCaughtBeforeTheBatchEnds() {
        PartitionedBatch batch = new PartitionedBatch(pool, (record, earlier) -> record.kafkaOffset() == 1
                ? acknowledgedBy(CompletableFuture.failedFuture(new IllegalStateException("broker down")))
                : LedgerWrite.DONE, rewinds::put, 0, 60_000);
        batch.run(List.of(rec(0, 0), rec(0, 1)));
        assertThat(rewinds).containsEntry(P0, 1L);
        assertThat(batch.committable(Map.of(P0, new OffsetAndMetadata(2))).get(P0).offset()).isEqualTo(1);
    }

    @Test
    void recordsOfAPartitionAreHandledInOrder() {
        PartitionedBatch batch = new PartitionedBatch(pool, durableAtOnce(r -> handled.add(name(r))), rewinds::put, 0, 60_000);
        batch.run(List.of(rec(0, 0), rec(1, 0), rec(0, 1), rec(1, 1), rec(0, 2)));
        assertThat(handled.stream().filter(s -> s.startsWith("0@"))).containsExactly("0@0", "0@1", "0@2");
        assertThat(handled.stream().filter(s -> s.startsWith("1@"))).containsExactly("1@0", "1@1");
        Map<TopicPartition, OffsetAndMetadata> current = Map.of(P0, new OffsetAndMetadata(3),
                P1, new OffsetAndMetadata(2));
        assertThat(batch.committable(current)).isEqualTo(current);
    }

    @Test
    void anUnfinishedCommandStopsItsPartitionRewindsAndCapsTheCommit() {
        PartitionedBatch batch = new PartitionedBatch(pool, durableAtOnce(r -> {
            if (r.kafkaPartition() == 0 && r.kafkaOffset() == 1) {
                throw new LedgerException("ledger down", null);
            }
            handled.add(name(r));
        }), rewinds::put, 0, 60_000);
        batch.run(List.of(rec(0, 0), rec(0, 1), rec(0, 2), rec(1, 0)));
        assertThat(handled).containsExactlyInAnyOrder("0@0", "1@0");
        assertThat(rewinds).containsEntry(P0, 1L).doesNotContainKey(P1);
        Map<TopicPartition, OffsetAndMetadata> safe = batch.committable(Map.of(P0, new OffsetAndMetadata(3),
                P1, new OffsetAndMetadata(1)));
        assertThat(safe.get(P0).offset()).isEqualTo(1);
        assertThat(safe.get(P1).offset()).isEqualTo(1);
    }

    @Test
    void aBatchStopsStartingCommandsOnceItsBudgetIsSpentAndRewinds() {
        PartitionedBatch batch = new PartitionedBatch(pool, durableAtOnce(r -> {
            handled.add(name(r));
            if (r.kafkaOffset() == 0) {
                sleep(800); // a slow call: the budget runs out while it is in flight
            }
        }), rewinds::put, 0, 400);
        batch.run(List.of(rec(0, 0), rec(0, 1), rec(0, 2)));
        assertThat(handled).containsExactly("0@0");
        assertThat(rewinds).containsEntry(P0, 1L);
        assertThat(batch.committable(Map.of(P0, new OffsetAndMetadata(3))).get(P0).offset()).isEqualTo(1);
        batch.run(List.of(rec(0, 1), rec(0, 2)));
        assertThat(handled).containsExactly("0@0", "0@1", "0@2");
    }

    @Test
    void theBudgetIsHalfTheConsumersPollIntervalAsOverriddenOnTheConnector() {
        assertThat(SinkRuntime.batchBudgetMs(Map.of())).isEqualTo(150_000);
        assertThat(SinkRuntime.batchBudgetMs(Map.of("consumer.override.max.poll.interval.ms", "5000")))
                .isEqualTo(2_500);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void recordsAlreadyFinishedAreNotHandledAgain() {
        PartitionedBatch batch = new PartitionedBatch(pool, durableAtOnce(r -> handled.add(name(r))), rewinds::put, 0, 60_000);
        batch.run(List.of(rec(0, 0), rec(0, 1)));
        batch.run(List.of(rec(0, 1), rec(0, 2)));
        assertThat(handled).containsExactly("0@0", "0@1", "0@2");
        batch.forget(List.of(P0));
        batch.run(List.of(rec(0, 1)));
        assertThat(handled).containsExactly("0@0", "0@1", "0@2", "0@1");
    }
}
