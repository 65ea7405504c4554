package io.kafkaconnect.mesos.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live heap of this JVM while something runs, sampled exactly: a full collection every {@code period}, then the
 * heap in use. Unlike the occupancy left after G1's young collections ({@link HeapWatcher#maxAfterGc()}), which
 * includes old-generation garbage not yet reclaimed, this is the live set; the cost is a full pause per period.
 */
public final class LiveHeapProbe implements AutoCloseable {

    private final AtomicLong max = new AtomicLong();
    private final Thread prober;
    private volatile boolean running = true;

    public LiveHeapProbe(Duration period) {
        prober = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(period.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                System.gc();
                max.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
            }
        }, "bench-live-heap-probe");
        prober.setDaemon(true);
        prober.start();
    }

    /** The largest heap in use right after one of the probe's full collections. */
    public long max() {
        return max.get();
    }

    @Override
    public void close() {
        running = false;
        prober.interrupt();
    }
}
