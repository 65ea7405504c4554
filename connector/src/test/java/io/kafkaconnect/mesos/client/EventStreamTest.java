package io.kafkaconnect.mesos.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.mesos.v1.master.Protos.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kafkaconnect.mesos.client.recordio.RecordIoWriter;
import io.kafkaconnect.mesos.codec.Encoding;

@Timeout(30)
class EventStreamTest {

    private static final String HEARTBEAT = "{\"type\":\"HEARTBEAT\"}";

    private static byte[] frame(String json) {
        return RecordIoWriter.frame(json.getBytes(UTF_8));
    }

    private static String subscribed(double heartbeatSeconds) {
        return "{\"type\":\"SUBSCRIBED\",\"subscribed\":{\"get_state\":{\"get_tasks\":{\"tasks\":[]}},"
                + "\"heartbeat_interval_seconds\":" + heartbeatSeconds + "}}";
    }

    private static MesosClientConfig.Builder config(URI url) {
        return MesosClientConfig.builder().masterUrl(url)
                .retry(new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(10)))
                .requestTimeout(Duration.ofSeconds(5));
    }

    @Test
    void readsEventsAcrossChunksAndEndsCleanly() throws IOException {
        try (StubMaster master = StubMaster.http((ex, req, i) -> {
            OutputStream out = StubMaster.startStream(ex, "application/json");
            byte[] all = concat(frame(subscribed(15.0)), frame(HEARTBEAT),
                    frame("{\"type\":\"TASK_ADDED\",\"task_added\":{\"task\":{\"name\":\"t\"}}}"));
            for (int offset = 0; offset < all.length; offset += 7) {
                out.write(all, offset, Math.min(7, all.length - offset));
                out.flush();
            }
            out.close();
        }); MesosClient client = new MesosClient(config(master.url()).build());
             EventStream stream = client.subscribe()) {
            assertThat(master.requests().get(0).bodyText()).isEqualTo("{\"type\":\"SUBSCRIBE\"}");
            assertThat(master.requests().get(0).header("Content-Type")).isEqualTo("application/json");

            MesosEvent first = stream.next();
            assertThat(first.type()).isEqualTo("SUBSCRIBED");
            assertThat(first.typed().value().getSubscribed().getHeartbeatIntervalSeconds()).isEqualTo(15.0);
            assertThat(stream.heartbeatIntervalSeconds()).hasValue(15.0);
            assertThat(stream.next().type()).isEqualTo("HEARTBEAT");
            MesosEvent task = stream.next();
            assertThat(task.type()).isEqualTo("TASK_ADDED");
            assertThat(task.json().path("task_added").path("task").path("name").asText()).isEqualTo("t");
            assertThat(stream.next()).isNull();
            assertThat(stream.master()).isEqualTo(master.url());
            assertThat(stream.bytesReceived()).isEqualTo(frame(subscribed(15.0)).length + frame(HEARTBEAT).length
                    + task.sizeBytes() + String.valueOf(task.sizeBytes()).length() + 1);
        }
    }

    @Test
    void keepsUnknownAndUnreadableEventsWithoutStopping() throws IOException {
        String future = "{\"type\":\"OPERATION_UPDATED\",\"operation_updated\":{\"x\":1}}";
        try (StubMaster master = StubMaster.http((ex, req, i) -> {
            OutputStream out = StubMaster.startStream(ex, "application/json");
            out.write(concat(frame(subscribed(15.0)), frame(future), frame("{not json"), frame("{\"a\":1}"),
                    frame(HEARTBEAT)));
            out.close();
        }); MesosClient client = new MesosClient(config(master.url()).build());
             EventStream stream = client.subscribe()) {
            stream.next();
            MesosEvent unknown = stream.next();
            assertThat(unknown.type()).isEqualTo("OPERATION_UPDATED");
            assertThat(unknown.json().path("operation_updated").path("x").asInt()).isEqualTo(1);
            assertThat(new String(unknown.raw(), UTF_8)).isEqualTo(future);

            MesosEvent broken = stream.next();
            assertThat(broken.wellFormed()).isFalse();
            assertThat(broken.failure()).contains("malformed JSON");
            assertThat(new String(broken.raw(), UTF_8)).isEqualTo("{not json");
            assertThat(broken.typed().ok()).isFalse();

            assertThat(stream.next().type()).isEqualTo(MesosEvent.UNKNOWN_TYPE);
            assertThat(stream.next().type()).isEqualTo("HEARTBEAT");
        }
    }

    @Test
    void readsProtobufStreams() throws IOException {
        Event subscribedEvent = Event.newBuilder().setType(Event.Type.SUBSCRIBED)
                .setSubscribed(Event.Subscribed.newBuilder().setHeartbeatIntervalSeconds(15.0)).build();
        Event heartbeat = Event.newBuilder().setType(Event.Type.HEARTBEAT).build();
        try (StubMaster master = StubMaster.http((ex, req, i) -> {
            OutputStream out = StubMaster.startStream(ex, "application/x-protobuf");
            out.write(RecordIoWriter.frameAll(List.of(subscribedEvent.toByteArray(), heartbeat.toByteArray())));
            out.close();
        }); MesosClient client = new MesosClient(config(master.url()).encoding(Encoding.PROTOBUF).build());
             EventStream stream = client.subscribe()) {
            assertThat(master.requests().get(0).header("Accept")).isEqualTo("application/x-protobuf");

            MesosEvent first = stream.next();
            assertThat(first.encoding()).isEqualTo(Encoding.PROTOBUF);
            assertThat(first.type()).isEqualTo("SUBSCRIBED");
            assertThat(first.typed().value()).isEqualTo(subscribedEvent);
            assertThat(first.json().path("subscribed").path("heartbeat_interval_seconds").asDouble()).isEqualTo(15.0);
            assertThat(stream.heartbeatIntervalSeconds()).hasValue(15.0);
            MesosEvent second = stream.next();
            assertThat(second.type()).isEqualTo("HEARTBEAT");
            assertThat(second.raw()).isEqualTo(heartbeat.toByteArray());
            assertThat(stream.next()).isNull();
        }
    }

    @Test
    void malformedFramingIsATypedErrorAndClosesTheStream() throws IOException {
        try (StubMaster master = StubMaster.http((ex, req, i) -> {
            OutputStream out = StubMaster.startStream(ex, "application/json");
            out.write(concat(frame(subscribed(15.0)), "xyz\n".getBytes(UTF_8)));
            out.flush();
            sleep(2000);
        }); MesosClient client = new MesosClient(config(master.url()).build());
             EventStream stream = client.subscribe()) {
            stream.next();
            assertThatThrownBy(stream::next).isInstanceOf(RecordIoException.class).hasMessageContaining("garbage");
            assertThat(stream.next()).isNull();
        }
    }

    @Test
    void oversizedRecordIsAFrameTooLargeError() throws IOException {
        try (StubMaster master = StubMaster.http((ex, req, i) -> {
            OutputStream out = StubMaster.startStream(ex, "application/json");
            out.write(concat(frame(subscribed(15.0)), "5000000\n".getBytes(UTF_8)));
            out.flush();
            sleep(2000);
        }); MesosClient client = new MesosClient(config(master.url()).maxRecordBytes(1024).build());
             EventStream stream = client.subscribe()) {
            assertThat(stream.next().type()).isEqualTo("SUBSCRIBED");
            assertThatThrownBy(stream::next).isInstanceOf(FrameTooLargeException.class);
        }
    }

    @Test
    void watchdogCancelsAStreamThatGoesSilentAfterSubscribed() throws IOException {
        CountDownLatch release = new CountDownLatch(1);
        try (StubMaster master = StubMaster.http((ex, req, i) -> {
            OutputStream out = StubMaster.startStream(ex, "application/json");
            out.write(concat(frame(subscribed(0.1)), frame(HEARTBEAT)));
            out.flush();
            await(release);
        }); MesosClient client = new MesosClient(config(master.url()).heartbeatMultiplier(2)
                .stallFallbackTimeout(Duration.ofSeconds(60)).build());
             EventStream stream = client.subscribe()) {
            assertThat(stream.next().type()).isEqualTo("SUBSCRIBED");
            assertThat(stream.next().type()).isEqualTo("HEARTBEAT");
            assertThatThrownBy(stream::next).isInstanceOfSatisfying(StreamStalledException.class,
                    e -> assertThat(e.window()).isEqualTo(Duration.ofMillis(200)));
            assertThat(stream.next()).isNull();
        } finally {
            release.countDown();
        }
    }

    @Test
    void watchdogUsesTheFallbackBeforeSubscribed() throws IOException {
        CountDownLatch release = new CountDownLatch(1);
        try (StubMaster master = StubMaster.http((ex, req, i) -> {
            StubMaster.startStream(ex, "application/json").flush();
            await(release);
        }); MesosClient client = new MesosClient(config(master.url())
                .stallFallbackTimeout(Duration.ofMillis(300)).build());
             EventStream stream = client.subscribe()) {
            assertThatThrownBy(stream::next).isInstanceOfSatisfying(StreamStalledException.class,
                    e -> assertThat(e.window()).isEqualTo(Duration.ofMillis(300)));
        } finally {
            release.countDown();
        }
    }

    @Test
    void aSlowBigFirstRecordDoesNotTripTheWatchdog() throws IOException {
        String padding = "x".repeat(200_000);
        String big = "{\"type\":\"SUBSCRIBED\",\"subscribed\":{\"heartbeat_interval_seconds\":15.0},\"pad\":\""
                + padding + "\"}";
        byte[] wire = concat(frame(big), frame(HEARTBEAT));
        int pieces = 25;
        try (StubMaster master = StubMaster.http((ex, req, i) -> {
            OutputStream out = StubMaster.startStream(ex, "application/json");
            int step = wire.length / pieces + 1;
            for (int offset = 0; offset < wire.length; offset += step) {
                out.write(wire, offset, Math.min(step, wire.length - offset));
                out.flush();
                sleep(60); // 25 x 60 ms: the whole record takes far longer than the 250 ms window
            }
            out.close();
        }); MesosClient client = new MesosClient(config(master.url())
                .stallFallbackTimeout(Duration.ofMillis(250)).build());
             EventStream stream = client.subscribe()) {
            MesosEvent first = stream.next();
            assertThat(first.type()).isEqualTo("SUBSCRIBED");
            assertThat(first.sizeBytes()).isEqualTo(big.length());
            assertThat(stream.next().type()).isEqualTo("HEARTBEAT");
            assertThat(stream.next()).isNull();
        }
    }

    @Test
    void closeFromAnotherThreadEndsABlockedNext() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (StubMaster master = StubMaster.http((ex, req, i) -> {
            OutputStream out = StubMaster.startStream(ex, "application/json");
            out.write(frame(subscribed(15.0)));
            out.flush();
            await(release);
        }); MesosClient client = new MesosClient(config(master.url()).build())) {
            EventStream stream = client.subscribe();
            stream.next();
            Thread closer = new Thread(() -> {
                sleep(200);
                stream.close();
            });
            closer.start();
            assertThat(stream.next()).isNull();
            closer.join();
        } finally {
            release.countDown();
        }
    }

    @Test
    void closeWhileAWholeFirstRecordIsReadEndsTheStreamWithoutARecord() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        byte[] first = frame(snapshot(3));
        try (StubMaster master = StubMaster.http((ex, req, i) -> {
            OutputStream out = StubMaster.startStream(ex, "application/json");
            out.write(first, 0, first.length / 2);
            out.flush();
            await(release);
        }); MesosClient client = new MesosClient(config(master.url()).build())) {
            EventStream stream = client.subscribe();
            Thread closer = new Thread(() -> {
                sleep(200);
                stream.close();
            });
            closer.start();
            assertThat(stream.subscribed(1024)).isNull();
            closer.join();
        } finally {
            release.countDown();
        }
    }

    @Test
    void subscribeFollowsRedirectsToTheLeader() throws IOException {
        try (StubMaster leader = StubMaster.http((ex, req, i) -> {
            OutputStream out = StubMaster.startStream(ex, "application/json");
            out.write(frame(subscribed(15.0)));
            out.close();
        }); StubMaster standby = StubMaster.http((ex, req, i) ->
                StubMaster.redirect(ex, "//127.0.0.1:" + leader.port() + "/master/api/v1"));
             MesosClient client = new MesosClient(config(standby.url()).build());
             EventStream stream = client.subscribe()) {
            assertThat(stream.master()).isEqualTo(leader.url());
            assertThat(stream.next().type()).isEqualTo("SUBSCRIBED");
            assertThat(leader.requests().get(0).path()).isEqualTo("/master/api/v1");
        }
    }

    @Test
    void subscribeGivesUpWhenNoHeadersArrive() throws IOException {
        CountDownLatch release = new CountDownLatch(1);
        try (StubMaster master = StubMaster.http((ex, req, i) -> await(release));
             MesosClient client = new MesosClient(config(master.url()).requestTimeout(Duration.ofMillis(300))
                     .build())) {
            assertThatThrownBy(client::subscribe).isInstanceOfSatisfying(MesosConnectionException.class,
                    e -> assertThat(e).hasMessageContaining("no response headers"));
            assertThat(master.requests()).hasSize(2);
        } finally {
            release.countDown();
        }
    }

    /** A SUBSCRIBED with {@code tasks} running tasks, get_state first as a master writes it. */
    private static String snapshot(int tasks) {
        StringBuilder list = new StringBuilder();
        for (int t = 0; t < tasks; t++) {
            list.append(t == 0 ? "" : ",").append("{\"name\":\"t\",\"task_id\":{\"value\":\"t").append(t)
                    .append("\"},\"framework_id\":{\"value\":\"f1\"},\"agent_id\":{\"value\":\"a1\"},"
                            + "\"state\":\"TASK_RUNNING\"}");
        }
        return "{\"type\":\"SUBSCRIBED\",\"subscribed\":{\"get_state\":{\"get_tasks\":{\"tasks\":[" + list
                + "]}},\"heartbeat_interval_seconds\":15.0}}";
    }

    @Test
    void aSubscribedOverTheLimitIsReadFromTheConnectionEntityByEntityAndTheStreamGoesOn() throws IOException {
        try (StubMaster master = StubMaster.http((ex, req, i) -> {
            OutputStream out = StubMaster.startStream(ex, "application/json");
            byte[] all = concat(frame(snapshot(500)), frame(HEARTBEAT));
            for (int offset = 0; offset < all.length; offset += 4096) {
                out.write(all, offset, Math.min(4096, all.length - offset));
                out.flush();
            }
            out.close();
        }); MesosClient client = new MesosClient(config(master.url()).build());
             EventStream stream = client.subscribe()) {
            SubscribedRecord first = stream.subscribed(1024);
            assertThat(first.streamed()).isTrue();
            assertThat(first.sizeBytes()).isEqualTo(snapshot(500).length());
            int tasks = 0;
            for (var entity = first.next(); entity != null; entity = first.next()) {
                assertThat(entity.value().path("task_id").path("value").asText()).isEqualTo("t" + tasks++);
                if (tasks == 1) {
                    assertThat(stream.bytesReceived()).as("read as it is used").isLessThan(first.sizeBytes());
                    assertThat(stream.heartbeatIntervalSeconds()).as("known only at the end").isEmpty();
                }
            }
            assertThat(tasks).isEqualTo(500);
            assertThat(first.type()).isEqualTo("SUBSCRIBED");
            assertThat(first.raw()).isNull();
            assertThat(first.json().path("subscribed").has("get_state")).isFalse();
            assertThat(stream.heartbeatIntervalSeconds()).hasValue(15.0);
            assertThat(stream.next().type()).isEqualTo("HEARTBEAT");
            assertThat(stream.next()).isNull();
        }
    }

    @Test
    void aSubscribedWithinTheLimitIsReadWhole() throws IOException {
        try (StubMaster master = StubMaster.http((ex, req, i) -> {
            OutputStream out = StubMaster.startStream(ex, "application/json");
            out.write(concat(frame(snapshot(3)), frame(HEARTBEAT)));
            out.close();
        }); MesosClient client = new MesosClient(config(master.url()).build());
             EventStream stream = client.subscribe()) {
            SubscribedRecord first = stream.subscribed(1024);
            assertThat(first.streamed()).isFalse();
            assertThat(first.next()).isNull();
            assertThat(new String(first.raw(), UTF_8)).isEqualTo(snapshot(3));
            assertThat(first.json().path("subscribed").path("get_state").path("get_tasks").path("tasks")).hasSize(3);
            assertThat(stream.heartbeatIntervalSeconds()).hasValue(15.0);
            assertThat(stream.next().type()).isEqualTo("HEARTBEAT");
        }
    }

    @Test
    void aConnectionCutInsideAStreamedSnapshotIsAnErrorNeverAnEnd() throws IOException {
        byte[] whole = frame(snapshot(200));
        try (StubMaster master = StubMaster.http((ex, req, i) -> {
            OutputStream out = StubMaster.startStream(ex, "application/json");
            out.write(whole, 0, whole.length / 2);
            out.close();
        }); MesosClient client = new MesosClient(config(master.url()).build());
             EventStream stream = client.subscribe()) {
            SubscribedRecord first = stream.subscribed(1024);
            assertThatThrownBy(() -> {
                while (first.next() != null) {
                    // reads on until the cut
                }
            }).isInstanceOf(RecordIoException.class).hasMessageContaining("ended inside record 1");
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] all = new byte[length];
        int offset = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, offset, p.length);
            offset += p.length;
        }
        return all;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
