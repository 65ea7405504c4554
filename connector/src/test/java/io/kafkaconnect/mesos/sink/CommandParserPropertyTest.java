package io.kafkaconnect.mesos.sink;

import java.nio.charset.StandardCharsets;

import io.kafkaconnect.mesos.proto.CommandProtos.CommandEnvelope;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.mesos.v1.master.Protos.Call;

import static org.assertj.core.api.Assertions.assertThat;

/** Random and mutated command bytes never escape the parser as an exception: they become typed refusals. */
class CommandParserPropertyTest {

    private static final CallDecoder DECODER = json -> {
        if (!json.path("type").isTextual()) {
            throw new CommandRejectedException(RejectReason.INVALID, "no type");
        }
        return Call.newBuilder().buildPartial();
    };
    private final CommandParser parser = new CommandParser(DECODER, CommandIdSource.ENVELOPE, "command-id",
            CommandFormat.AUTO);

    private static final byte[] VALID_JSON = ("{\"command_id\":\"c\",\"expires_at_ms\":5,\"dry_run\":false,"
            + "\"call\":{\"type\":\"DRAIN_AGENT\",\"drain_agent\":{\"agent_id\":{\"value\":\"a\"}}}}")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALID_PROTO = CommandEnvelope.newBuilder().setCommandId("c")
            .setCall(TestCalls.all().get(Call.Type.DRAIN_AGENT).toByteString()).build().toByteArray();

    private void assertTyped(byte[] bytes) {
        ParseOutcome o = parser.parse(new SinkRecord("t", 0, null, null, null, bytes, 1L));
        if (o instanceof ParseOutcome.Unparsed u) {
            assertThat(u.error().reason()).isNotNull();
            assertThat(u.commandId()).isNotBlank();
        } else {
            assertThat(((ParseOutcome.Parsed) o).command().id()).isNotBlank();
        }
    }

    @Property(tries = 2000)
    void randomBytes(@ForAll byte[] bytes) {
        assertTyped(bytes);
    }

    @Property(tries = 1000)
    void mutatedJson(@ForAll("jsonMutations") byte[] bytes) {
        assertTyped(bytes);
    }

    @Property(tries = 1000)
    void mutatedProtobuf(@ForAll("protoMutations") byte[] bytes) {
        assertTyped(bytes);
    }

    @Property(tries = 500)
    void randomStrings(@ForAll String text) {
        ParseOutcome o = parser.parse(new SinkRecord("t", 0, null, null, null, text, 1L));
        assertThat(o.source().offset()).isEqualTo(1L);
    }

    @Provide
    Arbitrary<byte[]> jsonMutations() {
        return mutations(VALID_JSON);
    }

    @Provide
    Arbitrary<byte[]> protoMutations() {
        return mutations(VALID_PROTO);
    }

    private static Arbitrary<byte[]> mutations(byte[] seed) {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, seed.length - 1);
        Arbitrary<Byte> value = Arbitraries.bytes();
        Arbitrary<Integer> cut = Arbitraries.integers().between(0, seed.length);
        return Arbitraries.oneOf(
                net.jqwik.api.Combinators.combine(position, value).as((p, v) -> {
                    byte[] copy = seed.clone();
                    copy[p] = v;
                    return copy;
                }),
                cut.map(n -> java.util.Arrays.copyOf(seed, n)),
                net.jqwik.api.Combinators.combine(position, value).as((p, v) -> {
                    byte[] copy = new byte[seed.length + 1];
                    System.arraycopy(seed, 0, copy, 0, p);
                    copy[p] = v;
                    System.arraycopy(seed, p, copy, p + 1, seed.length - p);
                    return copy;
                }));
    }
}
