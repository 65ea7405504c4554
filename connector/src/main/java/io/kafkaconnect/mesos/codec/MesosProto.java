package io.kafkaconnect.mesos.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lenient binary protobuf decoding. Bytes are parsed partially, so a message with missing required fields is kept and
 * the missing fields are reported as a problem ({@code missing required fields: a.b, c}); fields this version does not
 * know (newer masters) are kept in the message's unknown-field sets and reported as {@code unknown field 'a.b.#N'}.
 * Bytes that do not parse at all give a failure with the reason. Never throws on bad input; thread-safe.
 */
public final class MesosProto {

    private static final Logger LOG = LoggerFactory.getLogger(MesosProto.class);

    private MesosProto() {
    }

    /** Decodes {@code bytes} as a message of the type of {@code defaultInstance}. */
    @SuppressWarnings("unchecked")
    public static <M extends Message> Decoded<M> fromBytes(byte[] bytes, M defaultInstance) {
        String type = defaultInstance.getDescriptorForType().getFullName();
        if (bytes == null) {
            return Decoded.failed("no input for " + type, List.of());
        }
        M message;
        try {
            message = (M) defaultInstance.getParserForType().parsePartialFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            LOG.debug("Cannot decode {} from {} bytes: {}", type, bytes.length, e.getMessage());
            return Decoded.failed("malformed protobuf: " + e.getMessage(), List.of());
        } catch (RuntimeException | StackOverflowError e) {
            LOG.warn("Unexpected error decoding {} from {} bytes", type, bytes.length, e);
            return Decoded.failed("malformed protobuf: " + e, List.of());
        }
        Problems problems = new Problems();
        if (!message.isInitialized()) {
            problems.add("missing required fields: " + String.join(", ", message.findInitializationErrors()));
        }
        reportUnknownFields(message, new FieldPath(), problems);
        return Decoded.success(message, problems.list());
    }

    private static void reportUnknownFields(Message message, FieldPath path, Problems problems) {
        for (Integer number : message.getUnknownFields().asMap().keySet()) {
            problems.add("unknown field '" + path.render("#" + number) + "'");
        }
        for (DescriptorIndex.Field field : DescriptorIndex.of(message.getDescriptorForType()).messageFields()) {
            path.push(field.name);
            if (field.repeated) {
                List<?> elements = (List<?>) message.getField(field.descriptor);
                for (int i = 0; i < elements.size(); i++) {
                    path.push(i);
                    reportUnknownFields((Message) elements.get(i), path, problems);
                    path.pop();
                }
            } else if (message.hasField(field.descriptor)) {
                reportUnknownFields((Message) message.getField(field.descriptor), path, problems);
            }
            path.pop();
        }
    }
}
