package io.kafkaconnect.mesos.sink;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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

    @Test
    void recordsOfAPartitionAreHandledInOrder() {
        PartitionedBatch batch = new PartitionedBatch(pool, r -> handled.add(name(r)), rewinds::put, 0, 60_000);
        batch.run(List.of(rec(0, 0), rec(1, 0), rec(0, 1), rec(1, 1), rec(0, 2)));
        assertThat(handled.stream().filter(s -> s.startsWith("0@"))).containsExactly("0@0", "0@1", "0@2");
        assertThat(handled.stream().filter(s -> s.startsWith("1@"))).containsExactly("1@0", "1@1");
        Map<TopicPartition, OffsetAndMetadata> current = Map.of(P0, new OffsetAndMetadata(3),
                P1, new OffsetAndMetadata(2));
        assertThat(batch.committable(current)).isEqualTo(current);
    }

    @Test
    void anUnfinishedCommandStopsItsPartitionRewindsAndCapsTheCommit() {
        PartitionedBatch batch = new PartitionedBatch(pool, r -> {
            if (r.kafkaPartition() == 0 && r.kafkaOffset() == 1) {
                throw new LedgerException("ledger down", null);
            }
            handled.add(name(r));
        }, rewinds::put, 0, 60_000);
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
        PartitionedBatch batch = new PartitionedBatch(pool, r -> {
            handled.add(name(r));
            if (r.kafkaOffset() == 0) {
                sleep(800); // a slow call: the budget runs out while it is in flight
            }
        }, rewinds::put, 0, 400);
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
        PartitionedBatch batch = new PartitionedBatch(pool, r -> handled.add(name(r)), rewinds::put, 0, 60_000);
        batch.run(List.of(rec(0, 0), rec(0, 1)));
        batch.run(List.of(rec(0, 1), rec(0, 2)));
        assertThat(handled).containsExactly("0@0", "0@1", "0@2");
        batch.forget(List.of(P0));
        batch.run(List.of(rec(0, 1)));
        assertThat(handled).containsExactly("0@0", "0@1", "0@2", "0@1");
    }
}
