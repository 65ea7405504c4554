package io.kafkaconnect.mesos.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;

class MesosSourceConnectorTest {

    private static Map<String, String> props() {
        Map<String, String> props = new HashMap<>();
        props.put("name", "mesos");
        props.put("mesos.master.urls", "http://127.0.0.1:5050");
        props.put("kafka.bootstrap.servers", "localhost:9092");
        return props;
    }

    @Test
    void task0HoldsTheStreamAndThePollsAreSpread() {
        MesosSourceConnector connector = new MesosSourceConnector();
        connector.start(props());
        List<Map<String, String>> tasks = connector.taskConfigs(3);
        assertThat(tasks).hasSize(3);
        assertThat(tasks.get(0)).containsEntry("task.stream.enabled", "true").containsEntry("task.poll.groups", "state");
        assertThat(tasks.get(1)).containsEntry("task.stream.enabled", "false");
        assertThat(tasks.get(1).get("task.poll.groups") + "," + tasks.get(2).get("task.poll.groups"))
                .contains("metrics", "roles", "quota", "maintenance", "master", "operations");
        assertThat(tasks).allSatisfy(t -> assertThat(t).containsEntry("mesos.master.urls", "http://127.0.0.1:5050"));
    }

    @Test
    void disabledCallsGetNoTask() {
        Map<String, String> props = props();
        props.put("poll.metrics.interval.ms", "0");
        props.put("poll.operations.interval.ms", "0");
        MesosSourceConnector connector = new MesosSourceConnector();
        connector.start(props);
        assertThat(String.join(",", connector.taskConfigs(10).stream().map(t -> t.get("task.poll.groups")).toList()))
                .doesNotContain("metrics").doesNotContain("operations");
        assertThat(connector.taskConfigs(10)).hasSize(5);
    }

    @Test
    void supportsExactlyOnce() {
        assertThat(new MesosSourceConnector().exactlyOnceSupport(props())).isEqualTo(ExactlyOnceSupport.SUPPORTED);
    }

    @Test
    void alterOffsetsAcceptsResetsAndValidEditsAndRejectsTheRest() {
        MesosSourceConnector connector = new MesosSourceConnector();
        Map<Map<String, ?>, Map<String, ?>> reset = new HashMap<>();
        reset.put(SourceOffsets.streamPartition(), null);
        assertThat(connector.alterOffsets(props(), reset)).isTrue();
        assertThatThrownBy(() -> connector.alterOffsets(props(), Map.of(Map.of("source", "x"), Map.of())))
                .isInstanceOf(ConnectException.class).hasMessageContaining("Unknown source partition");
    }

    @Test
    void badValuesAreRejectedByTheConfig() {
        Map<String, String> props = props();
        props.put("snapshot.mode", "sometimes");
        assertThatThrownBy(() -> new MesosSourceConnectorConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("snapshot.mode");
        props.put("snapshot.mode", "ALWAYS");
        assertThat(new MesosSourceConnectorConfig(props).snapshotMode().configValue()).isEqualTo("always");
        props.put("poll.quota.interval.ms", "-1");
        assertThatThrownBy(() -> new MesosSourceConnectorConfig(props)).hasMessageContaining("poll.quota.interval.ms");
    }

    @Test
    void everyKeyIsDocumentedGroupedAndFreeOfReservedPrefixes() {
        MesosSourceConnectorConfig.CONFIG_DEF.configKeys().values().stream().filter(k -> !k.internalConfig)
                .forEach(key -> {
                    assertThat(key.documentation).as(key.name).isNotBlank();
                    assertThat(key.group).as(key.name).isNotBlank();
                    assertThat(key.name).as(key.name).matches("[a-z0-9.]+")
                            .doesNotStartWith("errors.").doesNotStartWith("transforms.")
                            .doesNotStartWith("producer.override.").doesNotStartWith("consumer.override.")
                            .doesNotEndWith(".converter").isNotEqualTo("topics");
                });
    }
}
