package io.kafkaconnect.mesos.source.stream;

import java.time.Duration;
import java.util.Random;

/** Exponential backoff with full jitter: attempt {@code n} waits a uniform time in {@code [0, min(max, base × 2^n))}. */
public record Backoff(Duration base, Duration max, Random random) {

    public Duration delay(int attempt) {
        long cap = max.toMillis();
        long exp = base.toMillis() << Math.min(Math.max(attempt, 0), 30);
        long bound = Math.max(1, Math.min(cap, exp < 0 ? cap : exp));
        return Duration.ofMillis((long) (random.nextDouble() * bound));
    }
}
