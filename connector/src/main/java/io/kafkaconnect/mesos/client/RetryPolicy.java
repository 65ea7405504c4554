package io.kafkaconnect.mesos.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * How often and how patiently the client retries what is safe to retry (503 answers, connection failures before
 * anything was sent, I/O errors on reads). {@code maxAttempts} counts the first try.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (baseDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative");
        }
    }

    /** 8 attempts, 200 ms doubling up to 10 s: rides out an election and a registry recovery of about 30 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(8, Duration.ofMillis(200), Duration.ofSeconds(10));
    }

    /** Exactly one attempt. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /**
     * The pause before retry number {@code attempt} (1 = the first retry): uniform in
     * {@code [0, min(maxDelay, baseDelay * 2^(attempt-1))]} ("full jitter").
     */
    public Duration delay(int attempt, Random random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, got " + attempt);
        }
        long base = baseDelay.toMillis();
        long cap = maxDelay.toMillis();
        int shift = Math.min(attempt - 1, 62);
        long ceiling = base > (cap >> shift) ? cap : Math.min(cap, base << shift);
        return ceiling <= 0 ? Duration.ZERO : Duration.ofMillis((long) (random.nextDouble() * (ceiling + 1)));
    }
}
