package io.kafkaconnect.mesos.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.concurrent.ScheduledExecutorService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.kafkaconnect.mesos.client.recordio.RecordIoReader;
import io.kafkaconnect.mesos.client.snapshot.SnapshotReaders;
import io.kafkaconnect.mesos.codec.Encoding;
import okhttp3.Call;
import okhttp3.Response;

/** {@link EventStream} over an open HTTP response: RecordIO decoding, event parsing and the liveness watchdog. */
final class HttpEventStream implements EventStream {

    private static final Logger LOG = LoggerFactory.getLogger(HttpEventStream.class);

    private final Call call;
    private final Response response;
    private final URI master;
    private final Encoding encoding;
    private final double heartbeatMultiplier;
    private final StreamWatchdog watchdog;
    private final RecordIoReader reader;
    private volatile boolean closed;
    private volatile double heartbeatInterval = Double.NaN;
    private long events;

    HttpEventStream(Call call, Response response, URI master, Encoding encoding, MesosClientConfig config,
                    ScheduledExecutorService scheduler) {
        this.call = call;
        this.response = response;
        this.master = master;
        this.encoding = encoding;
        this.heartbeatMultiplier = config.heartbeatMultiplier();
        this.watchdog = new StreamWatchdog(scheduler, config.stallFallbackTimeout(), call::cancel);
        InputStream body = watchdog.watch(response.body().byteStream());
        this.reader = new RecordIoReader(body, config.maxRecordBytes(), config.maxSnapshotBytes());
        watchdog.start();
    }

    @Override
    public MesosEvent next() {
        if (closed) {
            return null;
        }
        byte[] record = read(reader::next);
        return record == null ? null : decode(record);
    }

    @Override
    public SubscribedRecord subscribed(long keepWholeUpTo) {
        if (events > 0) {
            throw new IllegalStateException("subscribed() reads the first record only");
        }
        if (closed) {
            return null;
        }
        RecordIoReader.RecordStream record = read(reader::nextAsStream);
        if (record == null) {
            return null;
        }
        if (record.length() <= keepWholeUpTo) {
            byte[] bytes = read(record::readAllBytes);
            return bytes == null ? null : SubscribedRecord.whole(decode(bytes));
        }
        events++;
        LOG.info("Reading the {}-byte first record from {} as a stream, entity by entity", record.length(), master);
        return SubscribedRecord.streamed(SnapshotReaders.streaming(record, encoding), record.length(), encoding,
                System.currentTimeMillis(), this::readFailure, this::onSubscribed);
    }

    /** Runs one read of the RecordIO stream; null when the stream ended (or was closed) cleanly. */
    private <T> T read(RecordRead<T> op) {
        T result;
        try {
            result = op.read();
        } catch (RecordIoException e) {
            LOG.error("Event stream from {} is malformed after {} events: {}", master, events, e.getMessage());
            close();
            throw e;
        } catch (IOException e) {
            if (closed && !watchdog.tripped()) {
                return null;
            }
            throw readFailure(e);
        }
        if (result == null) {
            if (watchdog.tripped()) {
                throw stalled();
            }
            LOG.info("Event stream from {} ended after {} events and {} bytes", master, events, bytesReceived());
            close();
        }
        return result;
    }

    private MesosEvent decode(byte[] record) {
        events++;
        MesosEvent event = MesosEvent.of(record, encoding, System.currentTimeMillis());
        if (!event.wellFormed()) {
            LOG.warn("Unreadable {}-byte event #{} from {}: {}", record.length, events, master, event.failure());
        } else if (events == 1 && "SUBSCRIBED".equals(event.type())) {
            onSubscribed(event.json());
        }
        return event;
    }

    @FunctionalInterface
    private interface RecordRead<T> {
        T read() throws IOException;
    }

    private void onSubscribed(JsonNode event) {
        JsonNode interval = event.path("subscribed").path("heartbeat_interval_seconds");
        if (interval.isNumber() && interval.asDouble() > 0) {
            heartbeatInterval = interval.asDouble();
            Duration window = Duration.ofMillis((long) Math.ceil(heartbeatInterval * heartbeatMultiplier * 1000));
            watchdog.window(window);
            LOG.info("Subscribed to {}: heartbeat every {} s, stall window {}", master, heartbeatInterval, window);
        } else {
            LOG.info("Subscribed to {}: no heartbeat interval (master before 1.5?), stall window {}", master,
                    watchdog.window());
        }
    }

    private MesosException readFailure(IOException e) {
        if (watchdog.tripped()) {
            return stalled();
        }
        LOG.warn("Event stream from {} failed after {} events: {}", master, events, e.toString());
        close();
        return new MesosConnectionException("event stream from " + master + " failed: " + e, e, false);
    }

    private StreamStalledException stalled() {
        close();
        Duration window = watchdog.window();
        LOG.warn("Event stream from {} stalled: no bytes for {} (after {} events); cancelled", master, window, events);
        return new StreamStalledException("no bytes from " + master + " for " + window + "; stream cancelled",
                window);
    }

    @Override
    public URI master() {
        return master;
    }

    @Override
    public long bytesReceived() {
        return watchdog.bytesReceived();
    }

    @Override
    public OptionalDouble heartbeatIntervalSeconds() {
        double value = heartbeatInterval;
        return Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        watchdog.close();
        call.cancel();
        response.close();
    }
}
