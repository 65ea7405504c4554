package io.kafkaconnect.mesos.sink;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkaconnect.mesos.codec.MesosJson;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Connect {@code Struct} command envelopes made from (fuzzed) JSON, as a worker's converter with schemas would hand
 * them to the sink: the call as a nested struct when its shape has a schema, else as JSON text; envelope fields in
 * the documented types or in odd ones (numbers as {@code Decimal}, times as {@code Timestamp}, hostile decimals).
 */
final class StructCommands {

    private static final BigDecimal[] HOSTILE_DECIMALS = {new BigDecimal("1E-999999999"),
        new BigDecimal("1E+999999999"), new BigDecimal("-0.000"), new BigDecimal("9223372036854775808")};

    private StructCommands() {
    }

    static Struct from(byte[] json, Random random) {
        JsonNode root;
        try {
            root = MesosJson.mapper().readTree(json);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            Schema schema = SchemaBuilder.struct().name("Command").field("call", Schema.STRING_SCHEMA).build();
            return new Struct(schema).put("call", new String(json, StandardCharsets.UTF_8));
        }
        SchemaBuilder schema = SchemaBuilder.struct().name("Command");
        List<Object> values = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().isEmpty()) {
                continue; // Connect has no empty field names
            }
            Typed typed = field.getKey().equals(CommandParser.CALL) && random.nextBoolean()
                    ? new Typed(Schema.STRING_SCHEMA, field.getValue().isTextual() ? field.getValue().textValue()
                    : field.getValue().toString())
                    : typed(field.getValue(), random);
            if (typed != null) {
                schema.field(field.getKey(), typed.schema());
                values.add(typed.value());
            }
        }
        return struct(schema, values);
    }

    /** A struct of {@code schema}'s fields, in order, with {@code values}. */
    private static Struct struct(SchemaBuilder schema, List<Object> values) {
        Schema built = schema.build();
        Struct struct = new Struct(built);
        for (int i = 0; i < values.size(); i++) {
            struct.put(built.fields().get(i), values.get(i));
        }
        return struct;
    }

    private record Typed(Schema schema, Object value) {
    }

    /** A schema and value for a JSON value, or null for nulls and shapes Connect cannot type (mixed arrays). */
    private static Typed typed(JsonNode node, Random random) {
        if (node.isTextual()) {
            return new Typed(Schema.STRING_SCHEMA, node.textValue());
        }
        if (node.isBoolean()) {
            return new Typed(Schema.BOOLEAN_SCHEMA, node.booleanValue());
        }
        if (node.isNumber()) {
            return number(node, random);
        }
        if (node.isArray()) {
            if (node.isEmpty()) {
                return null;
            }
            List<Object> items = new ArrayList<>();
            Schema item = null;
            for (JsonNode element : node) {
                Typed typed = typed(element, random);
                if (typed == null || item != null && !item.equals(typed.schema())) {
                    return null;
                }
                item = typed.schema();
                items.add(typed.value());
            }
            return new Typed(SchemaBuilder.array(item).build(), items);
        }
        if (node.isObject()) {
            SchemaBuilder schema = SchemaBuilder.struct();
            List<Object> values = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                Typed typed = field.getKey().isEmpty() ? null : typed(field.getValue(), random);
                if (typed != null) {
                    schema.field(field.getKey(), typed.schema());
                    values.add(typed.value());
                }
            }
            Struct struct = struct(schema, values);
            return new Typed(struct.schema(), struct);
        }
        return null;
    }

    private static Typed number(JsonNode node, Random random) {
        switch (random.nextInt(8)) {
            case 0 -> {
                BigDecimal hostile = HOSTILE_DECIMALS[random.nextInt(HOSTILE_DECIMALS.length)];
                return new Typed(Decimal.schema(hostile.scale()), hostile);
            }
            case 1 -> {
                BigDecimal decimal = node.decimalValue();
                return new Typed(Decimal.schema(decimal.scale()), decimal);
            }
            case 2 -> {
                if (node.canConvertToLong()) {
                    return new Typed(Timestamp.SCHEMA, new Date(node.longValue()));
                }
                return new Typed(Schema.FLOAT64_SCHEMA, node.doubleValue());
            }
            default -> {
                return node.isIntegralNumber() && node.canConvertToLong()
                        ? new Typed(Schema.INT64_SCHEMA, node.longValue())
                        : new Typed(Schema.FLOAT64_SCHEMA, node.doubleValue());
            }
        }
    }
}
