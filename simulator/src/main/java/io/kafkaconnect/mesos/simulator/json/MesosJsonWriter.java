package io.kafkaconnect.mesos.simulator.json;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Writes protobuf messages as JSON the way a Mesos master does (stout's {@code JSON::Protobuf} plus the hand-written
 * state writers): snake_case proto names, enums as names, 64-bit integers as exact JSON numbers, rapidjson-style doubles,
 * base64 bytes, explicit-default optional fields always written, and the list fields of the state responses always
 * emitted even when empty. Output is compact single-line UTF-8.
 */
public final class MesosJsonWriter {

  /** Repeated fields written even when empty: "MessageFullName.field". */
  private static final Set<String> ALWAYS_EMITTED_LISTS = Set.of(
      "mesos.v1.master.Response.GetTasks.tasks",
      "mesos.v1.master.Response.GetTasks.unreachable_tasks",
      "mesos.v1.master.Response.GetTasks.completed_tasks",
      "mesos.v1.master.Response.GetAgents.agents",
      "mesos.v1.master.Response.GetAgents.recovered_agents",
      "mesos.v1.master.Response.GetFrameworks.frameworks",
      "mesos.v1.master.Response.GetFrameworks.completed_frameworks",
      "mesos.v1.master.Response.GetExecutors.executors");

  /** Nested fields the state writers never write. */
  private static final Set<String> NEVER_EMITTED = Set.of(
      "mesos.v1.master.Response.GetTasks.pending_tasks",
      "mesos.v1.master.Response.GetTasks.orphan_tasks",
      "mesos.v1.master.Response.GetExecutors.orphan_executors");

  private MesosJsonWriter() {
  }

  /** The message as UTF-8 JSON bytes. */
  public static byte[] toBytes(Message message) {
    ByteSink sink = new ByteSink(256);
    writeMessage(message, sink);
    return sink.toByteArray();
  }

  /** The message as a JSON string. */
  public static String toJson(Message message) {
    return new String(toBytes(message), StandardCharsets.UTF_8);
  }

  private static void writeMessage(Message message, ByteSink out) {
    Descriptor descriptor = message.getDescriptorForType();
    out.write('{');
    boolean first = true;
    for (FieldDescriptor field : descriptor.getFields()) {
      String qualified = descriptor.getFullName() + "." + field.getName();
      if (NEVER_EMITTED.contains(qualified)) {
        continue;
      }
      if (field.isRepeated()) {
        int count = message.getRepeatedFieldCount(field);
        if (count == 0 && !ALWAYS_EMITTED_LISTS.contains(qualified)) {
          continue;
        }
        first = writeName(field, first, out);
        if (field.isMapField()) {
          writeMap(message, field, out);
        } else {
          out.write('[');
          for (int i = 0; i < count; i++) {
            if (i > 0) {
              out.write(',');
            }
            writeValue(field, message.getRepeatedField(field, i), out);
          }
          out.write(']');
        }
      } else if (message.hasField(field) || writesDefault(field)) {
        first = writeName(field, first, out);
        writeValue(field, message.getField(field), out);
      }
    }
    out.write('}');
  }

  private static boolean writesDefault(FieldDescriptor field) {
    return field.hasDefaultValue() && !field.getOptions().getDeprecated()
        && field.getJavaType() != FieldDescriptor.JavaType.MESSAGE;
  }

  private static boolean writeName(FieldDescriptor field, boolean first, ByteSink out) {
    if (!first) {
      out.write(',');
    }
    writeString(field.getName(), out);
    out.write(':');
    return false;
  }

  private static void writeMap(Message message, FieldDescriptor field, ByteSink out) {
    FieldDescriptor keyField = field.getMessageType().findFieldByName("key");
    FieldDescriptor valueField = field.getMessageType().findFieldByName("value");
    out.write('{');
    @SuppressWarnings("unchecked")
    List<Message> entries = (List<Message>) message.getField(field);
    boolean first = true;
    for (Message entry : entries) {
      if (!first) {
        out.write(',');
      }
      first = false;
      writeString(String.valueOf(entry.getField(keyField)), out);
      out.write(':');
      writeValue(valueField, entry.getField(valueField), out);
    }
    out.write('}');
  }

  private static void writeValue(FieldDescriptor field, Object value, ByteSink out) {
    switch (field.getType()) {
      case MESSAGE, GROUP -> writeMessage((Message) value, out);
      case ENUM -> writeString(((EnumValueDescriptor) value).getName(), out);
      case STRING -> writeString((String) value, out);
      case BYTES -> writeString(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()), out);
      case BOOL -> out.writeAscii(((Boolean) value) ? "true" : "false");
      case DOUBLE -> out.writeAscii(formatDouble((Double) value));
      case FLOAT -> out.writeAscii(formatDouble(((Float) value).doubleValue()));
      case UINT64, FIXED64 -> out.writeAscii(Long.toUnsignedString((Long) value));
      case UINT32, FIXED32 -> out.writeAscii(Integer.toUnsignedString((Integer) value));
      default -> out.writeAscii(String.valueOf(value));
    }
  }

  /**
   * Formats a double like rapidjson's {@code Writer::Double}: shortest digits, integral values get ".0", exponent form
   * only for very large or very small magnitudes.
   */
  public static String formatDouble(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      // rapidjson refuses these; stout's writer falls back to a string.
      return Double.isNaN(value) ? "\"NaN\"" : (value > 0 ? "\"Infinity\"" : "\"-Infinity\"");
    }
    if (value == 0.0) {
      return (1 / value < 0) ? "-0.0" : "0.0";
    }
    BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    String digits = decimal.unscaledValue().abs().toString();
    int length = digits.length();
    int exponent = -decimal.scale(); // value = digits * 10^exponent
    int pointPosition = length + exponent; // rapidjson's kk
    StringBuilder text = new StringBuilder(value < 0 ? "-" : "");
    if (exponent >= 0 && pointPosition <= 21) {
      text.append(digits).append("0".repeat(exponent)).append(".0");
    } else if (pointPosition > 0 && pointPosition <= 21) {
      text.append(digits, 0, pointPosition).append('.').append(digits, pointPosition, length);
    } else if (pointPosition > -6 && pointPosition <= 0) {
      text.append("0.").append("0".repeat(-pointPosition)).append(digits);
    } else {
      int exp10 = pointPosition - 1;
      text.append(digits.charAt(0));
      if (length > 1) {
        text.append('.').append(digits, 1, length);
      }
      text.append('e').append(exp10);
    }
    return text.toString();
  }

  private static void writeString(String value, ByteSink out) {
    out.write('"');
    int start = 0;
    int length = value.length();
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      String escape = switch (c) {
        case '"' -> "\\\"";
        case '\\' -> "\\\\";
        case '\n' -> "\\n";
        case '\r' -> "\\r";
        case '\t' -> "\\t";
        case '\b' -> "\\b";
        case '\f' -> "\\f";
        default -> c < 0x20 ? String.format("\\u%04X", (int) c) : null;
      };
      if (escape != null) {
        out.writeUtf8(value, start, i);
        out.writeAscii(escape);
        start = i + 1;
      }
    }
    out.writeUtf8(value, start, length);
    out.write('"');
  }

  /** Growable byte buffer; avoids building huge intermediate Strings for multi-megabyte snapshots. */
  private static final class ByteSink extends ByteArrayOutputStream {
    ByteSink(int size) {
      super(size);
    }

    void writeAscii(String s) {
      int n = s.length();
      ensure(n);
      for (int i = 0; i < n; i++) {
        buf[count++] = (byte) s.charAt(i);
      }
    }

    void writeUtf8(String s, int from, int to) {
      boolean ascii = true;
      for (int i = from; i < to; i++) {
        if (s.charAt(i) >= 0x80) {
          ascii = false;
          break;
        }
      }
      if (ascii) {
        ensure(to - from);
        for (int i = from; i < to; i++) {
          buf[count++] = (byte) s.charAt(i);
        }
      } else {
        writeBytes(s.substring(from, to).getBytes(StandardCharsets.UTF_8));
      }
    }

    private void ensure(int extra) {
      if (count + extra > buf.length) {
        buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, count + extra));
      }
    }
  }
}
