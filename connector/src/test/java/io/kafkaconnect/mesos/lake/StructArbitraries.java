package io.kafkaconnect.mesos.lake;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/**
 * jqwik arbitraries for any value of a Connect schema, built from the schema alone, so every field of every topic is
 * exercised: nulls for optional fields, empty and nested arrays and maps, any Unicode text, extreme numbers (but no
 * NaN or infinities, which the mappers turn into null), byte strings and timestamps across the whole millisecond range.
 */
final class StructArbitraries {

    private static final int MAX_COLLECTION = 4;

    private StructArbitraries() {
    }

    static Arbitrary<Struct> rows(Schema schema) {
        return value(schema).map(Struct.class::cast);
    }

    static Arbitrary<Object> value(Schema schema) {
        Arbitrary<Object> value = nonNull(schema);
        return schema.isOptional() ? value.injectNull(0.15) : value;
    }

    private static Arbitrary<Object> nonNull(Schema schema) {
        if (Timestamp.LOGICAL_NAME.equals(schema.name())) {
            return Arbitraries.longs().map(Date::new).map(Object.class::cast);
        }
        return switch (schema.type()) {
            case STRUCT -> struct(schema);
            case ARRAY -> value(schema.valueSchema()).list().ofMaxSize(MAX_COLLECTION).map(Object.class::cast);
            case MAP -> Combinators.combine(keys(schema.keySchema()), value(schema.valueSchema()))
                    .as(StructArbitraries::entry).list().ofMaxSize(MAX_COLLECTION)
                    .map(StructArbitraries::toMap).map(Object.class::cast);
            case STRING -> Arbitraries.strings().ofMaxLength(40).map(Object.class::cast);
            case BOOLEAN -> Arbitraries.of(true, false).map(Object.class::cast);
            case INT32 -> Arbitraries.integers().map(Object.class::cast);
            case INT64 -> Arbitraries.longs().map(Object.class::cast);
            case FLOAT64 -> Arbitraries.doubles().map(Object.class::cast);
            case BYTES -> Arbitraries.bytes().array(byte[].class).ofMaxSize(64).map(Object.class::cast);
            default -> throw new IllegalArgumentException("No topic schema uses " + schema.type() + " yet");
        };
    }

    private static Arbitrary<Object> struct(Schema schema) {
        List<Arbitrary<Object>> fields = new ArrayList<>();
        for (Field field : schema.fields()) {
            fields.add(value(field.schema()));
        }
        return Combinators.combine(fields).as(values -> {
            Struct struct = new Struct(schema);
            for (int i = 0; i < values.size(); i++) {
                struct.put(schema.fields().get(i), values.get(i));
            }
            return (Object) struct;
        });
    }

    private static Arbitrary<String> keys(Schema keySchema) {
        if (keySchema.type() != Schema.Type.STRING) {
            throw new IllegalArgumentException("Topic schemas use string map keys only, found " + keySchema.type());
        }
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(20);
    }

    private static Map.Entry<String, Object> entry(String key, Object value) {
        return new AbstractMap.SimpleImmutableEntry<>(key, value);
    }

    private static Map<String, Object> toMap(List<Map.Entry<String, Object>> entries) {
        Map<String, Object> map = new LinkedHashMap<>();
        entries.forEach(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }
}
