package io.kafkaconnect.mesos.source.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Freezes every topic schema: each must equal its golden description in {@code src/test/resources/golden/}. To
 * change a schema on purpose (add-only, with a version bump), regenerate with
 * {@code ./mvnw -pl connector test -Dtest=GoldenSchemaTest -Dgolden.update=true} and commit the diff.
 */
class GoldenSchemaTest {

    private static final Path GOLDEN_DIR = moduleDir().resolve("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static Stream<Arguments> topics() {
        return MesosSchemas.all().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void schemaMatchesGoldenFile(String topic, org.apache.kafka.connect.data.Schema schema) throws IOException {
        Path golden = GOLDEN_DIR.resolve(topic + ".json");
        String actual = SchemaDescriber.describe(schema);
        if (UPDATE) {
            Files.createDirectories(GOLDEN_DIR);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(golden)) {
            fail("No golden file " + golden + " for topic '" + topic + "'. Generate it on purpose with "
                    + "-Dgolden.update=true and commit it.");
        }
        String expected = Files.readString(golden, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            fail("The schema of topic '" + topic + "' differs from " + golden + ". Schemas evolve add-only with a "
                    + "version bump. If the change is intended, regenerate with "
                    + "`./mvnw -pl connector test -Dtest=GoldenSchemaTest -Dgolden.update=true` and commit the diff."
                    + "\n--- expected\n" + expected + "\n--- actual\n" + actual);
        }
    }

    @Test
    void everyGoldenFileBelongsToATopic() throws IOException {
        try (Stream<Path> files = Files.list(GOLDEN_DIR)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())))
                    .as("golden files without a topic schema (delete them if the topic is gone)")
                    .allMatch(MesosSchemas.all()::containsKey);
        }
    }

    @Test
    void descriptionIsStableAndDetailed() {
        String described = SchemaDescriber.describe(MesosSchemas.TASK);
        assertThat(described).isEqualTo(SchemaDescriber.describe(MesosSchemas.TASK));
        assertThat(described).contains("\"name\" : \"io.kafkaconnect.mesos.Task\"", "\"version\" : 1",
                "org.apache.kafka.connect.data.Timestamp", "\"optional\" : true");
    }

    private static Path moduleDir() {
        String basedir = System.getProperty("basedir");
        return basedir != null ? Paths.get(basedir) : Paths.get("").toAbsolutePath();
    }
}
