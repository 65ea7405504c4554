package io.kafkaconnect.mesos.bench.stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;

/**
 * The usual generic way from a protobuf message to a Connect {@link Struct}: a schema derived from the descriptor (one
 * optional field per proto field, enums as strings, a type nested in itself kept as bytes), and the set fields copied
 * through protobuf reflection. The naive baseline of the stream benchmark; schemas are cached per type.
 */
final class GenericStructConverter {

    private final Map<Descriptor, Schema> schemas = new HashMap<>();

    Struct toStruct(Message message) {
        return struct(message, schema(message.getDescriptorForType(), new ArrayDeque<>()));
    }

    private Schema schema(Descriptor type, Deque<Descriptor> path) {
        Schema cached = schemas.get(type);
        if (cached != null) {
            return cached;
        }
        if (path.contains(type)) {
            return Schema.OPTIONAL_BYTES_SCHEMA;
        }
        path.push(type);
        SchemaBuilder builder = SchemaBuilder.struct().name(type.getFullName()).optional();
        for (FieldDescriptor field : type.getFields()) {
            Schema element = elementSchema(field, path);
            builder.field(field.getName(), field.isRepeated() ? SchemaBuilder.array(element).optional().build()
                    : element);
        }
        path.pop();
        Schema schema = builder.build();
        schemas.put(type, schema);
        return schema;
    }

    private Schema elementSchema(FieldDescriptor field, Deque<Descriptor> path) {
        return switch (field.getJavaType()) {
            case INT -> Schema.OPTIONAL_INT32_SCHEMA;
            case LONG -> Schema.OPTIONAL_INT64_SCHEMA;
            case FLOAT -> Schema.OPTIONAL_FLOAT32_SCHEMA;
            case DOUBLE -> Schema.OPTIONAL_FLOAT64_SCHEMA;
            case BOOLEAN -> Schema.OPTIONAL_BOOLEAN_SCHEMA;
            case STRING, ENUM -> Schema.OPTIONAL_STRING_SCHEMA;
            case BYTE_STRING -> Schema.OPTIONAL_BYTES_SCHEMA;
            case MESSAGE -> schema(field.getMessageType(), path);
        };
    }

    private Struct struct(Message message, Schema schema) {
        Struct struct = new Struct(schema);
        for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
            Field field = schema.field(entry.getKey().getName());
            Schema fieldSchema = field.schema();
            if (entry.getKey().isRepeated()) {
                List<Object> values = new ArrayList<>();
                for (Object element : (List<?>) entry.getValue()) {
                    values.add(value(element, fieldSchema.valueSchema()));
                }
                struct.put(field, values);
            } else {
                struct.put(field, value(entry.getValue(), fieldSchema));
            }
        }
        return struct;
    }

    private Object value(Object value, Schema schema) {
        if (value instanceof Message message) {
            return schema.type() == Schema.Type.BYTES ? message.toByteArray() : struct(message, schema);
        }
        if (value instanceof EnumValueDescriptor enumValue) {
            return enumValue.getName();
        }
        if (value instanceof ByteString bytes) {
            return bytes.toByteArray();
        }
        return value;
    }
}
