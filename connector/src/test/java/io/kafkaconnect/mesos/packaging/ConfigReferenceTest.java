package io.kafkaconnect.mesos.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

import io.kafkaconnect.mesos.config.KafkaClientConfig;
import io.kafkaconnect.mesos.sink.MesosSinkConnector;
import io.kafkaconnect.mesos.source.MesosSourceConnector;

/** docs/config-reference.md is generated from the connectors' ConfigDefs; this test fails when it is stale. */
class ConfigReferenceTest {

    static final Path FILE = Path.of("..", "docs", "config-reference.md");
    static final String REGENERATE = "./mvnw -B -pl connector -am test -Dtest=ConfigReferenceTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dconfig.reference.update=true";

    private static final String INTRO = """
            <!-- Generated from the connectors' ConfigDefs by ConfigReferenceTest; do not edit. Regenerate with:
                 %s -->

            Every key of both connectors, as their `ConfigDef`s define it (what `PUT
            /connector-plugins/<class>/config/validate` checks). Kafka Connect's own connector keys (`name`,
            `connector.class`, `tasks.max`, `topics`, `key.converter`, `value.converter`, `errors.*`, `transforms.*`,
            `topic.creation.*`, `exactly.once.support`, ...) are not repeated here: see Kafka's Connect documentation.
            Any Kafka client setting prefixed with `%s` (e.g. `kafka.client.security.protocol`) is passed to the
            connectors' own producers and consumers (the sink's ledger and results, the source's read-back).
            Ready-made configurations: [config/](../config/); installation: [install.md](install.md).

            - [Source connector](#source-connector-iokafkaconnectmesossourcemesossourceconnector)
            - [Sink connector](#sink-connector-iokafkaconnectmesossinkmesossinkconnector)
            """.formatted(REGENERATE, KafkaClientConfig.CLIENT_PREFIX);

    private static final ConfigDef SOURCE = new MesosSourceConnector().config();
    private static final ConfigDef SINK = new MesosSinkConnector().config();

    static String rendered() {
        Map<String, ConfigDef> connectors = new LinkedHashMap<>();
        connectors.put("Source connector (`" + MesosSourceConnector.class.getName() + "`)", SOURCE);
        connectors.put("Sink connector (`" + MesosSinkConnector.class.getName() + "`)", SINK);
        return ConfigReference.render(INTRO, connectors);
    }

    @Test
    void committedReferenceMatchesTheConfigDefs() throws IOException {
        String rendered = rendered();
        if (Boolean.getBoolean("config.reference.update")) {
            Files.writeString(FILE, rendered, StandardCharsets.UTF_8);
        }

        assertThat(Files.readString(FILE, StandardCharsets.UTF_8))
                .as("docs/config-reference.md is stale; regenerate it with:%n  %s%n", REGENERATE)
                .isEqualTo(rendered);
    }

    @Test
    void everyPublicKeyOfBothConnectorsIsListedAndNoInternalOne() {
        String rendered = rendered();

        for (ConfigDef def : new ConfigDef[] {SOURCE, SINK}) {
            def.configKeys().values().forEach(key -> {
                boolean listed = rendered.contains("| `" + key.name + "` |");
                assertThat(listed).as(key.name).isEqualTo(!key.internalConfig);
            });
        }
        assertThat(rendered).doesNotContain("$$Lambda").doesNotContainPattern("@[0-9a-f]{6,}");
    }
}
