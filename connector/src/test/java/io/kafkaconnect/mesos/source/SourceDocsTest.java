package io.kafkaconnect.mesos.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** docs/source.md documents every source key and its default, so the page cannot go stale silently. */
class SourceDocsTest {

    @Test
    void everySourceKeyIsDocumentedWithItsDefault() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "source.md"));
        MesosSourceConnectorConfig.CONFIG_DEF.configKeys().values().stream()
                .filter(key -> !key.internalConfig && !key.name.startsWith("mesos.") && !key.name.startsWith("kafka."))
                .forEach(key -> assertThat(doc).as("docs/source.md row for " + key.name)
                        .contains("| `" + key.name + "` | `" + key.defaultValue + "` |"));
    }
}
