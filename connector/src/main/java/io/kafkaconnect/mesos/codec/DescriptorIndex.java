package io.kafkaconnect.mesos.codec;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-message-type lookups computed once and shared: fields in field-number order (the order Mesos writes), fields
 * by JSON key (proto name and camelCase json_name), and the message-typed fields (for walks that only descend).
 */
final class DescriptorIndex {

    private static final Map<Descriptor, DescriptorIndex> CACHE = new ConcurrentHashMap<>();

    private final FieldDescriptor[] fieldsByNumber;
    private final FieldDescriptor[] messageFields;
    private final Map<String, FieldDescriptor> byKey;
    private final boolean isDuration;

    private DescriptorIndex(Descriptor descriptor) {
        List<FieldDescriptor> fields = new ArrayList<>(descriptor.getFields());
        fields.sort(Comparator.comparingInt(FieldDescriptor::getNumber));
        fieldsByNumber = fields.toArray(FieldDescriptor[]::new);
        messageFields = fields.stream()
                .filter(f -> f.getJavaType() == FieldDescriptor.JavaType.MESSAGE)
                .toArray(FieldDescriptor[]::new);
        Map<String, FieldDescriptor> keys = new HashMap<>();
        for (FieldDescriptor field : fields) {
            keys.putIfAbsent(field.getJsonName(), field);
        }
        for (FieldDescriptor field : fields) {
            keys.put(field.getName(), field); // the proto name wins over another field's json_name
        }
        byKey = Map.copyOf(keys);
        isDuration = "google.protobuf.Duration".equals(descriptor.getFullName());
    }

    static DescriptorIndex of(Descriptor descriptor) {
        DescriptorIndex index = CACHE.get(descriptor);
        return index != null ? index : CACHE.computeIfAbsent(descriptor, DescriptorIndex::new);
    }

    FieldDescriptor[] fieldsByNumber() {
        return fieldsByNumber;
    }

    FieldDescriptor[] messageFields() {
        return messageFields;
    }

    /** The field for a JSON key, or {@code null}. */
    FieldDescriptor field(String key) {
        return byKey.get(key);
    }

    boolean isDuration() {
        return isDuration;
    }
}
