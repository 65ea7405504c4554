package io.kafkaconnect.mesos.source.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;

/** Renders a Connect schema as a stable, readable JSON description: the form the golden files hold. */
public final class SchemaDescriber {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SchemaDescriber() {
    }

    public static String describe(Schema schema) {
        try {
            return MAPPER.writeValueAsString(node(schema)).replace("\r\n", "\n") + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode node(Schema schema) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", schema.type().getName());
        if (schema.name() != null) {
            node.put("name", schema.name());
        }
        if (schema.version() != null) {
            node.put("version", schema.version());
        }
        node.put("optional", schema.isOptional());
        if (schema.doc() != null) {
            node.put("doc", schema.doc());
        }
        if (schema.defaultValue() != null) {
            node.put("default", String.valueOf(schema.defaultValue()));
        }
        if (schema.parameters() != null && !schema.parameters().isEmpty()) {
            ObjectNode parameters = node.putObject("parameters");
            new TreeMap<>(schema.parameters()).forEach(parameters::put);
        }
        switch (schema.type()) {
            case STRUCT -> {
                ArrayNode fields = node.putArray("fields");
                for (Field field : schema.fields()) {
                    ObjectNode fieldNode = fields.addObject();
                    fieldNode.put("name", field.name());
                    fieldNode.set("schema", node(field.schema()));
                }
            }
            case ARRAY -> node.set("items", node(schema.valueSchema()));
            case MAP -> {
                node.set("keys", node(schema.keySchema()));
                node.set("values", node(schema.valueSchema()));
            }
            default -> {
                // primitives are fully described above
            }
        }
        return node;
    }

    /** Field paths ({@code status.state}, {@code resources[].ranges[].begin}) of a struct schema, in order. */
    public static Map<String, Schema> fieldPaths(Schema schema) {
        Map<String, Schema> paths = new LinkedHashMap<>();
        collect("", schema, paths);
        return paths;
    }

    /** Every struct schema inside {@code schema}, including array elements and {@code schema} itself. */
    public static List<Schema> structs(Schema schema) {
        List<Schema> structs = new ArrayList<>();
        collectStructs(schema, structs);
        return structs;
    }

    private static void collectStructs(Schema schema, List<Schema> structs) {
        switch (schema.type()) {
            case STRUCT -> {
                structs.add(schema);
                schema.fields().forEach(field -> collectStructs(field.schema(), structs));
            }
            case ARRAY -> collectStructs(schema.valueSchema(), structs);
            case MAP -> collectStructs(schema.valueSchema(), structs);
            default -> {
                // primitives hold no structs
            }
        }
    }

    private static void collect(String prefix, Schema schema, Map<String, Schema> paths) {
        switch (schema.type()) {
            case STRUCT -> {
                for (Field field : schema.fields()) {
                    String path = prefix.isEmpty() ? field.name() : prefix + "." + field.name();
                    paths.put(path, field.schema());
                    collect(path, field.schema(), paths);
                }
            }
            case ARRAY -> collect(prefix + "[]", schema.valueSchema(), paths);
            default -> {
                // maps have string keys and primitive values here; nothing below them
            }
        }
    }
}
