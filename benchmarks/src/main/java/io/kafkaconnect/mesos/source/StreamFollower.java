package io.kafkaconnect.mesos.source;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.kafkaconnect.mesos.client.MesosClient;
import io.kafkaconnect.mesos.config.MesosConnectionConfig;
import io.kafkaconnect.mesos.source.stream.Backoff;
import io.kafkaconnect.mesos.source.stream.DisconnectReason;
import io.kafkaconnect.mesos.source.stream.StreamEvent;
import io.kafkaconnect.mesos.source.stream.StreamItem;
import io.kafkaconnect.mesos.source.stream.StreamListener;
import io.kafkaconnect.mesos.source.stream.StreamReader;

/**
 * The source task's stream side, wired as {@link MesosSourceTask} wires it (client, redirects and retries, watchdog,
 * reader thread with its reconnect backoff) from a connector configuration, with a drain thread in place of the task's
 * {@code poll()}. Records when each stream opened, ended and delivered events, for the failover benchmark.
 */
public final class StreamFollower implements AutoCloseable {

    /** Something that happened on the stream, at {@link System#nanoTime()} {@code at}. */
    public record Mark(long at, String what, DisconnectReason reason) {
    }

    private final MesosClient client;
    private final StreamReader reader;
    private final Thread drain;
    private final List<Mark> marks = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    public StreamFollower(Map<String, String> props) {
        MesosSourceConnectorConfig config = new MesosSourceConnectorConfig(props);
        client = new MesosClient(MesosConnectionConfig.toClientConfig(config));
        BlockingQueue<StreamItem> queue = new ArrayBlockingQueue<>(
                config.getInt(MesosSourceConnectorConfig.STREAM_QUEUE_CAPACITY));
        reader = new StreamReader(new ClientStreamConnector(client, new MasterIdentity(client),
                config.getInt(MesosSourceConnectorConfig.EVENTS_SNAPSHOT_MAX_BYTES)), queue,
                config.duration(MesosSourceConnectorConfig.STREAM_QUEUE_FULL_TIMEOUT_MS),
                new Backoff(config.duration(MesosSourceConnectorConfig.STREAM_BACKOFF_MS),
                        config.duration(MesosSourceConnectorConfig.STREAM_BACKOFF_MAX_MS), new Random()),
                ClientStreamConnector::classify, new StreamListener() {
                    @Override
                    public void connected(String master) {
                        marks.add(new Mark(System.nanoTime(), "connected", null));
                    }

                    @Override
                    public void disconnected(DisconnectReason reason) {
                        marks.add(new Mark(System.nanoTime(), "disconnected", reason));
                    }

                    @Override
                    public void received(StreamEvent event) {
                        marks.add(new Mark(System.nanoTime(), event.type(), null));
                    }
                }, "bench-stream");
        drain = new Thread(() -> {
            while (running) {
                try {
                    if (queue.poll(100, TimeUnit.MILLISECONDS) instanceof StreamItem.SnapshotChunk chunk) {
                        chunk.release();
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-stream-drain");
        drain.setDaemon(true);
        drain.start();
        reader.start();
    }

    /** The first mark after {@code since} that {@code what} names (an event type, "connected", "disconnected"). */
    public Mark awaitMark(long since, String what, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Mark mark : marks) {
                if (mark.at() >= since && mark.what().equals(what)) {
                    return mark;
                }
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("no '" + what + "' within " + timeout + "; marks: " + marks.size());
    }

    @Override
    public void close() {
        running = false;
        reader.close();
        drain.interrupt();
        client.close();
    }
}
