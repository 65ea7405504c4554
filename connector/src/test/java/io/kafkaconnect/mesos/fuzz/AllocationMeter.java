package io.kafkaconnect.mesos.fuzz;

import java.lang.management.ManagementFactory;

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
}
