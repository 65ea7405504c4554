package io.kafkaconnect.mesos.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import java.math.BigInteger;
import java.util.Base64;
import java.util.List;

/** Writes a message as the JSON tree a Mesos master accepts and emits (facts §6). See {@link MesosJson}. */
final class JsonWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private JsonWriter() {
    }

    static ObjectNode write(MessageOrBuilder message) {
        ObjectNode object = NODES.objectNode();
        for (DescriptorIndex.Field field : DescriptorIndex.of(message.getDescriptorForType()).fieldsByNumber()) {
            if (field.repeated) {
                if (message.getRepeatedFieldCount(field.descriptor) > 0) {
                    List<?> values = (List<?>) message.getField(field.descriptor);
                    object.set(field.name, field.map ? map(field, values) : array(field, values));
                }
            } else if (message.hasField(field.descriptor)) {
                object.set(field.name, value(field.type, message.getField(field.descriptor)));
            }
        }
        return object;
    }

    private static ArrayNode array(DescriptorIndex.Field field, List<?> values) {
        ArrayNode array = NODES.arrayNode(values.size());
        for (Object value : values) {
            array.add(value(field.type, value));
        }
        return array;
    }

    private static ObjectNode map(DescriptorIndex.Field field, List<?> entries) {
        FieldDescriptor keyField = field.mapKey();
        DescriptorIndex.Field valueField = field.mapValue();
        ObjectNode object = NODES.objectNode();
        for (Object entry : entries) {
            Message message = (Message) entry;
            object.set(mapKey(keyField, message.getField(keyField)),
                    value(valueField.type, message.getField(valueField.descriptor)));
        }
        return object;
    }

    private static String mapKey(FieldDescriptor keyField, Object key) {
        return switch (keyField.getType()) {
            case UINT32, FIXED32 -> Integer.toUnsignedString((Integer) key);
            case UINT64, FIXED64 -> Long.toUnsignedString((Long) key);
            case STRING -> WellFormedText.of((String) key);
            default -> String.valueOf(key);
        };
    }

    private static JsonNode value(FieldDescriptor.Type type, Object value) {
        return switch (type) {
            case DOUBLE -> doubleNode((Double) value);
            case FLOAT -> floatNode((Float) value);
            case INT32, SINT32, SFIXED32 -> NODES.numberNode((Integer) value);
            case UINT32, FIXED32 -> NODES.numberNode(Integer.toUnsignedLong((Integer) value));
            case INT64, SINT64, SFIXED64 -> NODES.numberNode((Long) value);
            case UINT64, FIXED64 -> unsigned64((Long) value);
            case BOOL -> NODES.booleanNode((Boolean) value);
            case STRING -> NODES.textNode(WellFormedText.of((String) value));
            case BYTES -> NODES.textNode(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
            case ENUM -> NODES.textNode(((EnumValueDescriptor) value).getName());
            case MESSAGE, GROUP -> write((MessageOrBuilder) value);
        };
    }

    private static JsonNode doubleNode(double value) {
        return Double.isFinite(value) ? NODES.numberNode(value) : NODES.textNode(Double.toString(value));
    }

    private static JsonNode floatNode(float value) {
        return Float.isFinite(value) ? NODES.numberNode(value) : NODES.textNode(Float.toString(value));
    }

    private static JsonNode unsigned64(long value) {
        return value >= 0
                ? NODES.numberNode(value)
                : NODES.numberNode(new BigInteger(Long.toUnsignedString(value)));
    }
}
