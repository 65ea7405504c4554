package io.kafkaconnect.mesos.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times competing code paths on the calling thread (one core): every path is warmed up first, then the measured
 * rounds interleave the paths, so that a change in machine load during the run hits all of them alike.
 */
public final class Rounds {

    /** One pass over the input; returns how many units (events, records) it processed. */
    @FunctionalInterface
    public interface Work {
        /** Untimed set-up before each pass. */
        default void prepare() throws Exception {
        }

        long run() throws Exception;
    }

    /** Units per second over the measured rounds: the median, and the spread. */
    public record Rate(double median, double min, double max) {
    }

    private Rounds() {
    }

    public static Map<String, Rate> interleaved(int warmups, int rounds, Map<String, Work> paths) throws Exception {
        for (Map.Entry<String, Work> path : paths.entrySet()) {
            for (int i = 0; i < warmups; i++) {
                path.getValue().prepare();
                path.getValue().run();
            }
        }
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        paths.keySet().forEach(name -> rates.put(name, new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, Work> path : paths.entrySet()) {
                path.getValue().prepare();
                long start = System.nanoTime();
                long units = path.getValue().run();
                long nanos = System.nanoTime() - start;
                rates.get(path.getKey()).add(units * 1e9 / nanos);
            }
        }
        Map<String, Rate> out = new LinkedHashMap<>();
        rates.forEach((name, list) -> out.put(name, rate(list)));
        return out;
    }

    static Rate rate(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Rate(median, sorted[0], sorted[n - 1]);
    }

    /** Median of some durations or rates. */
    public static double median(double... values) {
        return rate(Arrays.stream(values).boxed().toList()).median();
    }
}
