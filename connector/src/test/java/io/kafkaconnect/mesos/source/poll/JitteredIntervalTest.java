package io.kafkaconnect.mesos.source.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

class JitteredIntervalTest {

    @Property
    void staysWithinTheJitterBand(@ForAll @LongRange(min = 10, max = 10_000_000) long baseMillis,
                                  @ForAll @DoubleRange(min = 0, max = 0.9) double ratio, @ForAll long seed) {
        JitteredInterval jitter = new JitteredInterval(ratio, new Random(seed));
        long next = jitter.next(Duration.ofMillis(baseMillis)).toMillis();
        assertThat(next).isBetween((long) Math.floor(baseMillis * (1 - ratio)) - 1,
                (long) Math.ceil(baseMillis * (1 + ratio)) + 1);
        assertThat(jitter.initial(Duration.ofMillis(baseMillis)).toMillis())
                .isBetween(0L, (long) Math.ceil(baseMillis * ratio) + 1);
    }

    @Test
    void actuallyVaries() {
        JitteredInterval jitter = new JitteredInterval(0.2, new Random(7));
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            seen.add(jitter.next(Duration.ofSeconds(60)).toMillis());
        }
        assertThat(seen).hasSizeGreaterThan(40);
    }

    @Test
    void rejectsARatioOfOneOrMore() {
        assertThatThrownBy(() -> new JitteredInterval(1.0, new Random())).isInstanceOf(IllegalArgumentException.class);
    }
}
