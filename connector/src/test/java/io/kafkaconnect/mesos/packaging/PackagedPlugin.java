package io.kafkaconnect.mesos.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Assumptions;

/**
 * The plugin zip built by this module ({@code target/kafka-connect-mesos-<version>-plugin.zip}), as the
 * {@code packaged-plugin} failsafe execution hands it over: its path and version in system properties, and the
 * project's own classes kept off the classpath so that only the zip can provide the connectors.
 */
final class PackagedPlugin {

    static final String SOURCE_CONNECTOR = "io.kafkaconnect.mesos.source.MesosSourceConnector";
    static final String SINK_CONNECTOR = "io.kafkaconnect.mesos.sink.MesosSinkConnector";

    private final Path zip;
    private final String version;

    private PackagedPlugin(Path zip, String version) {
        this.zip = zip;
        this.version = version;
    }

    /**
     * The built zip. Outside the {@code packaged-plugin} execution (e.g. {@code -Dit.test=...} in the default one)
     * the test is skipped rather than run on target/classes, which would prove nothing about the zip.
     */
    static PackagedPlugin fromBuild() {
        String zip = System.getProperty("packaged.plugin.zip");
        Assumptions.assumeTrue(zip != null, "runs only in the packaged-plugin failsafe execution (mvn verify)");
        assertThatThrownBy(() -> Class.forName(SOURCE_CONNECTOR))
                .as("the project's classes must be off the classpath, so that only the zip provides them")
                .isInstanceOf(ClassNotFoundException.class);
        Path path = Path.of(zip);
        assertThat(path).as("the plugin zip (built in the package phase)").isRegularFile();
        return new PackagedPlugin(path, System.getProperty("packaged.plugin.version"));
    }

    String version() {
        return version;
    }

    /** The top directory inside the zip, {@code kafka-connect-mesos-<version>}. */
    String baseDirectory() {
        return "kafka-connect-mesos-" + version;
    }

    /** Every entry name, directories included. */
    List<String> entries() throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return Collections.list(file.entries()).stream().map(ZipEntry::getName).toList();
        }
    }

    /** The names of the files directly under {@code <base>/<folder>/}. */
    List<String> filesIn(String folder) throws IOException {
        String prefix = baseDirectory() + "/" + folder + "/";
        List<String> names = new ArrayList<>();
        for (String entry : entries()) {
            String rest = entry.startsWith(prefix) ? entry.substring(prefix.length()) : "";
            if (!rest.isEmpty() && !rest.contains("/")) {
                names.add(rest);
            }
        }
        return names;
    }

    /**
     * The same content unpacked by the build beside the zip ({@code <artifactId>-<version>-plugin/}), the directory
     * docker-compose.yml mounts as the worker's plugin.path.
     */
    Path builtDirectory() {
        String zipName = zip.getFileName().toString();
        return zip.resolveSibling(zipName.substring(0, zipName.length() - ".zip".length())).resolve(baseDirectory());
    }

    /** Unzips into {@code pluginPath}, as a user would into a directory on the worker's plugin.path. */
    Path unpackInto(Path pluginPath) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : Collections.list(file.entries())) {
                Path target = pluginPath.resolve(entry.getName()).normalize();
                assertThat(target.startsWith(pluginPath)).as("zip entry %s stays inside", entry.getName()).isTrue();
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
        return pluginPath.resolve(baseDirectory());
    }
}
