package io.kafkaconnect.mesos.chaos;

import java.util.Locale;

/**
 * How big a chaos run is: {@code -Dchaos.scale=ci} (the default, sized to fit the CI budget) or {@code large}
 * (the figures of docs/reliability.md). Every scenario takes its sizes from here, so both runs execute the same code.
 *
 * @param sourceSteps        workload steps of the source run (task transitions, and 1.5% agent and framework churn)
 * @param sourceStepsPerSec  the rate the workload is driven at
 * @param sourceDropEvery    steps between two stream drops
 * @param sinkUnits          command chains of the sink run (11 commands each)
 * @param slowConsumerSteps  workload steps in each half of the converter stall
 */
record ChaosScale(String name, int sourceSteps, int sourceStepsPerSec, int sourceDropEvery, int sinkUnits,
                  int slowConsumerSteps) {

    static final ChaosScale CI = new ChaosScale("ci", 18_000, 1_000, 3_000, 160, 12_000);
    static final ChaosScale LARGE = new ChaosScale("large", 103_000, 1_500, 4_000, 920, 40_000);

    static ChaosScale current() {
        String value = System.getProperty("chaos.scale", "ci").trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "ci", "" -> CI;
            case "large" -> LARGE;
            default -> throw new IllegalArgumentException("chaos.scale must be ci or large, not " + value);
        };
    }
}
