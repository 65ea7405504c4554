package io.kafkaconnect.mesos.source.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kafkaconnect.mesos.client.snapshot.SnapshotEntity;

/**
 * Reads the SUBSCRIBE stream on its own thread and hands events to the task through a bounded queue, so the stream
 * thread never waits on Kafka and {@code poll()} never waits on the network. Reconnects with backoff when the stream
 * ends or fails. When the queue stays full for {@code queueFullTimeout} (Kafka slower than the master for that long),
 * the stream is closed and, once the queue has drained to half, resubscribed: the master would otherwise buffer for the
 * slow reader without limit, and the next snapshot's reconciliation restores whatever the dropped stream carried. A
 * SUBSCRIBED that the connection streams entity by entity goes to the task in {@link StreamItem.SnapshotChunk}s, read
 * ahead only within a budget of encoded bytes that the task releases as it processes them.
 */
public final class StreamReader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamReader.class);
    /** A streamed snapshot goes to the task in chunks of at most this many entities or bytes. */
    private static final int CHUNK_ENTITIES = 128;
    private static final long CHUNK_BYTES = 64 * 1024;
    /** Encoded snapshot entities read ahead of the task (their trees take several times more heap). */
    static final int SNAPSHOT_READ_AHEAD_KIB = 4 * 1024;

    private final StreamConnector connector;
    private final BlockingQueue<StreamItem> queue;
    private final int capacity;
    private final Duration queueFullTimeout;
    private final Backoff backoff;
    private final Function<Throwable, DisconnectReason> classifier;
    private final StreamListener listener;
    private final AtomicLong index = new AtomicLong();
    private final Semaphore readAhead = new Semaphore(SNAPSHOT_READ_AHEAD_KIB);
    private final AtomicLong generation = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile StreamConnection current;

    public StreamReader(StreamConnector connector, BlockingQueue<StreamItem> queue, Duration queueFullTimeout,
                        Backoff backoff, Function<Throwable, DisconnectReason> classifier, StreamListener listener,
                        String threadName) {
        this.connector = connector;
        this.queue = queue;
        this.capacity = queue.remainingCapacity() + queue.size();
        this.queueFullTimeout = queueFullTimeout;
        this.backoff = backoff;
        this.classifier = classifier;
        this.listener = listener;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** The receive index of the last event handed to the queue (increases across streams). */
    public long receivedIndex() {
        return index.get();
    }

    /** Bytes received on the current stream, or -1 when none is open. */
    public long bytesReceived() {
        StreamConnection connection = current;
        return connection == null ? -1 : connection.bytesReceived();
    }

    /** The generation of the current (or last) stream; 0 before the first one opens. */
    public long generation() {
        return generation.get();
    }

    private void run() {
        int attempt = 0;
        while (running) {
            DisconnectReason reason;
            StreamConnection connection = null;
            try {
                awaitQueueRoom();
                if (!running) {
                    break;
                }
                connection = connector.open();
                current = connection;
                long gen = generation.incrementAndGet();
                String streamId = UUID.randomUUID().toString();
                if (!put(new StreamItem.Opened(gen, streamId, connection.master(), connection.masterId()))) {
                    break;
                }
                log.info("Subscribed to the event stream of {} (stream {})", connection.master(), streamId);
                listener.connected(connection.master());
                reason = pump(connection, gen, streamId);
                if (reason == null) {
                    attempt = 0;
                    reason = DisconnectReason.END_OF_STREAM;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Throwable t) {
                if (!running) {
                    break;
                }
                reason = classifier.apply(t);
                log.warn("Event stream failed ({}): {}", reason.metricName(), t.toString());
            } finally {
                current = null;
                if (connection != null) {
                    connection.close();
                }
            }
            if (!running) {
                break;
            }
            listener.disconnected(reason);
            if (reason == DisconnectReason.END_OF_STREAM || reason == DisconnectReason.QUEUE_FULL) {
                attempt = Math.min(attempt, 1);
            }
            Duration delay = backoff.delay(attempt++);
            log.info("Resubscribing in {} ms after {}", delay.toMillis(), reason.metricName());
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        log.debug("Stream reader stopped");
    }

    /** Reads events until the stream ends (null), the queue stays full (QUEUE_FULL) or the reader stops. */
    private DisconnectReason pump(StreamConnection connection, long gen, String streamId) throws Exception {
        SubscribedSnapshot first = connection.subscribed();
        if (first != null && !handOffSnapshot(first, gen, streamId)) {
            return DisconnectReason.QUEUE_FULL;
        }
        StreamEvent event = first == null ? null : first.event();
        long sequence = 0;
        while (running) {
            if (sequence > 0) {
                event = connection.next();
            }
            if (event == null) {
                log.info("The master {} ended the event stream {}", connection.master(), streamId);
                return null;
            }
            listener.received(event);
            StreamItem.Received item = new StreamItem.Received(gen, streamId, index.get() + 1, sequence++, event);
            if (!queue.offer(item, queueFullTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return queueFull(streamId);
            }
            index.incrementAndGet();
        }
        return null;
    }

    /**
     * Hands a streamed snapshot's entities to the task in chunks, reading ahead at most {@link #SNAPSHOT_READ_AHEAD_KIB}
     * of encoded entities: the snapshot of a large cluster is far bigger than the heap it may use.
     *
     * @return false if the task took none of it for the queue-full timeout
     */
    private boolean handOffSnapshot(SubscribedSnapshot snapshot, long gen, String streamId) throws Exception {
        List<SnapshotEntity> chunk = new ArrayList<>(CHUNK_ENTITIES);
        long chunkBytes = 0;
        SnapshotEntity entity;
        while (running && (entity = snapshot.next()) != null) {
            chunk.add(entity);
            chunkBytes += entity.sizeBytes();
            if (chunk.size() == CHUNK_ENTITIES || chunkBytes >= CHUNK_BYTES) {
                if (!offerChunk(gen, streamId, chunk, chunkBytes)) {
                    return false;
                }
                chunk = new ArrayList<>(CHUNK_ENTITIES);
                chunkBytes = 0;
            }
        }
        return chunk.isEmpty() || offerChunk(gen, streamId, chunk, chunkBytes);
    }

    private boolean offerChunk(long gen, String streamId, List<SnapshotEntity> entities, long bytes)
            throws InterruptedException {
        int permits = (int) Math.max(1, Math.min(SNAPSHOT_READ_AHEAD_KIB, bytes / 1024));
        long timeout = queueFullTimeout.toMillis();
        if (!readAhead.tryAcquire(permits, timeout, TimeUnit.MILLISECONDS)) {
            queueFull(streamId);
            return false;
        }
        if (!queue.offer(new StreamItem.SnapshotChunk(gen, entities, () -> readAhead.release(permits)), timeout,
                TimeUnit.MILLISECONDS)) {
            readAhead.release(permits);
            queueFull(streamId);
            return false;
        }
        return true;
    }

    private DisconnectReason queueFull(String streamId) {
        log.warn("The hand-off queue stayed full for {} ms; closing stream {} and resubscribing once it drains",
                queueFullTimeout.toMillis(), streamId);
        return DisconnectReason.QUEUE_FULL;
    }

    private void awaitQueueRoom() throws InterruptedException {
        while (running && queue.size() > capacity / 2) {
            Thread.sleep(20);
        }
    }

    private boolean put(StreamItem item) throws InterruptedException {
        while (running) {
            if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        running = false;
        StreamConnection connection = current;
        if (connection != null) {
            connection.close();
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
