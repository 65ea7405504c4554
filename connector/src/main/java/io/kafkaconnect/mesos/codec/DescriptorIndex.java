package io.kafkaconnect.mesos.codec;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-message-type lookups computed once and shared: fields in field-number order (the order Mesos writes), fields
 * by JSON key (proto name and camelCase json_name), and the message-typed fields (for walks that only descend).
 * Field facts are copied into {@link Field} because descriptor getters are not free (with the Mesos 1.11 generated
 * classes, {@code FieldDescriptor.getName()} decodes UTF-8 on every call).
 */
final class DescriptorIndex {

    /** The facts about one field that the codec needs on every value. */
    static final class Field {
        final FieldDescriptor descriptor;
        final String name;
        final FieldDescriptor.Type type;
        final FieldDescriptor.JavaType javaType;
        final boolean repeated;
        final boolean map;
        final boolean durationMessage;

        private Field(FieldDescriptor descriptor) {
            this.descriptor = descriptor;
            this.name = descriptor.getName();
            this.type = descriptor.getType();
            this.javaType = descriptor.getJavaType();
            this.repeated = descriptor.isRepeated();
            this.map = descriptor.isMapField();
            this.durationMessage = javaType == FieldDescriptor.JavaType.MESSAGE
                    && "google.protobuf.Duration".equals(descriptor.getMessageType().getFullName());
        }

        /** The map entry's key field ({@code map} fields only). */
        FieldDescriptor mapKey() {
            return descriptor.getMessageType().findFieldByNumber(1);
        }

        /** The map entry's value field ({@code map} fields only). */
        Field mapValue() {
            return DescriptorIndex.of(descriptor.getMessageType()).fieldsByNumber[1];
        }
    }

    private static final Map<Descriptor, DescriptorIndex> CACHE = new ConcurrentHashMap<>();

    private final Field[] fieldsByNumber;
    private final Field[] messageFields;
    private final Map<String, Field> byKey;

    private DescriptorIndex(Descriptor descriptor) {
        List<FieldDescriptor> fields = new ArrayList<>(descriptor.getFields());
        fields.sort(Comparator.comparingInt(FieldDescriptor::getNumber));
        fieldsByNumber = fields.stream().map(Field::new).toArray(Field[]::new);
        messageFields = Arrays.stream(fieldsByNumber)
                .filter(f -> f.javaType == FieldDescriptor.JavaType.MESSAGE)
                .toArray(Field[]::new);
        Map<String, Field> keys = new HashMap<>();
        for (Field field : fieldsByNumber) {
            keys.putIfAbsent(field.descriptor.getJsonName(), field);
        }
        for (Field field : fieldsByNumber) {
            keys.put(field.name, field); // the proto name wins over another field's json_name
        }
        byKey = Map.copyOf(keys);
    }

    static DescriptorIndex of(Descriptor descriptor) {
        DescriptorIndex index = CACHE.get(descriptor);
        return index != null ? index : CACHE.computeIfAbsent(descriptor, DescriptorIndex::new);
    }

    Field[] fieldsByNumber() {
        return fieldsByNumber;
    }

    Field[] messageFields() {
        return messageFields;
    }

    /** The field for a JSON key, or {@code null}. */
    Field field(String key) {
        return byKey.get(key);
    }
}
