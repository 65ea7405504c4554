package io.kafkaconnect.mesos.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every benchmark runs end to end at its smallest size and reports figures: the harness works and keeps working. No
 * timing is asserted (figures on a shared build machine say nothing); that is what {@code bin/benchmarks} is for.
 */
class BenchmarksSmokeIT {

    static Stream<Benchmark> benchmarks() {
        return Benchmarks.all().values().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("benchmarks")
    void runsAtSmokeSizeAndReportsFigures(Benchmark benchmark) throws Exception {
        Report report = new Report();

        benchmark.run(Size.SMOKE, report);

        assertThat(report.figures()).as("figures of " + benchmark.name()).isNotEmpty()
                .allSatisfy(f -> assertThat(f.value()).as(f.label()).isFinite().isNotNegative());
        assertThat(report.figures()).as("some measured work").anySatisfy(f -> assertThat(f.value()).isPositive());
        assertThat(report.checks()).allSatisfy(c -> assertThat(c.ratio()).as(c.label()).isFinite().isPositive());
        assertThat(report.markdown()).contains("|");
    }
}
