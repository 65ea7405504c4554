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
        for (FieldDescriptor field : DescriptorIndex.of(message.getDescriptorForType()).fieldsByNumber()) {
            if (field.isRepeated()) {
                if (message.getRepeatedFieldCount(field) > 0) {
                    List<?> values = (List<?>) message.getField(field);
                    object.set(field.getName(), field.isMapField() ? map(field, values) : array(field, values));
                }
            } else if (message.hasField(field)) {
                object.set(field.getName(), value(field, message.getField(field)));
            }
        }
        return object;
    }

    private static ArrayNode array(FieldDescriptor field, List<?> values) {
        ArrayNode array = NODES.arrayNode(values.size());
        for (Object value : values) {
            array.add(value(field, value));
        }
        return array;
    }

    private static ObjectNode map(FieldDescriptor field, List<?> entries) {
        FieldDescriptor keyField = field.getMessageType().findFieldByNumber(1);
        FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
        ObjectNode object = NODES.objectNode();
        for (Object entry : entries) {
            Message message = (Message) entry;
            object.set(mapKey(keyField, message.getField(keyField)), value(valueField, message.getField(valueField)));
        }
        return object;
    }

    private static String mapKey(FieldDescriptor keyField, Object key) {
        return switch (keyField.getType()) {
            case UINT32, FIXED32 -> Integer.toUnsignedString((Integer) key);
            case UINT64, FIXED64 -> Long.toUnsignedString((Long) key);
            case STRING -> wellFormed((String) key);
            default -> String.valueOf(key);
        };
    }

    private static JsonNode value(FieldDescriptor field, Object value) {
        return switch (field.getType()) {
            case DOUBLE -> doubleNode((Double) value);
            case FLOAT -> floatNode((Float) value);
            case INT32, SINT32, SFIXED32 -> NODES.numberNode((Integer) value);
            case UINT32, FIXED32 -> NODES.numberNode(Integer.toUnsignedLong((Integer) value));
            case INT64, SINT64, SFIXED64 -> NODES.numberNode((Long) value);
            case UINT64, FIXED64 -> unsigned64((Long) value);
            case BOOL -> NODES.booleanNode((Boolean) value);
            case STRING -> NODES.textNode(wellFormed((String) value));
            case BYTES -> NODES.textNode(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
            case ENUM -> NODES.textNode(((EnumValueDescriptor) value).getName());
            case MESSAGE, GROUP -> write((MessageOrBuilder) value);
        };
    }

    /**
     * The text with each unpaired surrogate replaced by U+FFFD, as UTF-8 encoding does; Jackson would otherwise
     * fail, or merge it with the next character.
     */
    static String wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return replaceUnpairedSurrogates(text, i);
            }
        }
        return text;
    }

    private static String replaceUnpairedSurrogates(String text, int from) {
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, from);
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
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
