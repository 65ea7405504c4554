package io.kafkaconnect.mesos.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;

/**
 * The repository's {@code docker-compose.yml} and the files it mounts, read the way Compose reads them: variables
 * replaced by their defaults, relative paths resolved against the repository root.
 */
final class ComposeProject {
    static final String COMPOSE_FILE = "docker-compose.yml";

    /** {@code ${NAME:-default}} or {@code ${NAME-default}}; a variable without a default is a mistake here. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");

    private final Path root;
    private final JsonNode compose;

    private ComposeProject(Path root, JsonNode compose) {
        this.root = root;
        this.compose = compose;
    }

    /** Finds the repository root (the folder holding docker-compose.yml and the parent pom) above the working dir. */
    static ComposeProject load() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !(Files.isRegularFile(dir.resolve(COMPOSE_FILE)) && Files.isRegularFile(dir.resolve("pom.xml")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no " + COMPOSE_FILE + " above " + System.getProperty("user.dir"));
        }
        try {
            return new ComposeProject(dir, new YAMLMapper().readTree(dir.resolve(COMPOSE_FILE).toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path root() {
        return root;
    }

    Path composeFile() {
        return root.resolve(COMPOSE_FILE);
    }

    JsonNode services() {
        return compose.path("services");
    }

    List<String> serviceNames() {
        List<String> names = new ArrayList<>();
        services().fieldNames().forEachRemaining(names::add);
        return names;
    }

    JsonNode service(String name) {
        JsonNode service = services().path(name);
        if (service.isMissingNode()) {
            throw new AssertionError("docker-compose.yml has no service '" + name + "'");
        }
        return service;
    }

    /** A service's environment variable (map or {@code KEY=value} list form), interpolated. */
    Optional<String> environment(String service, String key) {
        JsonNode env = service(service).path("environment");
        if (env.isObject()) {
            return env.has(key) ? Optional.of(interpolate(env.get(key).asText())) : Optional.empty();
        }
        for (JsonNode entry : env) {
            String text = entry.asText();
            if (text.startsWith(key + "=")) {
                return Optional.of(interpolate(text.substring(key.length() + 1)));
            }
        }
        return Optional.empty();
    }

    /** Every volume of a service as a bind or named mount, short and long syntax alike, interpolated. */
    List<Mount> mounts(String service) {
        List<Mount> mounts = new ArrayList<>();
        for (JsonNode volume : service(service).path("volumes")) {
            if (volume.isTextual()) {
                String[] parts = interpolate(volume.asText()).split(":");
                boolean readOnly = parts.length > 2 && parts[2].contains("ro");
                mounts.add(new Mount(parts[0], parts[1], readOnly));
            } else {
                mounts.add(new Mount(interpolate(volume.path("source").asText()),
                        interpolate(volume.path("target").asText()), volume.path("read_only").asBoolean(false)));
            }
        }
        return mounts;
    }

    Optional<Mount> mountAt(String service, String target) {
        return mounts(service).stream().filter(m -> m.target().equals(target)).findFirst();
    }

    /** A string field of the compose file or a list of strings (exec form) as a list. */
    static List<String> words(JsonNode node) {
        List<String> words = new ArrayList<>();
        if (node.isTextual()) {
            words.addAll(List.of(interpolate(node.asText()).trim().split("\\s+")));
        } else {
            node.forEach(word -> words.add(interpolate(word.asText())));
        }
        return words;
    }

    /** Host path of a bind-mount source given relative to the compose file. */
    Path hostPath(Mount mount) {
        return root.resolve(mount.source()).normalize();
    }

    /** Loads a properties file the compose file mounts into a service at {@code target}. */
    Properties mountedProperties(String service, String target) {
        Mount mount = mountAt(service, target)
                .orElseThrow(() -> new AssertionError(service + " mounts nothing at " + target));
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(hostPath(mount))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** A value from the parent pom: {@code version} or a property of {@code <properties>}. */
    String pomValue(String xpath) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document pom = factory.newDocumentBuilder().parse(root.resolve("pom.xml").toFile());
            String value = XPathFactory.newInstance().newXPath().evaluate(xpath, pom).trim();
            if (value.isEmpty()) {
                throw new AssertionError("nothing at " + xpath + " in pom.xml");
            }
            return value;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + xpath + " from pom.xml", e);
        }
    }

    String projectVersion() {
        return pomValue("/project/version");
    }

    String kafkaVersion() {
        return pomValue("/project/properties/*[local-name()='kafka.version']");
    }

    /** Replaces each {@code ${VAR:-default}} by its default, as Compose does when VAR is unset. */
    static String interpolate(String value) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            if (matcher.group(2) == null) {
                throw new AssertionError("variable ${" + matcher.group(1) + "} has no default in: " + value);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group(2)));
        }
        matcher.appendTail(out);
        return out.toString().replace("$$", "$");
    }

    /** Reads a connector body file: a flat JSON object of strings, as {@code PUT /connectors/{name}/config} takes. */
    static Map<String, String> connectorConfig(Path file) {
        try {
            JsonNode body = new ObjectMapper().readTree(file.toFile());
            if (body == null || !body.isObject()) {
                throw new AssertionError(file + " is not a JSON object");
            }
            Map<String, String> config = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getValue().isTextual()) {
                    throw new AssertionError(file + ": " + field.getKey() + " must be a JSON string");
                }
                config.put(field.getKey(), field.getValue().asText());
            }
            return config;
        } catch (IOException e) {
            throw new AssertionError(file + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** One volume of a service: a host path (relative to the compose file) or a named volume, and its target. */
    record Mount(String source, String target, boolean readOnly) {
        boolean isBind() {
            return source.startsWith("./") || source.startsWith("../") || source.startsWith("/");
        }
    }
}
