package io.kafkaconnect.mesos.fuzz;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

/** Bytes allocated on the heap by the current thread, as HotSpot counts them (TLAB use included). */
public final class AllocationMeter {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static {
        if (!THREADS.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("this JVM cannot count allocated bytes per thread");
        }
        THREADS.setThreadAllocatedMemoryEnabled(true);
    }

    private AllocationMeter() {
    }

    /** A reading to subtract from a later one. */
    public static long now() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** Bytes the current thread allocated since {@code reading}. */
    public static long since(long reading) {
        return THREADS.getCurrentThreadAllocatedBytes() - reading;
    }

    /** What a measured run returned, and the bytes it allocated. */
    public record Measured<T>(T value, long bytes) {
    }

    /**
     * Runs {@code work} and counts what it allocates. Over {@code bound}, it is run and counted once more: a first run
     * may pay one-off class loading, which is no property of the input. The value is the first run's.
     */
    public static <T> Measured<T> measure(Supplier<T> work, long bound) {
        long before = now();
        T value = work.get();
        long allocated = since(before);
        if (allocated > bound) {
            before = now();
            work.get();
            allocated = since(before);
        }
        return new Measured<>(value, allocated);
    }
}
