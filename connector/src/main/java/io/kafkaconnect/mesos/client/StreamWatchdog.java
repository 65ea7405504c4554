package io.kafkaconnect.mesos.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Liveness check for an event stream: trips when no byte at all arrived for a whole window, then runs its stall
 * action (cancelling the HTTP call, which unblocks the reader). Progress is measured in bytes, not records, so a huge
 * snapshot that is still arriving never trips it. The window can change once the heartbeat interval is known.
 */
final class StreamWatchdog implements AutoCloseable {

    private final ScheduledExecutorService scheduler;
    private final Runnable onStall;
    private volatile long windowNanos;
    private volatile long lastProgressNanos;
    private volatile long bytesReceived;
    private volatile boolean tripped;
    private volatile boolean closed;
    private ScheduledFuture<?> pending;

    StreamWatchdog(ScheduledExecutorService scheduler, Duration window, Runnable onStall) {
        this.scheduler = scheduler;
        this.onStall = onStall;
        this.windowNanos = window.toNanos();
        this.lastProgressNanos = System.nanoTime();
    }

    /** Starts watching; the window counts from now. */
    synchronized void start() {
        lastProgressNanos = System.nanoTime();
        schedule(windowNanos);
    }

    /** Changes the window, e.g. to {@code multiplier x heartbeat_interval_seconds} after SUBSCRIBED. */
    synchronized void window(Duration window) {
        windowNanos = window.toNanos();
        if (pending != null && !closed) {
            pending.cancel(false);
            schedule(Math.max(0, lastProgressNanos + windowNanos - System.nanoTime()));
        }
    }

    Duration window() {
        return Duration.ofNanos(windowNanos);
    }

    boolean tripped() {
        return tripped;
    }

    long bytesReceived() {
        return bytesReceived;
    }

    /** Wraps the stream so that every byte read counts as progress. */
    InputStream watch(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    progress(1);
                }
                return b;
            }

            @Override
            public int read(byte[] target, int offset, int length) throws IOException {
                int n = super.read(target, offset, length);
                if (n > 0) {
                    progress(n);
                }
                return n;
            }
        };
    }

    private void progress(int n) {
        bytesReceived += n; // single reader thread
        lastProgressNanos = System.nanoTime();
    }

    private synchronized void check() {
        if (closed) {
            return;
        }
        long idle = System.nanoTime() - lastProgressNanos;
        if (idle >= windowNanos) {
            tripped = true;
            closed = true;
            onStall.run();
        } else {
            schedule(windowNanos - idle);
        }
    }

    private void schedule(long delayNanos) {
        try {
            pending = scheduler.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            closed = true; // the client was closed; the stream is being torn down with it
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (pending != null) {
            pending.cancel(false);
        }
    }
}
