package io.kafkaconnect.mesos.simulator.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * Parses JSON into a protobuf message with the rules of stout's {@code protobuf::parse}: proto field names only (other
 * keys are ignored), integers as numbers or numeric strings, enums by name only, {@code null} as unset, a lone value for a
 * repeated field, no special handling of well-known types, and a final check for missing required fields.
 */
public final class MesosJsonReader {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

  private MesosJsonReader() {
  }

  /**
   * Parses {@code json} into {@code builder}'s message type.
   *
   * @throws JsonConversionException with {@link JsonConversionException#isSyntaxError()} true when the text is not JSON
   */
  public static <B extends Message.Builder> B parse(byte[] json, B builder) throws JsonConversionException {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new JsonConversionException(e.getOriginalMessage(), true);
    } catch (java.io.IOException e) {
      throw new JsonConversionException(String.valueOf(e.getMessage()), true);
    }
    if (root == null || root.isMissingNode()) {
      throw new JsonConversionException("syntax error at line 1 near: ", true);
    }
    if (!root.isObject()) {
      throw new JsonConversionException("Expecting a JSON object", false);
    }
    mergeObject(root, builder);
    if (!builder.isInitialized()) {
      throw new JsonConversionException(
          "Missing required fields: " + String.join(", ", builder.findInitializationErrors()), false);
    }
    return builder;
  }

  private static void mergeObject(JsonNode object, Message.Builder builder) throws JsonConversionException {
    Descriptor descriptor = builder.getDescriptorForType();
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      FieldDescriptor field = descriptor.findFieldByName(entry.getKey());
      JsonNode value = entry.getValue();
      if (field == null || value.isNull()) {
        continue;
      }
      if (field.isMapField()) {
        mergeMap(field, value, builder);
      } else if (field.isRepeated()) {
        if (value.isArray()) {
          for (JsonNode element : value) {
            Object converted = convert(field, element, builder);
            if (converted != null) {
              builder.addRepeatedField(field, converted);
            }
          }
        } else {
          Object converted = convert(field, value, builder);
          if (converted != null) {
            builder.addRepeatedField(field, converted);
          }
        }
      } else {
        if (value.isArray()) {
          throw new JsonConversionException("Not expecting a JSON array for field '" + field.getName() + "'", false);
        }
        Object converted = convert(field, value, builder);
        if (converted != null) {
          builder.setField(field, converted);
        }
      }
    }
  }

  private static void mergeMap(FieldDescriptor field, JsonNode value, Message.Builder builder)
      throws JsonConversionException {
    if (!value.isObject()) {
      throw new JsonConversionException("Expecting a JSON object for field '" + field.getName() + "'", false);
    }
    Descriptor entryType = field.getMessageType();
    FieldDescriptor keyField = entryType.findFieldByName("key");
    FieldDescriptor valueField = entryType.findFieldByName("value");
    Iterator<Map.Entry<String, JsonNode>> entries = value.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> e = entries.next();
      Message.Builder entry = builder.newBuilderForField(field);
      entry.setField(keyField, convertScalar(keyField, new com.fasterxml.jackson.databind.node.TextNode(e.getKey())));
      Object converted = convert(valueField, e.getValue(), entry);
      if (converted != null) {
        entry.setField(valueField, converted);
      }
      builder.addRepeatedField(field, entry.build());
    }
  }

  private static Object convert(FieldDescriptor field, JsonNode value, Message.Builder parent)
      throws JsonConversionException {
    if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
      if (!value.isObject()) {
        throw notExpecting(value, field);
      }
      Message.Builder child = parent.newBuilderForField(field);
      mergeObject(value, child);
      return child.buildPartial();
    }
    return convertScalar(field, value);
  }

  private static Object convertScalar(FieldDescriptor field, JsonNode value) throws JsonConversionException {
    switch (field.getJavaType()) {
      case ENUM -> {
        if (!value.isTextual()) {
          throw notExpecting(value, field);
        }
        EnumValueDescriptor enumValue = field.getEnumType().findValueByName(value.textValue());
        return enumValue; // unknown name: unset (required fields then show up as missing)
      }
      case STRING -> {
        if (!value.isTextual()) {
          throw notExpecting(value, field);
        }
        return value.textValue();
      }
      case BYTE_STRING -> {
        if (!value.isTextual()) {
          throw notExpecting(value, field);
        }
        try {
          return ByteString.copyFrom(Base64.getDecoder().decode(value.textValue()));
        } catch (IllegalArgumentException e) {
          throw new JsonConversionException("Failed to base64 decode for field '" + field.getName() + "'", false);
        }
      }
      case BOOLEAN -> {
        if (value.isBoolean()) {
          return value.booleanValue();
        }
        if (value.isTextual() && ("true".equals(value.textValue()) || "false".equals(value.textValue()))) {
          return Boolean.parseBoolean(value.textValue());
        }
        throw notExpecting(value, field);
      }
      case DOUBLE, FLOAT -> {
        double d;
        if (value.isNumber()) {
          d = value.doubleValue();
        } else if (value.isTextual()) {
          d = parseDouble(value.textValue(), field);
        } else {
          throw notExpecting(value, field);
        }
        return field.getJavaType() == FieldDescriptor.JavaType.FLOAT ? (Object) (float) d : (Object) d;
      }
      case INT, LONG -> {
        BigInteger integer;
        if (value.isIntegralNumber()) {
          integer = value.bigIntegerValue();
        } else if (value.isNumber()) {
          integer = value.decimalValue().toBigInteger();
        } else if (value.isTextual()) {
          try {
            integer = new java.math.BigDecimal(value.textValue().trim()).toBigInteger();
          } catch (NumberFormatException e) {
            throw new JsonConversionException(
                "Failed to convert '" + value.textValue() + "' to integer for field '" + field.getName() + "'", false);
          }
        } else {
          throw notExpecting(value, field);
        }
        return field.getJavaType() == FieldDescriptor.JavaType.INT ? (Object) integer.intValue()
            : (Object) integer.longValue();
      }
      default -> throw notExpecting(value, field);
    }
  }

  private static double parseDouble(String text, FieldDescriptor field) throws JsonConversionException {
    String trimmed = text.trim();
    if ("Infinity".equals(trimmed)) {
      return Double.POSITIVE_INFINITY;
    }
    if ("-Infinity".equals(trimmed)) {
      return Double.NEGATIVE_INFINITY;
    }
    try {
      return Double.parseDouble(trimmed);
    } catch (NumberFormatException e) {
      throw new JsonConversionException(
          "Failed to convert '" + text + "' to number for field '" + field.getName() + "'", false);
    }
  }

  private static JsonConversionException notExpecting(JsonNode value, FieldDescriptor field) {
    String kind;
    if (value.isTextual()) {
      kind = "string";
    } else if (value.isNumber()) {
      kind = "number";
    } else if (value.isBoolean()) {
      kind = "boolean";
    } else if (value.isArray()) {
      kind = "array";
    } else {
      kind = "object";
    }
    return new JsonConversionException("Not expecting a JSON " + kind + " for field '" + field.getName() + "'", false);
  }
}
