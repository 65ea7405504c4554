package io.kafkaconnect.mesos.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Compares a row read back from the lake with the row written, field by field along the original schema, naming the
 * path of the first difference (e.g. {@code resources[2].reservations[0].labels}).
 */
final class RowAssertions {

    private RowAssertions() {
    }

    static void assertSameRows(List<Struct> expected, List<Struct> actual) {
        assertThat(actual).as("row count").hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertSameValue(expected.get(i).schema(), expected.get(i), actual.get(i), "row " + i);
        }
    }

    static void assertSameValue(Schema schema, Object expected, Object actual, String path) {
        if (expected == null) {
            assertThat(actual).as(path).isNull();
            return;
        }
        assertThat(actual).as(path).isNotNull();
        switch (schema.type()) {
            case STRUCT -> assertSameStruct(schema, (Struct) expected, (Struct) actual, path);
            case ARRAY -> {
                List<?> want = (List<?>) expected;
                List<?> got = (List<?>) actual;
                assertThat(got).as(path + " size").hasSameSizeAs(want);
                for (int i = 0; i < want.size(); i++) {
                    assertSameValue(schema.valueSchema(), want.get(i), got.get(i), path + "[" + i + "]");
                }
            }
            case MAP -> {
                Map<?, ?> want = (Map<?, ?>) expected;
                Map<?, ?> got = (Map<?, ?>) actual;
                assertThat(new HashSet<Object>(got.keySet())).as(path + " keys").isEqualTo(new HashSet<Object>(want.keySet()));
                want.forEach((key, value) ->
                        assertSameValue(schema.valueSchema(), value, got.get(key), path + "[" + key + "]"));
            }
            case BYTES -> assertThat(bytes(actual)).as(path).isEqualTo(bytes(expected));
            default -> {
                if (Timestamp.LOGICAL_NAME.equals(schema.name())) {
                    assertThat(actual).as(path).isInstanceOf(java.util.Date.class);
                }
                assertThat(actual).as(path).isEqualTo(expected);
            }
        }
    }

    private static void assertSameStruct(Schema schema, Struct expected, Struct actual, String path) {
        assertThat(actual.schema().name()).as(path + " schema name").isEqualTo(schema.name());
        assertThat(actual.schema().version()).as(path + " schema version").isEqualTo(schema.version());
        assertThat(actual.schema().fields()).as(path + " fields")
                .extracting(Field::name).containsExactlyElementsOf(schema.fields().stream().map(Field::name).toList());
        for (Field field : schema.fields()) {
            assertSameValue(field.schema(), expected.get(field), actual.get(field.name()), path + "." + field.name());
        }
    }

    private static byte[] bytes(Object value) {
        if (value instanceof ByteBuffer buffer) {
            byte[] copy = new byte[buffer.remaining()];
            buffer.duplicate().get(copy);
            return copy;
        }
        return (byte[]) value;
    }
}
