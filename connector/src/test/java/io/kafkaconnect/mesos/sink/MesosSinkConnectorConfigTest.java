package io.kafkaconnect.mesos.sink;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.kafkaconnect.mesos.client.RetryPolicy;
import org.apache.kafka.common.config.ConfigException;
import org.apache.mesos.v1.master.Protos.Call;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MesosSinkConnectorConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> p = new HashMap<>();
        p.put("mesos.master.urls", "http://master:5050");
        p.put("kafka.bootstrap.servers", "broker:9092");
        return p;
    }

    @Test
    void defaults() {
        MesosSinkConnectorConfig c = new MesosSinkConnectorConfig(minimal());
        assertThat(c.allowedTypes()).isEqualTo(CallCatalog.nonDestructive());
        assertThat(c.idSource()).isEqualTo(CommandIdSource.ENVELOPE);
        assertThat(c.format()).isEqualTo(CommandFormat.AUTO);
        assertThat(c.ledgerTopic("ops-sink")).isEqualTo("ops-sink.ledger");
        assertThat(c.resultTopic("ops-sink")).isEqualTo("ops-sink.results");
        assertThat(c.retryPolicy()).isEqualTo(new RetryPolicy(6, Duration.ofMillis(200), Duration.ofSeconds(10)));
        assertThat(c.getBoolean(MesosSinkConnectorConfig.TAGGING)).isTrue();
    }

    @Test
    void topicNamesFromPrefixOrExplicit() {
        Map<String, String> p = minimal();
        p.put(MesosSinkConnectorConfig.TOPIC_PREFIX, "team");
        p.put(MesosSinkConnectorConfig.RESULT_TOPIC, "outcomes");
        MesosSinkConnectorConfig c = new MesosSinkConnectorConfig(p);
        assertThat(c.ledgerTopic("x")).isEqualTo("team.ledger");
        assertThat(c.resultTopic("x")).isEqualTo("outcomes");
    }

    @Test
    void destructiveTypesCanBeAllowedExplicitly() {
        Map<String, String> p = minimal();
        p.put(MesosSinkConnectorConfig.ALLOWED_TYPES, "TEARDOWN, DRAIN_AGENT");
        assertThat(new MesosSinkConnectorConfig(p).allowedTypes())
                .containsExactlyInAnyOrder(Call.Type.TEARDOWN, Call.Type.DRAIN_AGENT);
    }

    @Test
    void badValuesAreRefused() {
        Map<String, String> unknownType = minimal();
        unknownType.put(MesosSinkConnectorConfig.ALLOWED_TYPES, "GET_STATE");
        assertThatThrownBy(() -> new MesosSinkConnectorConfig(unknownType)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("GET_STATE");
        Map<String, String> badSource = minimal();
        badSource.put(MesosSinkConnectorConfig.ID_SOURCE, "payload");
        assertThatThrownBy(() -> new MesosSinkConnectorConfig(badSource)).isInstanceOf(ConfigException.class);
        Map<String, String> backoff = minimal();
        backoff.put(MesosSinkConnectorConfig.BACKOFF_INITIAL, "5000");
        backoff.put(MesosSinkConnectorConfig.BACKOFF_MAX, "100");
        assertThatThrownBy(() -> new MesosSinkConnectorConfig(backoff)).isInstanceOf(ConfigException.class);
        Map<String, String> noKafka = minimal();
        noKafka.remove("kafka.bootstrap.servers");
        assertThatThrownBy(() -> new MesosSinkConnectorConfig(noKafka)).isInstanceOf(ConfigException.class);
    }

    @Test
    void noKeyUsesAPrefixReservedByConnect() {
        for (String key : MesosSinkConnectorConfig.CONFIG_DEF.names()) {
            assertThat(key).doesNotStartWith("errors.").doesNotStartWith("transforms.")
                    .doesNotStartWith("predicates.").doesNotStartWith("topics").doesNotEndWith(".converter")
                    .doesNotStartWith("consumer.override.").doesNotStartWith("producer.override.");
        }
    }
}
