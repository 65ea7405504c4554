package io.kafkaconnect.mesos.source.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * Checks that a produced struct is valid and survives Kafka's real {@link JsonConverter}, with schemas enabled
 * (compared as is) and disabled (the schemaless JSON read back and re-typed with the known schema, as a sink with the
 * schema would do).
 */
final class ConnectRoundTrip {

    private static final String TOPIC = "mesos.test";
    private static final JsonConverter WITH_SCHEMAS = converter(true);
    private static final JsonConverter SCHEMALESS = converter(false);

    private ConnectRoundTrip() {
    }

    static void assertValidAndLossless(Struct value) {
        value.validate();
        byte[] enveloped = WITH_SCHEMAS.fromConnectData(TOPIC, value.schema(), value);
        SchemaAndValue back = WITH_SCHEMAS.toConnectData(TOPIC, enveloped);
        assertThat(back.value()).as("round trip with schemas.enable=true").isEqualTo(value);
        assertThat(back.schema()).isEqualTo(value.schema());

        byte[] plain = SCHEMALESS.fromConnectData(TOPIC, value.schema(), value);
        Object read = SCHEMALESS.toConnectData(TOPIC, plain).value();
        assertThat(retype(read, value.schema())).as("round trip with schemas.enable=false").isEqualTo(value);
    }

    /** The JSON JsonConverter writes with schemas.enable=false (what docs/topics.md shows). */
    static String schemalessJson(Struct value) {
        return new String(SCHEMALESS.fromConnectData(TOPIC, value.schema(), value), StandardCharsets.UTF_8);
    }

    private static JsonConverter converter(boolean schemasEnabled) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", String.valueOf(schemasEnabled)), false);
        return converter;
    }

    @SuppressWarnings("unchecked")
    private static Object retype(Object value, Schema schema) {
        if (value == null) {
            return null;
        }
        switch (schema.type()) {
            case STRUCT: {
                Map<String, Object> map = (Map<String, Object>) value;
                Struct struct = new Struct(schema);
                for (Field field : schema.fields()) {
                    struct.put(field, retype(map.get(field.name()), field.schema()));
                }
                return struct;
            }
            case ARRAY: {
                List<Object> result = new ArrayList<>();
                for (Object element : (List<Object>) value) {
                    result.add(retype(element, schema.valueSchema()));
                }
                return result;
            }
            case MAP: {
                Map<Object, Object> result = new LinkedHashMap<>();
                ((Map<Object, Object>) value).forEach((k, v) -> result.put(k, retype(v, schema.valueSchema())));
                return result;
            }
            case INT64:
                long number = ((Number) value).longValue();
                return Timestamp.LOGICAL_NAME.equals(schema.name()) ? new Date(number) : (Object) number;
            case INT32:
                return ((Number) value).intValue();
            case FLOAT64:
                return ((Number) value).doubleValue();
            case BYTES:
                return Base64.getDecoder().decode((String) value);
            default:
                return value;
        }
    }
}
