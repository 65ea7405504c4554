package io.kafkaconnect.mesos.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.tools.ConnectPluginPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka's own {@code connect-plugin-path list} (KIP-898) on the unpacked zip: both connectors are loadable and have
 * the ServiceLoader manifests that {@code plugin.discovery=service_load} needs.
 */
class ConnectPluginPathIT {

    @TempDir
    Path pluginPath;

    @Test
    void listFindsBothConnectorsWithTheirManifests() throws IOException {
        PackagedPlugin plugin = PackagedPlugin.fromBuild();
        Path location = plugin.unpackInto(pluginPath);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = ConnectPluginPath.mainNoExit(new String[] {"list", "--plugin-path", pluginPath.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        Map<String, Row> ours = table.lines().map(line -> line.split("\t")).filter(cells -> cells.length == 8)
                .map(Row::of).filter(row -> row.location().startsWith(location.toString()))
                .collect(Collectors.toMap(Row::className, Function.identity()));
        assertThat(ours).as(table).containsOnlyKeys(PackagedPlugin.SOURCE_CONNECTOR, PackagedPlugin.SINK_CONNECTOR);
        assertThat(ours.get(PackagedPlugin.SOURCE_CONNECTOR).type()).isEqualToIgnoringCase("source");
        assertThat(ours.get(PackagedPlugin.SINK_CONNECTOR).type()).isEqualToIgnoringCase("sink");
        for (Row row : ours.values()) {
            assertThat(row.version()).as(row.className()).isEqualTo(plugin.version());
            assertThat(row.loadable()).as(row.className() + " loadable").isTrue();
            assertThat(row.hasManifest()).as(row.className() + " has a ServiceLoader manifest").isTrue();
        }
        // The summary counts the plugin.path's plugins only (not the classpath's): the zip's two, both compatible.
        assertThat(summary(table, "Total plugins:")).isEqualTo(2);
        assertThat(summary(table, "Compatible plugins:")).isEqualTo(2);
    }

    private static int summary(String table, String label) {
        return table.lines().filter(line -> line.startsWith(label)).findFirst()
                .map(line -> Integer.parseInt(line.substring(label.length()).strip())).orElseThrow();
    }

    /** One line of the TSV table: plugin name, two aliases, version, type, loadable, hasManifest, location. */
    private record Row(String className, String version, String type, boolean loadable, boolean hasManifest,
                       String location) {
        static Row of(String[] cells) {
            return new Row(cells[0], cells[3], cells[4], Boolean.parseBoolean(cells[5]),
                    Boolean.parseBoolean(cells[6]), cells[7]);
        }
    }
}
