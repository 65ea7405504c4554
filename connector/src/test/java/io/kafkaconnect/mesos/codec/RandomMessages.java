package io.kafkaconnect.mesos.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Descriptor-driven random messages (all required fields set) and random JSON trees for property tests. */
final class RandomMessages {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 5;
    private static final double[] SPECIAL_DOUBLES = {0.0, -0.0, 1.0, 2.5, 1e300, 4.9e-324, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1470820172.07315, 0.1};

    private RandomMessages() {
    }

    /** A random, fully initialized message of the prototype's type. */
    @SuppressWarnings("unchecked")
    static <M extends Message> M message(M prototype, Random random) {
        Message.Builder builder = prototype.newBuilderForType();
        fill(builder, random, 0);
        return (M) builder.build();
    }

    private static void fill(Message.Builder builder, Random random, int depth) {
        double chance = depth >= MAX_DEPTH ? 0 : 0.5 / (depth + 1);
        for (FieldDescriptor field : builder.getDescriptorForType().getFields()) {
            if (field.isRequired()) {
                builder.setField(field, value(builder, field, random, depth));
            } else if (random.nextDouble() < chance) {
                if (field.isRepeated()) {
                    int n = 1 + random.nextInt(2);
                    for (int i = 0; i < n; i++) {
                        builder.addRepeatedField(field, field.isMapField() ? mapEntry(builder, field, random, depth)
                                : value(builder, field, random, depth));
                    }
                } else {
                    builder.setField(field, value(builder, field, random, depth));
                }
            }
        }
    }

    private static Message mapEntry(Message.Builder parent, FieldDescriptor field, Random random, int depth) {
        Message.Builder entry = parent.newBuilderForField(field);
        FieldDescriptor keyField = field.getMessageType().findFieldByNumber(1);
        FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
        entry.setField(keyField, value(entry, keyField, random, depth));
        entry.setField(valueField, value(entry, valueField, random, depth));
        return entry.build();
    }

    private static Object value(Message.Builder parent, FieldDescriptor field, Random random, int depth) {
        return switch (field.getType()) {
            case DOUBLE -> random.nextBoolean() ? SPECIAL_DOUBLES[random.nextInt(SPECIAL_DOUBLES.length)]
                    : random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            case FLOAT -> random.nextBoolean() ? (float) SPECIAL_DOUBLES[random.nextInt(SPECIAL_DOUBLES.length)]
                    : random.nextFloat() * 1000;
            case INT32, SINT32, SFIXED32, UINT32, FIXED32 -> random.nextBoolean() ? random.nextInt()
                    : random.nextInt(100);
            case INT64, SINT64, SFIXED64, UINT64, FIXED64 -> random.nextBoolean() ? random.nextLong()
                    : (long) random.nextInt(100);
            case BOOL -> random.nextBoolean();
            case STRING -> string(random);
            case BYTES -> {
                byte[] bytes = new byte[random.nextInt(20)];
                random.nextBytes(bytes);
                yield ByteString.copyFrom(bytes);
            }
            case ENUM -> {
                List<EnumValueDescriptor> values = field.getEnumType().getValues();
                yield values.get(random.nextInt(values.size()));
            }
            case MESSAGE, GROUP -> {
                Message.Builder child = parent.newBuilderForField(field);
                fill(child, random, depth + 1);
                yield child.build();
            }
        };
    }

    static String string(Random random) {
        int length = random.nextInt(12);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.appendCodePoint(switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x20); // control characters
                case 1 -> 'a' + random.nextInt(26);
                case 2 -> "\"\\/{}[],:".charAt(random.nextInt(9));
                default -> random.nextInt(0x10FFFF - 0xE000) + 0xE000; // beyond the surrogates
            });
        }
        return out.toString();
    }

    private static String pick(Random random, String... values) {
        return values[random.nextInt(values.length)];
    }

    /** Every field name (proto and json spelling) reachable from a type, so random trees hit real fields. */
    static List<String> fieldNames(Descriptor root) {
        Set<String> names = new HashSet<>();
        collect(root, names, new HashSet<>());
        return new ArrayList<>(names);
    }

    private static void collect(Descriptor descriptor, Set<String> names, Set<Descriptor> seen) {
        if (!seen.add(descriptor)) {
            return;
        }
        for (FieldDescriptor field : descriptor.getFields()) {
            names.add(field.getName());
            names.add(field.getJsonName());
            if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                collect(field.getMessageType(), names, seen);
            }
        }
    }

    /** A random JSON value, mostly objects keyed by real field names, with hostile scalar forms. */
    static JsonNode tree(List<String> names, Random random, int depth) {
        int kind = depth >= 6 ? 2 + random.nextInt(10) : random.nextInt(12);
        return switch (kind) {
            case 0, 1 -> {
                ObjectNode object = NODES.objectNode();
                int n = random.nextInt(6);
                for (int i = 0; i < n; i++) {
                    String key = random.nextInt(8) == 0 ? string(random) : names.get(random.nextInt(names.size()));
                    object.set(key, tree(names, random, depth + 1));
                }
                yield object;
            }
            case 2 -> {
                ArrayNode array = NODES.arrayNode();
                if (depth < 6) {
                    int n = random.nextInt(4);
                    for (int i = 0; i < n; i++) {
                        array.add(tree(names, random, depth + 1));
                    }
                }
                yield array;
            }
            case 3 -> NODES.nullNode();
            case 4 -> NODES.booleanNode(random.nextBoolean());
            case 5 -> NODES.numberNode(random.nextLong());
            case 6 -> NODES.numberNode(new BigInteger(80, random).subtract(BigInteger.ONE.shiftLeft(79)));
            case 7 -> NODES.numberNode(random.nextBoolean() ? random.nextDouble() * 1e6
                    : SPECIAL_DOUBLES[random.nextInt(SPECIAL_DOUBLES.length)]);
            case 8 -> NODES.textNode(pick(random, "Infinity", "-Infinity", "NaN", "1e999999999", "-1e-999999999",
                    "18446744073709551616", "-5", "5.0", "0x10", "true", "false", "10s", "-1.5s", "99999999999999999999s",
                    "hTaLQ0b5Q1OZuab7QclTKQ==", "hTaLQ0b5Q1OZuab7QclTKQ", "_-_-", "TASK_RUNNING", "SCALAR",
                    "GET_STATE", " 1", ""));
            case 9 -> NODES.numberNode(random.nextInt(20) - 2);
            default -> NODES.textNode(string(random));
        };
    }
}
