package io.kafkaconnect.mesos.source.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.kafkaconnect.mesos.client.snapshot.SnapshotEntity;
import io.kafkaconnect.mesos.client.snapshot.SnapshotSection;

class StreamReaderTest {

    private static final Backoff FAST = new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), new Random(3));

    private static StreamEvent event(String type) {
        return new StreamEvent(type, JsonNodeFactory.instance.objectNode().put("type", type), new byte[0], true, 0,
                System.currentTimeMillis());
    }

    /** A scripted stream: yields its events, then ends (null), fails, or blocks until closed. */
    private static class FakeConnection implements StreamConnection {
        final List<StreamEvent> events;
        final Exception failure;
        final boolean endless;
        final CountDownLatch closed = new CountDownLatch(1);
        int next;

        FakeConnection(List<StreamEvent> events, Exception failure, boolean endless) {
            this.events = events;
            this.failure = failure;
            this.endless = endless;
        }

        @Override
        public StreamEvent next() throws Exception {
            if (next < events.size()) {
                return events.get(next++);
            }
            if (endless) {
                if (closed.getCount() == 0) {
                    throw new IOException("closed");
                }
                return event("TASK_UPDATED");
            }
            if (failure != null) {
                throw failure;
            }
            return null;
        }

        @Override
        public String master() {
            return "http://m1:5050";
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    private static final class RecordingListener implements StreamListener {
        final List<DisconnectReason> reasons = new CopyOnWriteArrayList<>();
        final AtomicInteger connects = new AtomicInteger();

        @Override
        public void connected(String master) {
            connects.incrementAndGet();
        }

        @Override
        public void disconnected(DisconnectReason reason) {
            reasons.add(reason);
        }

        @Override
        public void received(StreamEvent event) {
        }
    }

    private static DisconnectReason classify(Throwable t) {
        return t instanceof IOException ? DisconnectReason.CONNECTION : DisconnectReason.OTHER;
    }

    private static List<StreamItem> take(BlockingQueue<StreamItem> queue, int n) throws InterruptedException {
        List<StreamItem> items = new ArrayList<>();
        while (items.size() < n) {
            StreamItem item = queue.poll(5, TimeUnit.SECONDS);
            assertThat(item).as("item %d of %d", items.size() + 1, n).isNotNull();
            items.add(item);
        }
        return items;
    }

    @Test
    void eventsArriveInOrderAndAReconnectStartsANewGeneration() throws Exception {
        ConcurrentLinkedQueue<FakeConnection> script = new ConcurrentLinkedQueue<>(List.of(
                new FakeConnection(List.of(event("SUBSCRIBED"), event("HEARTBEAT")), null, false),
                new FakeConnection(List.of(event("SUBSCRIBED")), new IOException("reset"), false),
                new FakeConnection(List.of(), null, true)));
        BlockingQueue<StreamItem> queue = new ArrayBlockingQueue<>(100);
        RecordingListener listener = new RecordingListener();
        try (StreamReader reader = new StreamReader(script::remove, queue, Duration.ofSeconds(5), FAST,
                StreamReaderTest::classify, listener, "test-reader")) {
            reader.start();
            List<StreamItem> items = take(queue, 6);
            assertThat(items.get(0)).isInstanceOf(StreamItem.Opened.class);
            StreamItem.Received first = (StreamItem.Received) items.get(1);
            StreamItem.Received second = (StreamItem.Received) items.get(2);
            assertThat(first.sequence()).isZero();
            assertThat(second.sequence()).isEqualTo(1);
            assertThat(second.index()).isGreaterThan(first.index());
            StreamItem.Opened reopened = (StreamItem.Opened) items.get(3);
            assertThat(reopened.generation()).isEqualTo(2);
            StreamItem.Received again = (StreamItem.Received) items.get(4);
            assertThat(again.sequence()).isZero();
            assertThat(again.generation()).isEqualTo(2);
            assertThat(again.index()).isGreaterThan(second.index());
            assertThat(items.get(5)).isInstanceOf(StreamItem.Opened.class);
            assertThat(listener.reasons).containsExactly(DisconnectReason.END_OF_STREAM, DisconnectReason.CONNECTION);
        }
    }

    @Test
    void aQueueThatStaysFullMakesTheReaderResubscribeOnceItDrains() throws Exception {
        FakeConnection firehose = new FakeConnection(List.of(), null, true);
        FakeConnection next = new FakeConnection(List.of(event("SUBSCRIBED")), null, true);
        ConcurrentLinkedQueue<FakeConnection> script = new ConcurrentLinkedQueue<>(List.of(firehose, next));
        BlockingQueue<StreamItem> queue = new ArrayBlockingQueue<>(10);
        RecordingListener listener = new RecordingListener();
        try (StreamReader reader = new StreamReader(script::remove, queue, Duration.ofMillis(100), FAST,
                StreamReaderTest::classify, listener, "test-reader")) {
            reader.start();
            assertThat(firehose.closed.await(5, TimeUnit.SECONDS)).as("the stalled stream is closed").isTrue();
            Thread.sleep(200);
            assertThat(listener.connects.get()).as("no resubscribe while the queue is still full").isEqualTo(1);
            assertThat(listener.reasons).containsExactly(DisconnectReason.QUEUE_FULL);

            List<StreamItem> drained = take(queue, 10);
            assertThat(drained).filteredOn(StreamItem.Received.class::isInstance).hasSize(9);
            StreamItem afterDrain = queue.poll(5, TimeUnit.SECONDS);
            assertThat(afterDrain).isInstanceOfSatisfying(StreamItem.Opened.class,
                    o -> assertThat(o.generation()).isEqualTo(2));
        }
    }

    @Test
    void closeUnblocksAReaderWaitingOnTheMaster() throws Exception {
        CountDownLatch opened = new CountDownLatch(1);
        StreamConnection hanging = new StreamConnection() {
            final CountDownLatch closed = new CountDownLatch(1);

            @Override
            public StreamEvent next() throws Exception {
                opened.countDown();
                closed.await();
                throw new IOException("socket closed");
            }

            @Override
            public String master() {
                return "m";
            }

            @Override
            public void close() {
                closed.countDown();
            }
        };
        StreamReader reader = new StreamReader(() -> hanging, new ArrayBlockingQueue<>(10), Duration.ofSeconds(1),
                FAST, StreamReaderTest::classify, StreamListener.NONE, "test-reader");
        reader.start();
        assertThat(opened.await(5, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        reader.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    /** A connection whose SUBSCRIBED streams {@code entities} entities of {@code size} bytes, then one HEARTBEAT. */
    private static StreamConnection streamingSnapshot(int entities, long size, AtomicInteger pulled) {
        return new FakeConnection(List.of(event("HEARTBEAT")), null, false) {
            @Override
            public SubscribedSnapshot subscribed() {
                return new SubscribedSnapshot() {
                    @Override
                    public SnapshotEntity next() {
                        return pulled.get() == entities ? null : new SnapshotEntity(SnapshotSection.TASKS,
                                JsonNodeFactory.instance.objectNode().put("n", pulled.getAndIncrement()), size);
                    }

                    @Override
                    public StreamEvent event() {
                        return StreamReaderTest.event("SUBSCRIBED");
                    }
                };
            }
        };
    }

    @Test
    void aStreamedSnapshotReachesTheTaskInChunksThenItsEventThenTheStream() throws Exception {
        AtomicInteger pulled = new AtomicInteger();
        ConcurrentLinkedQueue<StreamConnection> script = new ConcurrentLinkedQueue<>(List.of(
                streamingSnapshot(1_000, 100, pulled), new FakeConnection(List.of(), null, true)));
        BlockingQueue<StreamItem> queue = new ArrayBlockingQueue<>(100);
        try (StreamReader reader = new StreamReader(script::remove, queue, Duration.ofSeconds(5), FAST,
                StreamReaderTest::classify, StreamListener.NONE, "test-reader")) {
            reader.start();
            List<Integer> order = new ArrayList<>();
            List<StreamItem> rest = new ArrayList<>();
            assertThat(queue.poll(5, TimeUnit.SECONDS)).isInstanceOf(StreamItem.Opened.class);
            while (rest.size() < 2) {
                StreamItem item = queue.poll(5, TimeUnit.SECONDS);
                assertThat(item).isNotNull();
                if (item instanceof StreamItem.SnapshotChunk chunk) {
                    assertThat(rest).as("no event before the last piece").isEmpty();
                    assertThat(chunk.entities()).hasSizeBetween(1, 128);
                    chunk.entities().forEach(e -> order.add(e.value().path("n").asInt()));
                    chunk.release();
                } else {
                    rest.add(item);
                }
            }
            assertThat(order).as("every entity, in order").hasSize(1_000).isSorted().doesNotHaveDuplicates();
            assertThat(rest).extracting(i -> ((StreamItem.Received) i).event().type())
                    .containsExactly("SUBSCRIBED", "HEARTBEAT");
            assertThat(rest).extracting(i -> ((StreamItem.Received) i).sequence()).containsExactly(0L, 1L);
        }
    }

    @Test
    void aSnapshotIsReadAheadOnlyWithinItsBudgetAndATaskThatTakesNothingMakesTheReaderResubscribe()
            throws Exception {
        AtomicInteger pulled = new AtomicInteger();
        long mib = 1024 * 1024;
        ConcurrentLinkedQueue<StreamConnection> script = new ConcurrentLinkedQueue<>(List.of(
                streamingSnapshot(1_000, mib, pulled), new FakeConnection(List.of(), null, true)));
        BlockingQueue<StreamItem> queue = new ArrayBlockingQueue<>(100);
        RecordingListener listener = new RecordingListener();
        try (StreamReader reader = new StreamReader(script::remove, queue, Duration.ofMillis(300), FAST,
                StreamReaderTest::classify, listener, "test-reader")) {
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (listener.reasons.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(listener.reasons).first().isEqualTo(DisconnectReason.QUEUE_FULL);
            long budgetEntities = StreamReader.SNAPSHOT_READ_AHEAD_KIB * 1024L / mib;
            assertThat(queue).filteredOn(StreamItem.SnapshotChunk.class::isInstance).hasSize((int) budgetEntities);
            assertThat(pulled.get()).as("read from the master").isEqualTo((int) budgetEntities + 1);
        }
    }

    @Test
    void backoffGrowsButStaysUnderItsCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), new Random(11));
        for (int attempt = 0; attempt < 40; attempt++) {
            long bound = Math.min(2000, 100L << Math.min(attempt, 30));
            assertThat(backoff.delay(attempt).toMillis()).isBetween(0L, bound);
        }
    }
}
