package io.kafkaconnect.mesos.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class RetryPolicyTest {

    @Property(tries = 500)
    void delayStaysWithinTheExponentialCeiling(@ForAll @IntRange(min = 1, max = 100) int attempt,
                                               @ForAll @LongRange(min = 0, max = 5_000) long baseMillis,
                                               @ForAll @LongRange(min = 0, max = 60_000) long maxMillis,
                                               @ForAll long seed) {
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(baseMillis), Duration.ofMillis(maxMillis));
        double exponential = baseMillis * Math.pow(2, attempt - 1);
        long ceiling = (long) Math.min(maxMillis, exponential);
        Duration delay = policy.delay(attempt, new Random(seed));
        assertThat(delay.toMillis()).isBetween(0L, ceiling);
    }

    @org.junit.jupiter.api.Test
    void delaysAreJitteredAndGrow() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(10));
        Random random = new Random(42);
        long maxFirst = 0;
        long maxFifth = 0;
        java.util.Set<Long> distinct = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            long first = policy.delay(1, random).toMillis();
            long fifth = policy.delay(5, random).toMillis();
            distinct.add(fifth);
            maxFirst = Math.max(maxFirst, first);
            maxFifth = Math.max(maxFifth, fifth);
        }
        assertThat(maxFirst).isLessThanOrEqualTo(100);
        assertThat(maxFifth).isGreaterThan(800).isLessThanOrEqualTo(1600);
        assertThat(distinct.size()).isGreaterThan(50);
    }

    @org.junit.jupiter.api.Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.defaults().delay(0, new Random()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
