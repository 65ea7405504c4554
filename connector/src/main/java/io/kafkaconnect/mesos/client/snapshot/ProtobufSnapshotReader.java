package io.kafkaconnect.mesos.client.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import org.apache.mesos.v1.master.Protos.Event;
import org.apache.mesos.v1.master.Protos.Response;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.WireFormat;

import io.kafkaconnect.mesos.client.MesosException;
import io.kafkaconnect.mesos.codec.Decoded;
import io.kafkaconnect.mesos.codec.MesosJson;
import io.kafkaconnect.mesos.codec.MesosProto;

/**
 * {@link SnapshotReader} for a binary protobuf record ({@code mesos.v1.master.Event}): walks the wire format down to
 * the entity lists and decodes one element at a time; other fields of the event and of {@code subscribed} are copied
 * aside for the envelope, the rest is skipped. Field numbers come from the Mesos descriptors.
 */
final class ProtobufSnapshotReader implements SnapshotReader {

    private static final FieldDescriptor SUBSCRIBED = Event.getDescriptor().findFieldByName("subscribed");
    private static final FieldDescriptor GET_STATE = SUBSCRIBED.getMessageType().findFieldByName("get_state");
    /** GetState field number → (list field number → section and element type). */
    private static final Map<Integer, Map<Integer, Section>> GROUPS = groups();

    private record Section(SnapshotSection section, Message prototype) {
    }

    private enum Kind { EVENT, SUBSCRIBED, GET_STATE, GROUP }

    private record Level(Kind kind, int outerLimit, Map<Integer, Section> sections) {
    }

    private final CodedInputStream in;
    private final Deque<Level> levels = new ArrayDeque<>();
    private final ByteString.Output eventRest = ByteString.newOutput();
    private final CodedOutputStream eventRestOut = CodedOutputStream.newInstance(eventRest);
    private ByteString.Output subscribedRest;
    private CodedOutputStream subscribedRestOut;
    private ObjectNode envelope;

    ProtobufSnapshotReader(InputStream stream) {
        this.in = CodedInputStream.newInstance(stream, 64 * 1024);
        levels.push(new Level(Kind.EVENT, -1, Map.of()));
    }

    @Override
    public SnapshotEntity next() throws IOException {
        try {
            return advance();
        } catch (InvalidProtocolBufferException e) {
            throw new SnapshotFormatException("malformed protobuf in the SUBSCRIBED record at byte "
                    + in.getTotalBytesRead() + ": " + e.getMessage(), e);
        } catch (MesosException e) {
            throw e; // our own typed errors, and the RecordIO stream's (a record cut short)
        } catch (RuntimeException e) {
            // CodedInputStream accepts a length that overflows its limit arithmetic (a length near 2^31 inside a
            // nested message) and fails later with IndexOutOfBoundsException: malformed input all the same.
            throw new SnapshotFormatException("malformed protobuf in the SUBSCRIBED record at byte "
                    + in.getTotalBytesRead() + ": " + e, e);
        }
    }

    private SnapshotEntity advance() throws IOException {
        if (envelope != null) {
            return null;
        }
        while (true) {
            int tag = in.readTag();
            Level level = levels.peek();
            if (tag == 0) {
                if (level.kind() == Kind.EVENT) {
                    envelope = buildEnvelope();
                    return null;
                }
                levels.pop();
                in.popLimit(level.outerLimit());
                continue;
            }
            int number = WireFormat.getTagFieldNumber(tag);
            boolean delimited = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
            switch (level.kind()) {
                case EVENT -> {
                    if (number == SUBSCRIBED.getNumber() && delimited) {
                        subscribedRest = ByteString.newOutput();
                        subscribedRestOut = CodedOutputStream.newInstance(subscribedRest);
                        enter(Kind.SUBSCRIBED, Map.of());
                    } else {
                        in.skipField(tag, eventRestOut);
                    }
                }
                case SUBSCRIBED -> {
                    if (number == GET_STATE.getNumber() && delimited) {
                        enter(Kind.GET_STATE, Map.of());
                    } else {
                        in.skipField(tag, subscribedRestOut);
                    }
                }
                case GET_STATE -> {
                    Map<Integer, Section> sections = GROUPS.get(number);
                    if (sections != null && delimited) {
                        enter(Kind.GROUP, sections);
                    } else {
                        in.skipField(tag);
                    }
                }
                case GROUP -> {
                    Section section = level.sections().get(number);
                    if (section != null && delimited) {
                        byte[] bytes = in.readByteArray();
                        return new SnapshotEntity(section.section(), decode(section, bytes), bytes.length);
                    }
                    in.skipField(tag);
                }
                default -> throw new IllegalStateException(level.kind().toString());
            }
        }
    }

    private void enter(Kind kind, Map<Integer, Section> sections) throws IOException {
        int length = in.readRawVarint32();
        levels.push(new Level(kind, in.pushLimit(length), sections));
    }

    private static ObjectNode decode(Section section, byte[] bytes) {
        Decoded<Message> decoded = MesosProto.fromBytes(bytes, section.prototype());
        if (!decoded.ok()) {
            throw new SnapshotFormatException("an element of the SUBSCRIBED record's get_state."
                    + section.section().group() + "." + section.section().list() + " cannot be decoded: "
                    + decoded.failure());
        }
        return MesosJson.toTree(decoded.value());
    }

    /** The event without {@code subscribed.get_state}: the copied fields, re-framed and decoded. */
    private ObjectNode buildEnvelope() throws IOException {
        eventRestOut.flush();
        ByteString.Output bytes = ByteString.newOutput();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeRawBytes(eventRest.toByteString());
        if (subscribedRestOut != null) {
            subscribedRestOut.flush();
            out.writeBytes(SUBSCRIBED.getNumber(), subscribedRest.toByteString());
        }
        out.flush();
        Decoded<Event> event = MesosProto.fromBytes(bytes.toByteString().toByteArray(), Event.getDefaultInstance());
        if (!event.ok()) {
            throw new SnapshotFormatException("the SUBSCRIBED record's fields outside get_state cannot be decoded: "
                    + event.failure());
        }
        return MesosJson.toTree(event.value());
    }

    @Override
    public ObjectNode envelope() {
        if (envelope == null) {
            throw new IllegalStateException("the SUBSCRIBED record was not read to its end");
        }
        return envelope;
    }

    private static Map<Integer, Map<Integer, Section>> groups() {
        Message.Builder state = Response.GetState.getDefaultInstance().newBuilderForType();
        Map<Integer, Map<Integer, Section>> groups = new HashMap<>();
        for (SnapshotSection section : SnapshotSection.values()) {
            FieldDescriptor groupField = state.getDescriptorForType().findFieldByName(section.group());
            Message.Builder group = state.newBuilderForField(groupField);
            FieldDescriptor listField = group.getDescriptorForType().findFieldByName(section.list());
            Message prototype = group.newBuilderForField(listField).getDefaultInstanceForType();
            groups.computeIfAbsent(groupField.getNumber(), n -> new HashMap<>())
                    .put(listField.getNumber(), new Section(section, prototype));
        }
        return groups;
    }
}
