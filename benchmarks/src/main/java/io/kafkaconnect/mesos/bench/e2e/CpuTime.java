package io.kafkaconnect.mesos.bench.e2e;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;

import com.sun.management.OperatingSystemMXBean;

/**
 * CPU seconds this JVM (worker, broker, simulated master and producer together) and its threads have used. Unlike
 * throughput, CPU per record depends little on what else runs on the machine.
 */
final class CpuTime {

    /** What the JVM used beyond its Java threads: garbage collection, the JIT compilers, threads that ended. */
    static final String NATIVE = "GC, JIT and ended threads";
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

    /** A reading of every live thread's CPU seconds, by thread id, and of the process's. */
    record Reading(double process, Map<Long, Double> threads, Map<Long, String> names) {

        static Reading now() {
            Map<Long, Double> threads = new HashMap<>();
            Map<Long, String> names = new HashMap<>();
            for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
                if (info != null) {
                    threads.put(info.getThreadId(), thread(info.getThreadId()));
                    names.put(info.getThreadId(), info.getThreadName());
                }
            }
            return new Reading(CpuTime.process(), threads, names);
        }

        /**
         * CPU seconds used since {@code start}, summed per group ({@code groupOf} a thread id), plus {@link #NATIVE}
         * for the process's CPU no Java thread alive at both readings accounts for.
         */
        Map<String, Double> since(Reading start, LongFunction<String> groupOf) {
            Map<String, Double> groups = new LinkedHashMap<>();
            double javaThreads = 0;
            for (Map.Entry<Long, Double> e : threads.entrySet()) {
                Double before = start.threads.get(e.getKey());
                if (before != null && e.getValue() >= 0 && before >= 0) {
                    groups.merge(groupOf.apply(e.getKey()), e.getValue() - before, Double::sum);
                    javaThreads += e.getValue() - before;
                }
            }
            groups.put(NATIVE, process - start.process - javaThreads);
            return groups;
        }
    }
}
