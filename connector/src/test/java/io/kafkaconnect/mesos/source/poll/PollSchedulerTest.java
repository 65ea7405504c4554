package io.kafkaconnect.mesos.source.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class PollSchedulerTest {

    private static PollScheduler scheduler(int threads) {
        return new PollScheduler(Executors.newScheduledThreadPool(threads), new JitteredInterval(0.5, new Random(1)));
    }

    @Test
    void aCallNeverOverlapsItselfEvenWithManyThreadsAndManualTriggers() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        try (PollScheduler scheduler = scheduler(4)) {
            scheduler.schedule(PolledCall.GET_METRICS, Duration.ofMillis(2), () -> {
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
                runs.incrementAndGet();
            });
            var triggers = Executors.newFixedThreadPool(3);
            for (int i = 0; i < 60; i++) {
                triggers.submit(() -> scheduler.runNow(PolledCall.GET_METRICS));
            }
            triggers.shutdown();
            assertThat(triggers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            while (runs.get() < 20) {
                Thread.sleep(5);
            }
        }
        assertThat(maxRunning.get()).isEqualTo(1);
    }

    @Test
    void runNowIsRefusedWhileARunIsInFlight() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (PollScheduler scheduler = scheduler(2)) {
            scheduler.schedule(PolledCall.GET_QUOTA, Duration.ofHours(1), () -> {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Thread holder = new Thread(() -> scheduler.runNow(PolledCall.GET_QUOTA));
            holder.start();
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(scheduler.isInFlight(PolledCall.GET_QUOTA)).isTrue();
            assertThat(scheduler.runNow(PolledCall.GET_QUOTA)).isFalse();
            release.countDown();
            holder.join(5000);
            assertThat(scheduler.isInFlight(PolledCall.GET_QUOTA)).isFalse();
            assertThat(scheduler.runNow(PolledCall.GET_QUOTA)).isTrue();
        }
    }

    @Test
    void aFailingRunKeepsItsSchedule() throws Exception {
        CountDownLatch threeRuns = new CountDownLatch(3);
        try (PollScheduler scheduler = scheduler(1)) {
            scheduler.schedule(PolledCall.GET_HEALTH, Duration.ofMillis(5), () -> {
                threeRuns.countDown();
                throw new IllegalStateException("master said 503");
            });
            assertThat(threeRuns.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void callsRunIndependently() throws Exception {
        CountDownLatch slowEntered = new CountDownLatch(1);
        CountDownLatch fastRuns = new CountDownLatch(5);
        CountDownLatch release = new CountDownLatch(1);
        try (PollScheduler scheduler = scheduler(2)) {
            scheduler.schedule(PolledCall.GET_STATE, Duration.ofMillis(1), () -> {
                slowEntered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(slowEntered.await(5, TimeUnit.SECONDS)).isTrue();
            scheduler.schedule(PolledCall.GET_METRICS, Duration.ofMillis(2), fastRuns::countDown);
            assertThat(fastRuns.await(10, TimeUnit.SECONDS)).as("a stuck GET_STATE does not hold GET_METRICS").isTrue();
            release.countDown();
        }
    }
}
