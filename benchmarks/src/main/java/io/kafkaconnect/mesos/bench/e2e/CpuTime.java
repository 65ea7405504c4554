package io.kafkaconnect.mesos.bench.e2e;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Map;

import com.sun.management.OperatingSystemMXBean;

/**
 * CPU seconds this JVM (worker, broker, simulated master and producer together) and the source task's thread have
 * used. Unlike throughput, CPU per record hardly moves with what else runs on the machine.
 */
final class CpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuTime() {
    }

    static double process() {
        return ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class).getProcessCpuTime() / 1e9;
    }

    /** The id of the worker thread running a source task (named by its executor, so found by its stack). */
    static long sourceTaskThread() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> Arrays.stream(e.getValue()).anyMatch(frame -> frame.getClassName()
                        .equals("org.apache.kafka.connect.runtime.AbstractWorkerSourceTask")))
                .map(Map.Entry::getKey).mapToLong(Thread::getId).findFirst()
                .orElseThrow(() -> new IllegalStateException("no source task thread"));
    }

    static double thread(long id) {
        return THREADS.getThreadCpuTime(id) / 1e9;
    }
}
