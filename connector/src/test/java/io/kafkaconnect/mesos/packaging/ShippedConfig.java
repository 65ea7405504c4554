package io.kafkaconnect.mesos.packaging;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The files of the top-level {@code config/} directory (shipped as {@code etc/} in the plugin zip). */
final class ShippedConfig {

    /** Relative to the connector module, the working directory of surefire and failsafe. */
    static final Path DIR = Path.of("..", "config");

    private ShippedConfig() {
    }

    static List<Path> files() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path file(String name) {
        return DIR.resolve(name);
    }

    /** A {@code .properties} file or a flat JSON object (a REST body for {@code PUT /connectors/<name>/config}). */
    static Map<String, String> load(Path file) {
        try {
            if (file.getFileName().toString().endsWith(".json")) {
                return new ObjectMapper().readValue(file.toFile(), new TypeReference<LinkedHashMap<String, String>>() {
                });
            }
            Properties props = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(reader);
            }
            Map<String, String> map = new LinkedHashMap<>();
            props.stringPropertyNames().stream().sorted().forEach(key -> map.put(key, props.getProperty(key)));
            return map;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
