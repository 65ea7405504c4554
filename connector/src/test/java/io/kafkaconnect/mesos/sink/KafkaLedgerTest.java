package io.kafkaconnect.mesos.sink;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaLedgerTest {

    private static final String TOPIC = "sink.ledger";
    private static final TopicPartition TP0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition TP1 = new TopicPartition(TOPIC, 1);
    private static final SourcePosition POS = new SourcePosition("commands", 2, 9);

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());

    private KafkaLedger ledger() {
        Node node = new Node(0, "localhost", 9092);
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, node, null, null),
                new PartitionInfo(TOPIC, 1, node, null, null)));
        consumer.updateBeginningOffsets(Map.of(TP0, 0L, TP1, 0L));
        return new KafkaLedger(TOPIC, producer, consumer, Duration.ofSeconds(5));
    }

    private static ConsumerRecord<byte[], byte[]> rec(TopicPartition tp, long offset, String id, LedgerEntry e) {
        return new ConsumerRecord<>(TOPIC, tp.partition(), offset, id.getBytes(StandardCharsets.UTF_8),
                e == null ? null : LedgerJson.write(e));
    }

    @Test
    void refreshReadsWhatOtherWorkersWrote() {
        KafkaLedger ledger = ledger();
        consumer.updateEndOffsets(Map.of(TP0, 3L, TP1, 1L));
        consumer.schedulePollTask(() -> {
            consumer.addRecord(rec(TP0, 0, "a", new LedgerEntry("a", CommandState.PENDING, "RESERVE_RESOURCES", 1, 1,
                    POS, null, Map.of("cpus|dev|", 2.0))));
            consumer.addRecord(rec(TP0, 1, "a", new LedgerEntry("a", CommandState.APPLIED, "RESERVE_RESOURCES", 1, 2,
                    POS, null, null)));
            consumer.addRecord(rec(TP0, 2, "gone", null));
            consumer.addRecord(rec(TP1, 0, "b", new LedgerEntry("b", CommandState.PENDING, "CREATE_VOLUMES", 1, 1,
                    POS, null, Map.of("disk|dev|", 64.0))));
        });
        ledger.refresh();
        assertThat(ledger.get("a")).get().extracting(LedgerEntry::state).isEqualTo(CommandState.APPLIED);
        LedgerEntry b = ledger.get("b").orElseThrow();
        assertThat(b.state()).isEqualTo(CommandState.PENDING);
        assertThat(b.baseline()).containsEntry("disk|dev|", 64.0);
        assertThat(b.source()).isEqualTo(POS);
        assertThat(ledger.get("gone")).isEmpty();
        assertThat(ledger.lag()).isEqualTo(4);
    }

    @Test
    void recordWritesKeyedByCommandIdAndEnforcesTheStateMachine() {
        KafkaLedger ledger = ledger();
        consumer.updateEndOffsets(Map.of(TP0, 0L, TP1, 0L));
        ledger.refresh();
        ledger.record(new LedgerEntry("c", CommandState.PENDING, "DRAIN_AGENT", 0, 1, POS, null, null));
        ledger.record(new LedgerEntry("c", CommandState.REJECTED, "DRAIN_AGENT", 1, 2, POS, "Unknown agent", null));
        assertThat(producer.history()).hasSize(2);
        assertThat(new String(producer.history().get(1).key(), StandardCharsets.UTF_8)).isEqualTo("c");
        assertThat(LedgerJson.read(producer.history().get(1).value()).detail()).isEqualTo("Unknown agent");
        assertThatThrownBy(() -> ledger.record(new LedgerEntry("c", CommandState.APPLIED, "DRAIN_AGENT", 1, 3, POS,
                null, null))).isInstanceOf(IllegalStateException.class);
        assertThat(producer.history()).hasSize(2);
    }

    @Test
    void aFailedWriteIsALedgerExceptionAndChangesNothing() {
        MockProducer<byte[], byte[]> failing =
                new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        KafkaLedger ledger = new KafkaLedger(TOPIC, failing, consumer, Duration.ofMillis(50));
        assertThatThrownBy(() -> ledger.record(new LedgerEntry("c", CommandState.PENDING, "DRAIN_AGENT", 0, 1, POS,
                null, null))).isInstanceOf(LedgerException.class);
        assertThat(ledger.get("c")).isEmpty();
    }

    @Test
    void aSentEntryIsSeenOnlyOnceAcknowledgedAndAFailedOneNever() {
        MockProducer<byte[], byte[]> manual =
                new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        KafkaLedger ledger = new KafkaLedger(TOPIC, manual, consumer, Duration.ofMillis(200));
        LedgerWrite pending = ledger.send(new LedgerEntry("c", CommandState.PENDING, "DRAIN_AGENT", 0, 1, POS, null,
                null));
        assertThat(ledger.get("c")).isEmpty(); // waited for the write, which is not acknowledged yet
        manual.completeNext();
        pending.awaitDurable();
        assertThat(ledger.get("c")).get().extracting(LedgerEntry::state).isEqualTo(CommandState.PENDING);

        LedgerWrite applied = ledger.send(new LedgerEntry("c", CommandState.APPLIED, "DRAIN_AGENT", 1, 2, POS, null,
                null));
        manual.errorNext(new RuntimeException("broker down"));
        assertThatThrownBy(applied::awaitDurable).isInstanceOf(LedgerException.class)
                .hasMessageContaining("APPLIED");
        assertThatThrownBy(applied::awaitDurable).isInstanceOf(LedgerException.class);
        assertThat(ledger.get("c")).get().extracting(LedgerEntry::state).isEqualTo(CommandState.PENDING);
    }

    @Test
    void getWaitsForAWriteOfTheSameCommandThatIsOnItsWay() throws Exception {
        MockProducer<byte[], byte[]> manual =
                new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        KafkaLedger ledger = new KafkaLedger(TOPIC, manual, consumer, Duration.ofSeconds(10));
        ledger.send(new LedgerEntry("c", CommandState.REJECTED, "DRAIN_AGENT", 1, 2, POS, "Unknown agent", null));
        Thread acknowledger = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            manual.completeNext();
        });
        acknowledger.start();
        assertThat(ledger.get("c")).get().extracting(LedgerEntry::state).isEqualTo(CommandState.REJECTED);
        acknowledger.join();
    }

    @Test
    void unreadableRecordsAreSkipped() {
        KafkaLedger ledger = ledger();
        consumer.updateEndOffsets(Map.of(TP0, 1L, TP1, 0L));
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0,
                "x".getBytes(StandardCharsets.UTF_8), "not json".getBytes(StandardCharsets.UTF_8))));
        ledger.refresh();
        assertThat(ledger.get("x")).isEmpty();
    }
}
