package io.kafkaconnect.mesos.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What the plugin zip holds: Confluent Hub layout, runtime jars without Kafka's own, manifests, docs, config. */
class PluginZipLayoutIT {

    @TempDir
    static Path pluginPath;
    private static PackagedPlugin plugin;
    private static Path unpacked;

    @BeforeAll
    static void unpack() throws IOException {
        plugin = PackagedPlugin.fromBuild();
        unpacked = plugin.unpackInto(pluginPath);
    }

    @Test
    void libHoldsTheRuntimeJarsAndNoneOfTheWorkersOwn() throws IOException {
        List<String> lib = plugin.filesIn("lib");

        assertThat(lib).contains("kafka-connect-mesos-" + plugin.version() + ".jar", "mesos-1.11.0.jar")
                .anyMatch(name -> name.startsWith("protobuf-java-3."))
                .anyMatch(name -> name.startsWith("okhttp-"))
                .anyMatch(name -> name.startsWith("jackson-databind-"));
        // connect-api, kafka-clients and slf4j come from the worker; a second copy in lib/ would shadow them.
        assertThat(lib).noneMatch(name -> name.startsWith("connect-") || name.startsWith("kafka-clients")
                || name.startsWith("kafka_") || name.startsWith("slf4j-") || name.startsWith("log4j"));
    }

    @Test
    void theConnectorJarCarriesServiceLoaderManifestsAndItsVersion() throws IOException {
        Path jar = unpacked.resolve("lib/kafka-connect-mesos-" + plugin.version() + ".jar");
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(serviceEntries(file, "org.apache.kafka.connect.source.SourceConnector"))
                    .containsExactly(PackagedPlugin.SOURCE_CONNECTOR);
            assertThat(serviceEntries(file, "org.apache.kafka.connect.sink.SinkConnector"))
                    .containsExactly(PackagedPlugin.SINK_CONNECTOR);
            assertThat(file.getManifest().getMainAttributes().getValue("Implementation-Version"))
                    .isEqualTo(plugin.version());
        }
    }

    @Test
    void manifestJsonNamesBothComponentsAndTheVersion() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(unpacked.resolve("manifest.json").toFile());

        assertThat(manifest.path("version").asText()).isEqualTo(plugin.version());
        assertThat(manifest.path("component_types").toString()).contains("\"source\"", "\"sink\"");
    }

    @Test
    void etcHoldsEveryFileOfConfigAndDocHoldsTheGuides() throws IOException {
        List<String> config;
        try (Stream<Path> files = Files.list(Path.of("..", "config"))) {
            config = files.map(p -> p.getFileName().toString()).toList();
        }

        assertThat(config).isNotEmpty();
        assertThat(plugin.filesIn("etc")).containsExactlyInAnyOrderElementsOf(config);
        assertThat(plugin.filesIn("doc")).contains("README.md", "LICENSE", "install.md", "config-reference.md");
    }

    @Test
    void theDirectoryBuiltBesideTheZipHoldsTheSameFiles() throws IOException {
        assertThat(relativeFiles(plugin.builtDirectory())).isEqualTo(relativeFiles(unpacked)).isNotEmpty();
    }

    private static List<String> relativeFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(root::relativize).map(Path::toString).sorted().toList();
        }
    }

    private static List<String> serviceEntries(JarFile jar, String service) throws IOException {
        var entry = jar.getEntry("META-INF/services/" + service);
        assertThat(entry).as(service + " manifest").isNotNull();
        String text = new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
        return text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }
}
