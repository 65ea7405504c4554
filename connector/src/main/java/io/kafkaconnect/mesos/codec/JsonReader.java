package io.kafkaconnect.mesos.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lenient JSON-to-message reading for one decode (not thread-safe; one instance per call). Every value that does not
 * fit its field is skipped and reported to {@link Problems}; nothing here throws on bad input. See {@link MesosJson}.
 */
final class JsonReader {

    /** Same bound as protobuf's own parser recursion limit. */
    static final int MAX_DEPTH = 100;

    private static final Pattern NUMBER = Pattern.compile("[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?");
    private static final Pattern DURATION = Pattern.compile("(-)?(\\d{1,19})(?:\\.(\\d{1,9}))?s");
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final long UINT32_MAX = 0xFFFF_FFFFL;

    private final Problems problems;
    private final FieldPath path = new FieldPath();
    private int depth;

    JsonReader(Problems problems) {
        this.problems = problems;
    }

    /** Merges the fields of {@code object} (a JSON object) into {@code builder}. */
    void merge(JsonNode object, Message.Builder builder) {
        if (++depth > MAX_DEPTH) {
            problems.add("nesting deeper than " + MAX_DEPTH + " at '" + path.render() + "', skipped");
            depth--;
            return;
        }
        DescriptorIndex index = DescriptorIndex.of(builder.getDescriptorForType());
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            DescriptorIndex.Field field = index.field(entry.getKey());
            if (field == null) {
                problems.add("unknown field '" + path.render(entry.getKey()) + "'");
                continue;
            }
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                continue;
            }
            path.push(field.name);
            if (field.map) {
                mergeMap(field, value, builder);
            } else if (field.repeated) {
                mergeRepeated(field, value, builder);
            } else if (value.isArray()) {
                problems.add("field '" + path.render() + "' is not repeated but got an array, skipped");
            } else {
                Object converted = convert(field, value, builder);
                if (converted != null) {
                    builder.setField(field.descriptor, converted);
                }
            }
            path.pop();
        }
        depth--;
    }

    private void mergeRepeated(DescriptorIndex.Field field, JsonNode value, Message.Builder builder) {
        if (!value.isArray()) {
            Object converted = convert(field, value, builder); // a lone value is one element
            if (converted != null) {
                builder.addRepeatedField(field.descriptor, converted);
            }
            return;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            path.push(i);
            if (element.isNull()) {
                problems.add("null element in repeated field '" + path.render() + "', skipped");
            } else {
                Object converted = convert(field, element, builder);
                if (converted != null) {
                    builder.addRepeatedField(field.descriptor, converted);
                }
            }
            path.pop();
        }
    }

    private void mergeMap(DescriptorIndex.Field field, JsonNode value, Message.Builder builder) {
        if (!value.isObject()) {
            mismatch("a JSON object (map)", value);
            return;
        }
        FieldDescriptor keyField = field.mapKey();
        DescriptorIndex.Field valueField = field.mapValue();
        Iterator<Map.Entry<String, JsonNode>> entries = value.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            path.push(new FieldPath.MapKey(entry.getKey()));
            Object key = mapKey(keyField, entry.getKey());
            Message.Builder entryBuilder = builder.newBuilderForField(field.descriptor);
            Object mapValue = entry.getValue().isNull() ? null : convert(valueField, entry.getValue(), entryBuilder);
            if (key != null && mapValue != null) {
                entryBuilder.setField(keyField, key);
                entryBuilder.setField(valueField.descriptor, mapValue);
                builder.addRepeatedField(field.descriptor, entryBuilder.buildPartial());
            } else if (key != null && entry.getValue().isNull()) {
                problems.add("null value for map entry '" + path.render() + "', skipped");
            }
            path.pop();
        }
    }

    private Object mapKey(FieldDescriptor keyField, String key) {
        if (keyField.getType() == FieldDescriptor.Type.STRING) {
            return WellFormedText.of(key);
        }
        Object converted = scalar(keyField.getType(), keyField, TextNode.valueOf(key));
        if (converted == null) {
            problems.add("invalid map key for field '" + path.render() + "', skipped");
        }
        return converted;
    }

    /** The value for one (singular or element) occurrence of {@code field}, or {@code null} after reporting. */
    private Object convert(DescriptorIndex.Field field, JsonNode value, Message.Builder parent) {
        if (field.javaType != FieldDescriptor.JavaType.MESSAGE) {
            Object converted = scalar(field.type, field.descriptor, value);
            if (converted == null && field.javaType != FieldDescriptor.JavaType.ENUM) {
                reportUnfit(field.descriptor, value);
            }
            return converted;
        }
        Message.Builder child = parent.newBuilderForField(field.descriptor);
        if (value.isObject()) {
            merge(value, child);
            return child.buildPartial();
        }
        if (value.isTextual() && field.durationMessage) {
            return duration(value.textValue(), child);
        }
        mismatch("a JSON object", value);
        return null;
    }

    private Object duration(String text, Message.Builder child) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            problems.add("invalid duration '" + Problems.shorten(text) + "' for field '" + path.render() + "', skipped");
            return null;
        }
        long seconds;
        try {
            seconds = Long.parseLong(m.group(2));
        } catch (NumberFormatException e) {
            problems.add("duration out of range '" + Problems.shorten(text) + "' for field '" + path.render() + "', skipped");
            return null;
        }
        int nanos = m.group(3) == null ? 0 : Integer.parseInt((m.group(3) + "00000000").substring(0, 9));
        boolean negative = m.group(1) != null;
        FieldDescriptor secondsField = child.getDescriptorForType().findFieldByNumber(1);
        FieldDescriptor nanosField = child.getDescriptorForType().findFieldByNumber(2);
        if (seconds != 0) {
            child.setField(secondsField, negative ? -seconds : seconds);
        }
        if (nanos != 0) {
            child.setField(nanosField, negative ? -nanos : nanos);
        }
        return child.buildPartial();
    }

    /** Converts a scalar or enum value; {@code null} if it does not fit (enum problems are reported here). */
    private Object scalar(FieldDescriptor.Type type, FieldDescriptor field, JsonNode value) {
        return switch (type) {
            case DOUBLE -> floating(value);
            case FLOAT -> {
                Double d = floating(value);
                yield d == null ? null : (Object) d.floatValue();
            }
            case INT32, SINT32, SFIXED32 -> {
                Number n = integral(value);
                yield n instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? (Object) l.intValue()
                        : null;
            }
            case UINT32, FIXED32 -> {
                Number n = integral(value);
                yield n instanceof Long l && l >= 0 && l <= UINT32_MAX ? (Object) (int) l.longValue() : null;
            }
            case INT64, SINT64, SFIXED64 -> integral(value) instanceof Long l ? l : null;
            case UINT64, FIXED64 -> unsigned64(integral(value));
            case BOOL -> bool(value);
            case STRING -> value.isTextual() ? WellFormedText.of(value.textValue()) : null;
            case BYTES -> bytes(value);
            case ENUM -> enumValue(field, value);
            case MESSAGE, GROUP -> null;
        };
    }

    private static Object unsigned64(Number n) {
        if (n instanceof Long l) {
            return l >= 0 ? l : null;
        }
        if (n instanceof BigInteger big && big.signum() >= 0 && big.compareTo(UINT64_MAX) <= 0) {
            return big.longValue();
        }
        return null;
    }

    /** A JSON number or numeric string that is an exact integer: a Long when it fits, else a BigInteger; or null. */
    private static Number integral(JsonNode value) {
        if (value.isInt() || value.isLong()) {
            return value.longValue();
        }
        if (value.isBigInteger()) {
            return value.bigIntegerValue();
        }
        BigDecimal decimal;
        if (value.isFloatingPointNumber()) {
            if (value.isDouble() && !Double.isFinite(value.doubleValue())) {
                return null;
            }
            decimal = value.decimalValue();
        } else if (value.isTextual() && value.textValue().length() <= 64 && NUMBER.matcher(value.textValue()).matches()) {
            decimal = new BigDecimal(value.textValue());
        } else {
            return null;
        }
        if (decimal.signum() != 0 && decimal.precision() - decimal.scale() > 25) {
            return BigInteger.TEN.pow(26); // magnitude far beyond 64 bits: out of every range, without computing it
        }
        // A fraction is found without toBigIntegerExact(), which computes 10^scale: "1e-999999999" would take hours.
        decimal = decimal.stripTrailingZeros();
        if (decimal.scale() > 0) {
            return null;
        }
        BigInteger big = decimal.toBigInteger(); // scale <= 0 and at most 26 digits here: cheap
        return big.bitLength() < 64 ? (Number) big.longValue() : big;
    }

    private static Double floating(JsonNode value) {
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (!value.isTextual()) {
            return null;
        }
        String text = value.textValue();
        return switch (text) {
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> text.length() <= 64 && NUMBER.matcher(text).matches() ? Double.valueOf(text) : null;
        };
    }

    private static Boolean bool(JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            return switch (value.textValue()) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> null;
            };
        }
        return null;
    }

    private static ByteString bytes(JsonNode value) {
        if (!value.isTextual()) {
            return null;
        }
        String text = value.textValue();
        try {
            return ByteString.copyFrom(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException notStandard) {
            try {
                return ByteString.copyFrom(Base64.getUrlDecoder().decode(text));
            } catch (IllegalArgumentException notUrlSafe) {
                return null;
            }
        }
    }

    private EnumValueDescriptor enumValue(FieldDescriptor field, JsonNode value) {
        EnumValueDescriptor found = null;
        if (value.isTextual()) {
            found = field.getEnumType().findValueByName(value.textValue());
        } else if (value.isIntegralNumber() && value.canConvertToInt()) {
            found = field.getEnumType().findValueByNumber(value.intValue());
        } else {
            mismatch("an enum name", value);
            return null;
        }
        if (found == null) {
            String shown = Problems.shorten(value.isTextual() ? value.textValue() : value.asText());
            problems.add("unknown enum value '" + shown + "' for field '" + path.render() + "'");
        }
        return found;
    }

    private void reportUnfit(FieldDescriptor field, JsonNode value) {
        FieldDescriptor.JavaType type = field.getJavaType();
        if (type == FieldDescriptor.JavaType.BYTE_STRING && value.isTextual()) {
            problems.add("invalid base64 for field '" + path.render() + "', skipped");
        } else if ((type == FieldDescriptor.JavaType.INT || type == FieldDescriptor.JavaType.LONG)
                && integral(value) != null) {
            problems.add("value out of range for field '" + path.render() + "' ("
                    + field.getType().name().toLowerCase(Locale.ROOT) + "), skipped");
        } else {
            mismatch(expected(field), value);
        }
    }

    private void mismatch(String expected, JsonNode value) {
        problems.add("field '" + path.render() + "' expects " + expected + ", got " + describe(value) + ", skipped");
    }

    private static String expected(FieldDescriptor field) {
        return switch (field.getJavaType()) {
            case INT, LONG -> "an integer (" + field.getType().name().toLowerCase(Locale.ROOT) + ")";
            case FLOAT, DOUBLE -> "a number";
            case BOOLEAN -> "a boolean";
            case STRING -> "a string";
            case BYTE_STRING -> "a base64 string";
            case ENUM -> "an enum name";
            case MESSAGE -> "a JSON object";
        };
    }

    private static String describe(JsonNode value) {
        return value.getNodeType().name().toLowerCase(Locale.ROOT); // never the value: it may be secret
    }
}
