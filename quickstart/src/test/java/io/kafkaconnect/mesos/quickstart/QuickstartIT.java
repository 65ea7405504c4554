package io.kafkaconnect.mesos.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * The README's main-job command, end to end: a real broker and Connect worker, the simulated master, both connectors
 * deployed through the REST API, records on the entity and event topics, and the demo command applied and reported.
 */
class QuickstartIT {

    @Test
    void runsTheMainJobAndShowsTheClusterAndOneCommandFlowing() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);

        Quickstart.run(new QuickstartOptions(Optional.empty(), "json", Optional.of(Duration.ofSeconds(8)), 50), out);

        String shown = captured.toString(StandardCharsets.UTF_8);
        assertThat(shown)
                .contains("Deployed connectors [mesos-sink, mesos-source] through the REST API")
                .contains("sample from mesos.events")
                .contains("sample from mesos.tasks")
                .contains("sample from mesos.agents")
                .contains("sample from mesos.frameworks")
                .contains("command written to mesos.commands")
                .contains("its result on mesos.results");
        String result = shown.substring(shown.indexOf("its result on mesos.results"));
        assertThat(result).contains("\"call_type\":\"RESERVE_RESOURCES\"").contains("\"state\":\"APPLIED\"");
        assertThat(shown).containsPattern("records so far: .*events=\\d+.*tasks=\\d+");
    }
}
