package io.kafkaconnect.mesos.client;

import java.net.URI;
import java.util.OptionalDouble;

/**
 * An open SUBSCRIBE stream. One thread reads it; {@link #close()} may be called from any thread and makes a blocked
 * {@link #next()} return. After a failover the stream ends: subscribe again and treat the new SUBSCRIBED as the new
 * baseline (the stream has no offsets or replay).
 */
public interface EventStream extends AutoCloseable {

    /**
     * Blocks for the next event.
     *
     * @return the event, or null when the master ended the stream cleanly (or it was closed)
     * @throws StreamStalledException   if the liveness watchdog saw no bytes for its window
     * @throws RecordIoException        if the framing is broken (the stream is closed)
     * @throws MesosConnectionException if the connection failed
     */
    MesosEvent next();

    /**
     * Reads the first record, the SUBSCRIBED snapshot, without holding it whole when it is larger than
     * {@code keepWholeUpTo} bytes: its entities are then read from the connection one at a time (a large cluster's
     * snapshot is hundreds of MB). Call it at most once, before {@link #next()}; read the returned record to its end
     * before calling {@link #next()}.
     *
     * @return the record, or null when the master ended the stream before it (or it was closed)
     * @throws StreamStalledException  if the liveness watchdog saw no bytes for its window
     * @throws RecordIoException        if the framing is broken (the stream is closed)
     * @throws MesosConnectionException if the connection failed
     */
    SubscribedRecord subscribed(long keepWholeUpTo);

    /** The master serving this stream. */
    URI master();

    /** Bytes received on the stream so far. */
    long bytesReceived();

    /** {@code heartbeat_interval_seconds} from SUBSCRIBED, once seen (masters before 1.5 send none). */
    OptionalDouble heartbeatIntervalSeconds();

    @Override
    void close();
}
