package io.kafkaconnect.mesos.simulator.json;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.mesos.v1.master.Protos.Response;

/**
 * Writes protobuf messages as JSON the way a Mesos master does (stout's {@code JSON::Protobuf} plus the hand-written
 * state writers): snake_case proto names, enums as names, 64-bit integers as exact JSON numbers, rapidjson-style doubles,
 * base64 bytes, explicit-default optional fields always written, and the list fields of the state responses always
 * emitted even when empty. Output is compact single-line UTF-8.
 */
public final class MesosJsonWriter {

  /** Repeated fields the state writers emit even when empty. */
  private static final Set<FieldDescriptor> ALWAYS_EMITTED_LISTS = Set.of(
      field(Response.GetTasks.getDescriptor(), "tasks"),
      field(Response.GetTasks.getDescriptor(), "unreachable_tasks"),
      field(Response.GetTasks.getDescriptor(), "completed_tasks"),
      field(Response.GetAgents.getDescriptor(), "agents"),
      field(Response.GetAgents.getDescriptor(), "recovered_agents"),
      field(Response.GetFrameworks.getDescriptor(), "frameworks"),
      field(Response.GetFrameworks.getDescriptor(), "completed_frameworks"),
      field(Response.GetExecutors.getDescriptor(), "executors"));

  /** Fields the state writers never write. */
  private static final Set<FieldDescriptor> NEVER_EMITTED = Set.of(
      field(Response.GetTasks.getDescriptor(), "pending_tasks"),
      field(Response.GetTasks.getDescriptor(), "orphan_tasks"),
      field(Response.GetExecutors.getDescriptor(), "orphan_executors"));

  /** Optional scalar fields with an explicit, non-deprecated default: always written. */
  private static final Map<FieldDescriptor, Boolean> WRITES_DEFAULT = new ConcurrentHashMap<>();

  private static FieldDescriptor field(Descriptor type, String name) {
    return java.util.Objects.requireNonNull(type.findFieldByName(name), name);
  }

  private MesosJsonWriter() {
  }

  /** The message as UTF-8 JSON bytes. */
  public static byte[] toBytes(Message message) {
    ByteSink sink = new ByteSink(Math.max(256, message.getSerializedSize() * 3));
    try {
      CodedInputStream in = CodedInputStream.newInstance(message.toByteArray());
      in.setRecursionLimit(Integer.MAX_VALUE);
      in.setSizeLimit(Integer.MAX_VALUE);
      writeMessage(message.getDescriptorForType(), in, sink);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot re-read a message we just serialized", e);
    }
    return sink.toByteArray();
  }

  /** The message as a JSON string. */
  public static String toJson(Message message) {
    return new String(toBytes(message), StandardCharsets.UTF_8);
  }

  /**
   * Transcodes one message from its binary encoding, which needs no reflection and is an order of magnitude faster than
   * the generated classes' reflective accessors on multi-megabyte snapshots. Fields come out in field-number order, as
   * in stout's writer; repeated elements are contiguous in the encoding produced by the generated code.
   */
  private static void writeMessage(Descriptor descriptor, CodedInputStream in, ByteSink out) throws IOException {
    out.put('{');
    List<FieldDescriptor> fields = descriptor.getFields();
    boolean[] seen = new boolean[fields.size()];
    boolean first = true;
    FieldDescriptor open = null;
    while (true) {
      int tag = in.readTag();
      if (tag == 0) {
        break;
      }
      FieldDescriptor field = descriptor.findFieldByNumber(WireFormat.getTagFieldNumber(tag));
      if (field == null || NEVER_EMITTED.contains(field)) {
        in.skipField(tag);
        continue;
      }
      if (field != open) {
        closeRepeated(open, out);
        first = writeName(field, first, out);
        seen[field.getIndex()] = true;
        open = field.isRepeated() ? field : null;
        if (field.isMapField()) {
          out.put('{');
        } else if (field.isRepeated()) {
          out.put('[');
        }
      } else {
        out.put(',');
      }
      if (field.isMapField()) {
        writeMapEntry(field, in, out);
      } else if (field.isRepeated() && field.getJavaType() != FieldDescriptor.JavaType.MESSAGE
          && field.getType() != FieldDescriptor.Type.STRING && field.getType() != FieldDescriptor.Type.BYTES
          && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        int limit = in.pushLimit(in.readRawVarint32());
        boolean firstElement = true;
        while (in.getBytesUntilLimit() > 0) {
          if (!firstElement) {
            out.put(',');
          }
          firstElement = false;
          writeValue(field, in, out);
        }
        in.popLimit(limit);
      } else {
        writeValue(field, in, out);
      }
    }
    closeRepeated(open, out);
    for (FieldDescriptor field : fields) {
      if (seen[field.getIndex()] || NEVER_EMITTED.contains(field)) {
        continue;
      }
      if (field.isRepeated() && ALWAYS_EMITTED_LISTS.contains(field)) {
        first = writeName(field, first, out);
        out.put('[');
        out.put(']');
      } else if (!field.isRepeated() && writesDefault(field)) {
        first = writeName(field, first, out);
        writeDefault(field, out);
      }
    }
    out.put('}');
  }

  private static void closeRepeated(FieldDescriptor open, ByteSink out) {
    if (open != null) {
      out.put(open.isMapField() ? '}' : ']');
    }
  }

  private static boolean writesDefault(FieldDescriptor field) {
    return WRITES_DEFAULT.computeIfAbsent(field, f -> f.hasDefaultValue() && !f.getOptions().getDeprecated()
        && f.getJavaType() != FieldDescriptor.JavaType.MESSAGE);
  }

  private static boolean writeName(FieldDescriptor field, boolean first, ByteSink out) {
    if (!first) {
      out.put(',');
    }
    writeString(field.getName(), out);
    out.put(':');
    return false;
  }

  private static void writeMapEntry(FieldDescriptor field, CodedInputStream in, ByteSink out) throws IOException {
    Descriptor entryType = field.getMessageType();
    FieldDescriptor valueField = entryType.findFieldByNumber(2);
    int limit = in.pushLimit(in.readRawVarint32());
    String key = "";
    ByteSink value = new ByteSink(64);
    boolean hasValue = false;
    while (true) {
      int tag = in.readTag();
      if (tag == 0) {
        break;
      }
      int number = WireFormat.getTagFieldNumber(tag);
      if (number == 1) {
        key = in.readString();
      } else if (number == 2) {
        writeValue(valueField, in, value);
        hasValue = true;
      } else {
        in.skipField(tag);
      }
    }
    in.popLimit(limit);
    writeString(key, out);
    out.put(':');
    if (hasValue) {
      out.writeBytes(value.toByteArray());
    } else if (valueField.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
      out.writeAscii("{}");
    } else {
      writeDefault(valueField, out);
    }
  }

  private static void writeValue(FieldDescriptor field, CodedInputStream in, ByteSink out) throws IOException {
    switch (field.getType()) {
      case MESSAGE, GROUP -> {
        int limit = in.pushLimit(in.readRawVarint32());
        writeMessage(field.getMessageType(), in, out);
        in.popLimit(limit);
      }
      case ENUM -> {
        int number = in.readEnum();
        EnumValueDescriptor value = field.getEnumType().findValueByNumber(number);
        if (value == null) {
          out.writeAscii(Integer.toString(number));
        } else {
          writeString(value.getName(), out);
        }
      }
      case STRING -> writeString(in.readString(), out);
      case BYTES -> {
        out.put('"');
        out.writeAscii(Base64.getEncoder().encodeToString(in.readByteArray()));
        out.put('"');
      }
      case BOOL -> out.writeAscii(in.readBool() ? "true" : "false");
      case DOUBLE -> out.writeAscii(formatDouble(in.readDouble()));
      case FLOAT -> out.writeAscii(formatDouble(in.readFloat()));
      case INT64 -> out.writeAscii(Long.toString(in.readInt64()));
      case UINT64 -> out.writeAscii(Long.toUnsignedString(in.readUInt64()));
      case FIXED64 -> out.writeAscii(Long.toUnsignedString(in.readFixed64()));
      case SFIXED64 -> out.writeAscii(Long.toString(in.readSFixed64()));
      case SINT64 -> out.writeAscii(Long.toString(in.readSInt64()));
      case INT32 -> out.writeAscii(Integer.toString(in.readInt32()));
      case UINT32 -> out.writeAscii(Integer.toUnsignedString(in.readUInt32()));
      case FIXED32 -> out.writeAscii(Integer.toUnsignedString(in.readFixed32()));
      case SFIXED32 -> out.writeAscii(Integer.toString(in.readSFixed32()));
      case SINT32 -> out.writeAscii(Integer.toString(in.readSInt32()));
      default -> throw new IOException("Unsupported field type " + field.getType());
    }
  }

  private static void writeDefault(FieldDescriptor field, ByteSink out) {
    Object value = field.getDefaultValue();
    switch (field.getType()) {
      case ENUM -> writeString(((EnumValueDescriptor) value).getName(), out);
      case STRING -> writeString((String) value, out);
      case BYTES -> {
        out.put('"');
        out.writeAscii(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
        out.put('"');
      }
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
    out.put('"');
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
    out.put('"');
  }

  /** Growable byte buffer; avoids building huge intermediate Strings for multi-megabyte snapshots. */
  private static final class ByteSink extends ByteArrayOutputStream {
    ByteSink(int size) {
      super(size);
    }

    /** An unsynchronized single-byte append. */
    void put(char c) {
      ensure(1);
      buf[count++] = (byte) c;
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
