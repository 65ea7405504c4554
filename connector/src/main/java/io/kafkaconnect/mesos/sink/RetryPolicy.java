package io.kafkaconnect.mesos.sink;

import java.util.Random;

/**
 * Exponential backoff with full jitter: before retry {@code n} (1-based) the sink sleeps a uniformly random time in
 * {@code [0, min(max, initial * 2^(n-1))]}.
 *
 * @param maxAttempts      calls per command, first one included (at least 1)
 * @param initialBackoffMs the cap for the first retry
 * @param maxBackoffMs     the cap for any retry
 */
public record RetryPolicy(int maxAttempts, long initialBackoffMs, long maxBackoffMs) {

    public RetryPolicy {
        if (maxAttempts < 1 || initialBackoffMs < 0 || maxBackoffMs < initialBackoffMs) {
            throw new IllegalArgumentException("invalid retry policy " + maxAttempts + "/" + initialBackoffMs + "/"
                    + maxBackoffMs);
        }
    }

    /** Whether another attempt is allowed after {@code attemptsMade} calls. */
    public boolean canRetry(int attemptsMade) {
        return attemptsMade < maxAttempts;
    }

    /** The upper bound of the sleep before retry number {@code retry} (1-based). */
    public long capMs(int retry) {
        int shift = Math.min(Math.max(retry - 1, 0), 40);
        long cap = initialBackoffMs << shift;
        return cap < 0 || cap > maxBackoffMs ? maxBackoffMs : cap;
    }

    /** A full-jitter sleep before retry number {@code retry}. */
    public long backoffMs(int retry, Random random) {
        long cap = capMs(retry);
        return cap == 0 ? 0 : (long) (random.nextDouble() * (cap + 1));
    }
}
