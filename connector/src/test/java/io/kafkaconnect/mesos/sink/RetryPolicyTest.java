package io.kafkaconnect.mesos.sink;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    @Test
    void capDoublesUpToTheMaximum() {
        RetryPolicy p = new RetryPolicy(10, 100, 1000);
        assertThat(p.capMs(1)).isEqualTo(100);
        assertThat(p.capMs(2)).isEqualTo(200);
        assertThat(p.capMs(4)).isEqualTo(800);
        assertThat(p.capMs(5)).isEqualTo(1000);
        assertThat(p.capMs(200)).isEqualTo(1000);
    }

    @Test
    void fullJitterStaysWithinZeroAndTheCap() {
        RetryPolicy p = new RetryPolicy(10, 100, 1000);
        Random random = new Random(42);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 2000; i++) {
            long b = p.backoffMs(3, random);
            assertThat(b).isBetween(0L, 400L);
            min = Math.min(min, b);
            max = Math.max(max, b);
        }
        // Full jitter spreads over the whole range, not just near the cap.
        assertThat(min).isLessThan(40);
        assertThat(max).isGreaterThan(360);
    }

    @Test
    void attemptsAreCounted() {
        RetryPolicy p = new RetryPolicy(3, 0, 0);
        assertThat(p.canRetry(1)).isTrue();
        assertThat(p.canRetry(2)).isTrue();
        assertThat(p.canRetry(3)).isFalse();
        assertThatThrownBy(() -> new RetryPolicy(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"200,SUCCESS", "202,SUCCESS", "409,CONFLICT", "400,PERMANENT", "403,PERMANENT", "404,PERMANENT",
            "401,PERMANENT", "415,PERMANENT", "501,PERMANENT", "503,RETRY", "500,RETRY", "502,RETRY", "307,RETRY",
            "429,RETRY", "408,RETRY"})
    void statusesAreClassified(int status, Disposition expected) {
        assertThat(Disposition.of(status)).isEqualTo(expected);
    }
}
