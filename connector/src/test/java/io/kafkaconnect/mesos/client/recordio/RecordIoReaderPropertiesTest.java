package io.kafkaconnect.mesos.client.recordio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Chunking never changes what is decoded. Malformed and hostile streams: {@link RecordIoReaderFuzzTest}. */
class RecordIoReaderPropertiesTest {

    @Property(tries = 300)
    void anyChunkingOfAValidStreamDecodesToTheSameRecords(
            @ForAll @Size(max = 12) List<@Size(max = 300) byte[]> records,
            @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 1, max = 700) Integer> chunkSizes) throws IOException {
        byte[] wire = RecordIoWriter.frameAll(records);
        RecordIoReader reader = new RecordIoReader(new ChunkedInputStream(wire, chunkSizes), 300);

        List<byte[]> decoded = new ArrayList<>();
        for (byte[] r = reader.next(); r != null; r = reader.next()) {
            decoded.add(r);
        }

        assertThat(decoded).hasSameSizeAs(records);
        for (int i = 0; i < records.size(); i++) {
            assertThat(decoded.get(i)).isEqualTo(records.get(i));
        }
        assertThat(reader.bytesConsumed()).isEqualTo(wire.length);
    }
}
