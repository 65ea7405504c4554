package io.kafkaconnect.mesos.packaging;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;

/** Renders connector ConfigDefs as Markdown: per connector, per group (in definition order), one table row per key. */
final class ConfigReference {

    private ConfigReference() {
    }

    /**
     * @param intro      Markdown placed under the title
     * @param connectors section title to ConfigDef, in the order to render
     */
    static String render(String intro, Map<String, ConfigDef> connectors) {
        StringBuilder out = new StringBuilder("# Configuration reference\n\n").append(intro).append('\n');
        connectors.forEach((title, def) -> {
            out.append("\n## ").append(title).append('\n');
            for (String group : def.groups()) {
                out.append("\n### ").append(group).append("\n\n")
                        .append("| Key | Type | Default | Valid values | Importance | Description |\n")
                        .append("|---|---|---|---|---|---|\n");
                keysOf(def, group).forEach(key -> out.append(row(key)));
            }
        });
        return out.toString();
    }

    private static List<ConfigKey> keysOf(ConfigDef def, String group) {
        return def.configKeys().values().stream()
                .filter(key -> !key.internalConfig && group.equals(key.group))
                .sorted(Comparator.comparingInt(key -> key.orderInGroup))
                .toList();
    }

    private static String row(ConfigKey key) {
        return "| `" + key.name + "` | " + key.type.name().toLowerCase(Locale.ROOT) + " | " + defaultOf(key) + " | "
                + cell(validValues(key)) + " | " + key.importance.name().toLowerCase(Locale.ROOT) + " | "
                + cell(key.documentation) + " |\n";
    }

    private static String defaultOf(ConfigKey key) {
        if (!key.hasDefault()) {
            return "*required*";
        }
        if (key.defaultValue == null) {
            return "";
        }
        String text = ConfigDef.convertToString(key.defaultValue, key.type);
        return text.isEmpty() ? "`\"\"`" : "`" + cell(text) + "`";
    }

    /**
     * The recommender's choices, in their order, where it offers some; otherwise the validator's own description
     * (a validator without one, such as a lambda, would print an identity hash).
     */
    private static String validValues(ConfigKey key) {
        List<Object> choices = key.recommender == null ? List.of() : key.recommender.validValues(key.name, Map.of());
        if (!choices.isEmpty()) {
            return choices.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
        return key.validator != null && describesItself(key.validator) ? key.validator.toString() : "";
    }

    private static boolean describesItself(Object validator) {
        try {
            return validator.getClass().getMethod("toString").getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
