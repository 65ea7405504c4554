package io.kafkaconnect.mesos.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import io.kafkaconnect.mesos.proto.CommandProtos.CommandEnvelope;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.mesos.v1.master.Protos.Call;

import static io.kafkaconnect.mesos.sink.RejectReason.MALFORMED;

/**
 * Reads a {@link SinkRecord} into a {@link Command}. Accepts the envelope as a JSON string or bytes, a Connect
 * {@code Struct} or schemaless Map with the same field names, or a protobuf {@code CommandEnvelope}. A bare Mesos call
 * ({@code {"type":...}} with no envelope) is accepted too. Never throws: every problem becomes
 * {@link ParseOutcome.Unparsed} with a reason.
 */
public final class CommandParser {

    static final String COMMAND_ID = "command_id";
    static final String CALL = "call";
    static final String EXPIRES_AT_MS = "expires_at_ms";
    static final String EXPIRES_AT = "expires_at";
    static final String DRY_RUN = "dry_run";
    static final String REQUESTED_BY = "requested_by";
    private static final Set<String> ENVELOPE_FIELDS =
            Set.of(COMMAND_ID, CALL, EXPIRES_AT_MS, EXPIRES_AT, DRY_RUN, REQUESTED_BY);

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final CallDecoder decoder;
    private final CommandIdSource idSource;
    private final String idHeader;
    private final CommandFormat format;

    public CommandParser(CallDecoder decoder, CommandIdSource idSource, String idHeader, CommandFormat format) {
        this.decoder = decoder;
        this.idSource = idSource;
        this.idHeader = idHeader;
        this.format = format;
    }

    /**
     * The envelope as read, before the id rules are applied. When the envelope is readable but its call is not,
     * {@code call} is null and {@code callError} says why, so the refusal still carries the envelope's id.
     */
    private record Envelope(String commandId, Call call, CommandRejectedException callError, String callType,
                            long expiresAtMs, boolean dryRun, String requestedBy) {
    }

    public ParseOutcome parse(SinkRecord record) {
        SourcePosition position = SourcePosition.of(record);
        String outsideId = idOutsideEnvelope(record);
        Envelope envelope;
        try {
            envelope = readEnvelope(record.value());
        } catch (CommandRejectedException e) {
            return new ParseOutcome.Unparsed(orPosition(outsideId, position), position, null, null, e);
        } catch (RuntimeException e) {
            // Defensive: a parser bug must not stop the partition. Report it as a malformed record.
            return new ParseOutcome.Unparsed(orPosition(outsideId, position), position, null, null,
                    new CommandRejectedException(MALFORMED, "unreadable record: " + e));
        }
        Command.IdOrigin origin;
        String id;
        if (envelope.call() == null) {
            String envelopeId = idSource == CommandIdSource.ENVELOPE ? envelope.commandId() : outsideId;
            return new ParseOutcome.Unparsed(orPosition(envelopeId, position), position, envelope.callType(),
                    envelope.requestedBy(), envelope.callError());
        }
        if (idSource == CommandIdSource.ENVELOPE && notBlank(envelope.commandId())) {
            id = envelope.commandId();
            origin = Command.IdOrigin.ENVELOPE;
        } else if (idSource != CommandIdSource.ENVELOPE && notBlank(outsideId)) {
            id = outsideId;
            origin = idSource == CommandIdSource.HEADER ? Command.IdOrigin.HEADER : Command.IdOrigin.KEY;
        } else {
            id = position.asCommandId();
            origin = Command.IdOrigin.POSITION;
        }
        return new ParseOutcome.Parsed(new Command(id, origin, envelope.call(), envelope.expiresAtMs(),
                envelope.dryRun(), envelope.requestedBy(), position));
    }

    private static String orPosition(String id, SourcePosition position) {
        return notBlank(id) ? id : position.asCommandId();
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private String idOutsideEnvelope(SinkRecord record) {
        if (idSource == CommandIdSource.HEADER) {
            Header header = record.headers().lastWithName(idHeader);
            return header == null ? null : scalarText(header.value());
        }
        if (idSource == CommandIdSource.KEY) {
            return scalarText(record.key());
        }
        return null;
    }

    private static String scalarText(Object value) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (value instanceof ByteBuffer buffer) {
            return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return null;
    }

    private Envelope readEnvelope(Object value) throws CommandRejectedException {
        if (value == null) {
            throw new CommandRejectedException(MALFORMED, "the record has no value (tombstone)");
        }
        if (value instanceof String text) {
            return fromJson(readJson(text.getBytes(StandardCharsets.UTF_8)));
        }
        if (value instanceof byte[] bytes) {
            return fromBytes(bytes);
        }
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return fromBytes(bytes);
        }
        if (value instanceof Struct || value instanceof Map) {
            JsonNode tree;
            try {
                tree = JsonValues.toJson(value);
            } catch (IllegalArgumentException e) {
                throw new CommandRejectedException(MALFORMED, e.getMessage());
            }
            return fromJson(tree);
        }
        throw new CommandRejectedException(MALFORMED, "a command must be a JSON string or bytes, a Struct, a Map or "
                + "protobuf bytes; got " + value.getClass().getSimpleName());
    }

    private Envelope fromBytes(byte[] bytes) throws CommandRejectedException {
        return switch (format) {
            case JSON -> fromJson(readJson(bytes));
            case PROTOBUF -> fromProtobuf(bytes);
            case AUTO -> bytes.length > 0 && bytes[0] == '{' ? fromJson(readJson(bytes)) : fromAutoDetected(bytes);
        };
    }

    /** JSON may start with whitespace, and protobuf may start with a byte that looks like whitespace ('\n' = tag 1). */
    private Envelope fromAutoDetected(byte[] bytes) throws CommandRejectedException {
        int i = 0;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) {
            i++;
        }
        if (i < bytes.length && bytes[i] == '{') {
            try {
                return fromJson(readJson(bytes));
            } catch (CommandRejectedException jsonFailure) {
                try {
                    return fromProtobuf(bytes);
                } catch (CommandRejectedException protoFailure) {
                    throw jsonFailure;
                }
            }
        }
        return fromProtobuf(bytes);
    }

    private static JsonNode readJson(byte[] bytes) throws CommandRejectedException {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new CommandRejectedException(MALFORMED, "empty JSON");
            }
            return node;
        } catch (IOException e) {
            throw new CommandRejectedException(MALFORMED, "not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private Envelope fromProtobuf(byte[] bytes) throws CommandRejectedException {
        CommandEnvelope envelope;
        try {
            envelope = CommandEnvelope.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new CommandRejectedException(MALFORMED, "not a protobuf CommandEnvelope: " + e.getMessage());
        }
        if (!envelope.getUnknownFields().asMap().isEmpty()) {
            throw new CommandRejectedException(MALFORMED, "not a CommandEnvelope: unknown field numbers "
                    + envelope.getUnknownFields().asMap().keySet());
        }
        if (envelope.getCall().isEmpty()) {
            throw new CommandRejectedException(MALFORMED, "the envelope has no 'call'");
        }
        if (envelope.getExpiresAtMs() < 0) {
            throw new CommandRejectedException(MALFORMED, "'expires_at_ms' is negative");
        }
        Call call = null;
        CommandRejectedException callError = null;
        try {
            call = callFromProtobuf(envelope.getCall().toByteArray());
        } catch (CommandRejectedException e) {
            callError = e;
        }
        return new Envelope(envelope.getCommandId(), call, callError, null, envelope.getExpiresAtMs(),
                envelope.getDryRun(), envelope.getRequestedBy().isEmpty() ? null : envelope.getRequestedBy());
    }

    private static Call callFromProtobuf(byte[] bytes) throws CommandRejectedException {
        try {
            // Partial: missing required fields are reported by the validator with their names.
            return Call.parser().parsePartialFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new CommandRejectedException(MALFORMED, "'call' is not a serialized mesos.v1.master.Call: "
                    + e.getMessage());
        }
    }

    private Envelope fromJson(JsonNode root) throws CommandRejectedException {
        if (!root.isObject()) {
            throw new CommandRejectedException(MALFORMED, "a command must be a JSON object, got "
                    + root.getNodeType());
        }
        if (!root.has(CALL)) {
            if (root.has("type")) {
                return withCall(null, root, 0, false, null);
            }
            throw new CommandRejectedException(MALFORMED, "no 'call' in the envelope (and not a bare Mesos call)");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!ENVELOPE_FIELDS.contains(name)) {
                throw new CommandRejectedException(MALFORMED, "unknown envelope field '" + name + "'; expected "
                        + "command_id, call, expires_at_ms (or expires_at), dry_run, requested_by");
            }
        }
        return withCall(optionalText(root, COMMAND_ID), root.get(CALL), readExpiry(root), readBoolean(root, DRY_RUN),
                optionalText(root, REQUESTED_BY));
    }

    private Envelope withCall(String id, JsonNode callNode, long expiresAtMs, boolean dryRun, String requestedBy) {
        JsonNode type = callNode.get("type");
        String typeName = type != null && type.isTextual() ? type.textValue() : null;
        try {
            return new Envelope(id, readCall(callNode), null, typeName, expiresAtMs, dryRun, requestedBy);
        } catch (CommandRejectedException e) {
            return new Envelope(id, null, e, typeName, expiresAtMs, dryRun, requestedBy);
        }
    }

    private Call readCall(JsonNode call) throws CommandRejectedException {
        if (call.isObject()) {
            return decoder.fromJson(call);
        }
        if (call.isTextual()) {
            String text = call.textValue().trim();
            if (text.startsWith("{")) {
                return decoder.fromJson(readJson(text.getBytes(StandardCharsets.UTF_8)));
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new CommandRejectedException(MALFORMED, "'call' is a string but neither JSON nor base64 "
                        + "protobuf");
            }
            return callFromProtobuf(bytes);
        }
        throw new CommandRejectedException(MALFORMED, "'call' must be an object (Mesos JSON), a JSON string or "
                + "base64 protobuf; got " + call.getNodeType());
    }

    private static String optionalText(JsonNode root, String field) throws CommandRejectedException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual() || node.isIntegralNumber()) {
            return node.asText();
        }
        throw new CommandRejectedException(MALFORMED, "'" + field + "' must be a string, got " + node.getNodeType());
    }

    private static boolean readBoolean(JsonNode root, String field) throws CommandRejectedException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual() && ("true".equals(node.textValue()) || "false".equals(node.textValue()))) {
            return Boolean.parseBoolean(node.textValue());
        }
        throw new CommandRejectedException(MALFORMED, "'" + field + "' must be true or false, got " + node);
    }

    private static long readExpiry(JsonNode root) throws CommandRejectedException {
        JsonNode ms = root.get(EXPIRES_AT_MS);
        JsonNode at = root.get(EXPIRES_AT);
        if (ms != null && !ms.isNull() && at != null && !at.isNull()) {
            throw new CommandRejectedException(MALFORMED, "give either 'expires_at_ms' or 'expires_at', not both");
        }
        JsonNode node = ms != null && !ms.isNull() ? ms : at;
        String field = node == ms ? EXPIRES_AT_MS : EXPIRES_AT;
        if (node == null || node.isNull()) {
            return 0;
        }
        long value;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            value = node.longValue();
        } else if (node.isTextual() && node.textValue().matches("-?\\d{1,18}")) {
            value = Long.parseLong(node.textValue());
        } else if (node.isTextual() && field.equals(EXPIRES_AT)) {
            try {
                value = Instant.parse(node.textValue()).toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new CommandRejectedException(MALFORMED, "'expires_at' is neither epoch milliseconds nor an "
                        + "ISO-8601 instant: " + node.textValue());
            }
        } else {
            throw new CommandRejectedException(MALFORMED, "'" + field + "' must be epoch milliseconds, got " + node);
        }
        if (value < 0) {
            throw new CommandRejectedException(MALFORMED, "'" + field + "' is negative");
        }
        return value;
    }
}
