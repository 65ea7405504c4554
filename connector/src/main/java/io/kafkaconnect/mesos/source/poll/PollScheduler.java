package io.kafkaconnect.mesos.source.poll;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each polled call at its own jittered interval, single-flight: a call never overlaps itself, its next run is
 * scheduled only when the previous one has finished (a slow master stretches the period rather than piling up
 * requests). A failing run is logged and the call keeps its schedule.
 */
public final class PollScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PollScheduler.class);

    private final ScheduledExecutorService executor;
    private final JitteredInterval jitter;
    private final Map<PolledCall, Slot> slots = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private final class Slot {
        final PolledCall call;
        final Duration interval;
        final Runnable body;
        final AtomicBoolean inFlight = new AtomicBoolean();

        Slot(PolledCall call, Duration interval, Runnable body) {
            this.call = call;
            this.interval = interval;
            this.body = body;
        }

        /** Runs once unless a run is in flight; returns whether it ran. */
        boolean runOnce() {
            if (closed || !inFlight.compareAndSet(false, true)) {
                return false;
            }
            try {
                body.run();
            } catch (RuntimeException e) {
                log.warn("Polling {} failed; retrying at the next interval: {}", call, e.toString());
            } finally {
                inFlight.set(false);
            }
            return true;
        }

        void scheduled() {
            runOnce();
            scheduleNext(jitter.next(interval));
        }

        void scheduleNext(Duration delay) {
            if (closed) {
                return;
            }
            try {
                executor.schedule(this::scheduled, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                if (!closed) {
                    throw e;
                }
            }
        }
    }

    public PollScheduler(ScheduledExecutorService executor, JitteredInterval jitter) {
        this.executor = executor;
        this.jitter = jitter;
    }

    /** Starts polling {@code call} every {@code interval} (jittered); the first run comes within the jitter window. */
    public void schedule(PolledCall call, Duration interval, Runnable body) {
        Slot slot = new Slot(call, interval, body);
        if (slots.putIfAbsent(call, slot) != null) {
            throw new IllegalStateException(call + " is already scheduled");
        }
        slot.scheduleNext(jitter.initial(interval));
    }

    /**
     * Runs {@code call} now on the caller's thread unless it is in flight. Returns whether it ran.
     */
    public boolean runNow(PolledCall call) {
        Slot slot = slots.get(call);
        return slot != null && slot.runOnce();
    }

    public boolean isInFlight(PolledCall call) {
        Slot slot = slots.get(call);
        return slot != null && slot.inFlight.get();
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
    }
}
