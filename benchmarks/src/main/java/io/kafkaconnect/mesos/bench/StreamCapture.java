package io.kafkaconnect.mesos.bench;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.kafkaconnect.mesos.client.EventStream;
import io.kafkaconnect.mesos.client.MesosClient;
import io.kafkaconnect.mesos.client.MesosClientConfig;
import io.kafkaconnect.mesos.client.MesosEvent;
import io.kafkaconnect.mesos.codec.Encoding;

/**
 * Records a master's SUBSCRIBE stream as it went over the wire: each record's bytes, in order, read on a thread of its
 * own so that the caller can drive the workload meanwhile. {@link #framed} puts them back into RecordIO framing.
 */
public final class StreamCapture implements AutoCloseable {

    private final MesosClient client;
    private final EventStream stream;
    private final List<byte[]> records = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile long lastRecordNanos = System.nanoTime();

    private StreamCapture(URI master, Encoding encoding) {
        client = new MesosClient(MesosClientConfig.builder().masterUrl(master).encoding(encoding).build());
        stream = client.subscribe();
        reader = new Thread(this::read, "bench-capture-" + encoding);
        reader.setDaemon(true);
        reader.start();
    }

    public static StreamCapture open(URI master, Encoding encoding) {
        return new StreamCapture(master, encoding);
    }

    private void read() {
        try {
            MesosEvent event;
            while ((event = stream.next()) != null) {
                records.add(event.raw());
                lastRecordNanos = System.nanoTime();
            }
        } catch (RuntimeException e) {
            // closed by close(): the capture is over
        }
    }

    /** Waits for the first {@code count} records (the first is SUBSCRIBED). */
    public List<byte[]> await(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (records.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + records.size() + " of " + count + " records in " + timeout);
            }
            Thread.sleep(10);
        }
        return List.copyOf(records.subList(0, count));
    }

    /** Every record so far, once none has arrived for {@code quiet}. */
    public List<byte[]> awaitQuiet(Duration quiet) throws InterruptedException {
        while (System.nanoTime() - lastRecordNanos < quiet.toNanos()) {
            Thread.sleep(20);
        }
        return new ArrayList<>(records);
    }

    /** The records in RecordIO framing ({@code <length>\n<bytes>}), as the master sent them. */
    public static byte[] framed(List<byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] record : records) {
            out.writeBytes((record.length + "\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(record);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        stream.close();
        client.close();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
