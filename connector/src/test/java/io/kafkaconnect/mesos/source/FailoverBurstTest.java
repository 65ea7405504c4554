package io.kafkaconnect.mesos.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.kafkaconnect.mesos.source.state.EntityModel;
import io.kafkaconnect.mesos.source.state.PublishedState;
import io.kafkaconnect.mesos.source.state.RecoveryHolds;
import io.kafkaconnect.mesos.source.state.SnapshotMode;
import io.kafkaconnect.mesos.source.stream.Backoff;
import io.kafkaconnect.mesos.source.stream.DisconnectReason;
import io.kafkaconnect.mesos.source.stream.StreamConnection;
import io.kafkaconnect.mesos.source.stream.StreamEvent;
import io.kafkaconnect.mesos.source.stream.StreamItem;
import io.kafkaconnect.mesos.source.stream.StreamReader;

/**
 * A failover-sized burst (120,000 events right after SUBSCRIBED, as agents re-register) goes through the reader, the
 * bounded queue and the processor with nothing dropped, no overflow and no queue-full resubscribe.
 */
class FailoverBurstTest {

    private static final int BURST = 120_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static StreamEvent event(String json) {
        try {
            byte[] raw = json.getBytes(StandardCharsets.UTF_8);
            JsonNode tree = JSON.readTree(raw);
            return new StreamEvent(tree.path("type").asText(), tree, raw, true, raw.length, System.currentTimeMillis());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aBurstPassesThroughWithoutLossOrResubscribe() throws Exception {
        AtomicInteger produced = new AtomicInteger();
        StreamConnection burst = new StreamConnection() {
            @Override
            public StreamEvent next() throws InterruptedException {
                int n = produced.getAndIncrement();
                if (n == 0) {
                    return event("{\"type\":\"SUBSCRIBED\",\"subscribed\":{\"get_state\":{}}}");
                }
                if (n <= BURST) {
                    int task = n % 5_000;
                    return event("{\"type\":\"TASK_ADDED\",\"task_added\":{\"task\":{\"name\":\"t\",\"task_id\":"
                            + "{\"value\":\"t" + task + "\"},\"framework_id\":{\"value\":\"f\"},\"agent_id\":"
                            + "{\"value\":\"a" + (task % 50) + "\"},\"state\":\"TASK_" + ((n / 5_000) % 2 == 0 ? "STAGING"
                            : "RUNNING") + "\"}}}");
                }
                Thread.sleep(60_000);
                return null;
            }

            @Override
            public String master() {
                return "http://m1:5050";
            }

            @Override
            public void close() {
            }
        };
        BlockingQueue<StreamItem> queue = new ArrayBlockingQueue<>(1_000);
        SourceTaskMetrics metrics = new SourceTaskMetrics("burst-test", 0);
        StreamProcessor processor = new StreamProcessor(new EntityModel(new PublishedState(),
                new RecoveryHolds(Duration.ofMinutes(10))), new RecordFactory("mesos"), SnapshotMode.INITIAL, false,
                false, 1_000_000, true, metrics);
        int events = 0;
        int taskRecords = 0;
        try (StreamReader reader = new StreamReader(() -> burst, queue, Duration.ofSeconds(20),
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), new Random(1)),
                t -> DisconnectReason.OTHER, metrics, "burst-reader")) {
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (events < BURST + 1 && System.nanoTime() < deadline) {
                StreamItem item = queue.poll(100, TimeUnit.MILLISECONDS);
                if (item == null) {
                    continue;
                }
                List<SourceRecord> records = Processed.all(processor, item);
                for (SourceRecord record : records) {
                    if (record.topic().equals("mesos.events")) {
                        events++;
                    } else if (record.topic().equals("mesos.tasks")) {
                        taskRecords++;
                    }
                }
            }
            assertThat(reader.receivedIndex()).isEqualTo(BURST + 1);
        }
        assertThat(events).as("every event archived").isEqualTo(BURST + 1);
        assertThat(taskRecords).as("every state change published").isEqualTo(BURST);
        assertThat(metrics.snapshot()).containsEntry("reconnects-total", 0L);
    }
}
