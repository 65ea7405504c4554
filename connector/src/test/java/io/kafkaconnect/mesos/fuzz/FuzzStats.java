package io.kafkaconnect.mesos.fuzz;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The figures of one fuzz campaign: inputs, how each one ended (accepted, or the kind of typed error or refusal), and
 * the largest allocation a single input caused.
 */
public final class FuzzStats {

    /** The outcome label of an input that was accepted as valid, without any reported problem. */
    public static final String ACCEPTED = "accepted";

    private static final long PROGRESS_EVERY = 100_000;
    private static volatile FuzzStats active;

    private final String target;
    private final long startedNanos = System.nanoTime();
    private final Map<String, Long> outcomes = new TreeMap<>();
    private long inputs;
    private long inputBytes;
    private long maxAllocated;
    private int maxAllocatedInputLength;

    FuzzStats(String target) {
        this.target = target;
    }

    static void start(String target) {
        active = new FuzzStats(target);
    }

    static FuzzStats stop() {
        FuzzStats stats = active;
        active = null;
        return stats;
    }

    /** Records one input of the running campaign (a no-op when a property runs outside {@link FuzzCampaign}). */
    public static void record(String outcome, int inputLength, long allocatedBytes) {
        FuzzStats stats = active;
        if (stats != null) {
            stats.add(outcome, inputLength, allocatedBytes);
        }
    }

    private synchronized void add(String outcome, int inputLength, long allocatedBytes) {
        inputs++;
        inputBytes += inputLength;
        outcomes.merge(outcome, 1L, Long::sum);
        if (allocatedBytes > maxAllocated) {
            maxAllocated = allocatedBytes;
            maxAllocatedInputLength = inputLength;
        }
        if (inputs % PROGRESS_EVERY == 0) {
            System.out.println("(progress) " + summary()); // long campaigns: figures so far
        }
    }

    synchronized String summary() {
        double seconds = (System.nanoTime() - startedNanos) / (double) TimeUnit.SECONDS.toNanos(1);
        long malformed = inputs - outcomes.getOrDefault(ACCEPTED, 0L);
        return String.format(Locale.ROOT, "FUZZ %s: %,d inputs (%,d bytes) in %.1f s (%,.0f/s); not accepted cleanly"
                        + " %.1f%%; max allocation per input %,d bytes (input of %,d bytes); outcomes %s",
                target, inputs, inputBytes, seconds, inputs / Math.max(seconds, 1e-9),
                inputs == 0 ? 0.0 : 100.0 * malformed / inputs, maxAllocated, maxAllocatedInputLength, outcomes);
    }
}
