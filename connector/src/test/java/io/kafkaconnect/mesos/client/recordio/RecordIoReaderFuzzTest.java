package io.kafkaconnect.mesos.client.recordio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

import io.kafkaconnect.mesos.client.FrameTooLargeException;
import io.kafkaconnect.mesos.client.RecordIoException;
import io.kafkaconnect.mesos.client.recordio.ReferenceRecordIo.End;
import io.kafkaconnect.mesos.client.recordio.ReferenceRecordIo.Expected;
import io.kafkaconnect.mesos.codec.Encoding;
import io.kafkaconnect.mesos.fuzz.AllocationMeter;
import io.kafkaconnect.mesos.fuzz.Corpus;
import io.kafkaconnect.mesos.fuzz.FuzzCampaign;
import io.kafkaconnect.mesos.fuzz.FuzzInput;
import io.kafkaconnect.mesos.fuzz.FuzzStats;
import io.kafkaconnect.mesos.fuzz.Mutator;
import io.kafkaconnect.mesos.fuzz.SimulatorCapture;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Fuzz target: the RecordIO decoder. Real SUBSCRIBE streams of the simulated master (JSON and protobuf) and generated
 * framings, mutated, delivered in any chunking and read whole, as streams or skipped, must decode exactly as the
 * reference decoder says: the same records, then a clean end or the typed error of the same kind; never another
 * exception. Memory stays within the configured limits: a declared length beyond the limit is refused before
 * anything is allocated for it.
 */
class RecordIoReaderFuzzTest {

    static final long MAX_FIRST = 256 * 1024;
    static final long MAX = 16 * 1024;
    /** Per-input allowance for the reader's buffers and per-record bookkeeping, apart from record contents. */
    private static final long FIXED_BYTES = 64 * 1024;
    private static final long PER_INPUT_BYTE = 100;

    enum ReadMode { WHOLE, STREAMED, SKIPPED }

    /** What one read of an input gave: a checksum per record handed out, the error, the bytes allocated. */
    private record Run(List<Long> checksums, RecordIoException error, long allocated) {
    }

    private final byte[] buffer = new byte[777];
    private final CRC32 crc = new CRC32();

    @Property
    @AddLifecycleHook(FuzzCampaign.class)
    void decodesExactlyAsTheReferenceWithinTheLimits(@ForAll("wire") FuzzInput input,
                                                      @ForAll @IntRange(min = 1, max = 9000) int chunk,
                                                      @ForAll ReadMode mode) throws IOException {
        Expected expected = ReferenceRecordIo.decode(input.bytes(), MAX_FIRST, MAX);
        long contents = expected.records().stream().mapToLong(r -> r.length).sum() + expected.declaredLength();
        long bound = FIXED_BYTES + PER_INPUT_BYTE * input.bytes().length + contents;
        Run run = read(input.bytes(), chunk, mode);
        if (run.allocated() > bound) {
            run = read(input.bytes(), chunk, mode); // steady state: the first run may pay one-off class loading
        }

        if (mode == ReadMode.SKIPPED) {
            // The truncated record's stream is handed out; its end is found when it is skipped.
            int handedOut = expected.records().size() + (expected.end() == End.TRUNCATED_RECORD ? 1 : 0);
            assertThat(run.checksums()).hasSize(handedOut);
        } else {
            List<Long> expectedChecksums = new ArrayList<>();
            expected.records().forEach(r -> expectedChecksums.add(checksum(r)));
            assertThat(run.checksums()).isEqualTo(expectedChecksums);
        }
        RecordIoException error = run.error();
        switch (expected.end()) {
            case CLEAN -> assertThat(error).isNull();
            case TOO_LARGE -> assertThat(error).isInstanceOf(FrameTooLargeException.class);
            case TRUNCATED_HEADER, TRUNCATED_RECORD -> assertThat(error).isExactlyInstanceOf(RecordIoException.class)
                    .hasMessageContaining("ended inside");
            case BAD_HEADER -> assertThat(error).isExactlyInstanceOf(RecordIoException.class)
                    .hasMessageContaining("header");
        }
        assertThat(run.allocated()).as("bytes allocated, %s", expected.end()).isLessThanOrEqualTo(bound);
        FuzzStats.record(error == null ? FuzzStats.ACCEPTED : error.getClass().getSimpleName() + " "
                + expected.end(), input.bytes().length, run.allocated());
    }

    private Run read(byte[] wire, int chunk, ReadMode mode) throws IOException {
        List<Long> checksums = new ArrayList<>();
        RecordIoException error = null;
        long before = AllocationMeter.now();
        try {
            RecordIoReader reader = new RecordIoReader(new ChunkedInputStream(wire, List.of(chunk)), MAX, MAX_FIRST);
            for (Long sum = next(reader, mode); sum != null; sum = next(reader, mode)) {
                checksums.add(sum);
            }
        } catch (RecordIoException e) {
            error = e;
        }
        return new Run(checksums, error, AllocationMeter.since(before));
    }

    /**
     * Reads the next record in the given mode into a checksum of its length and bytes (a skipped record gives -1),
     * or null at the end. Reuses one buffer, so that what is measured is the reader's allocation.
     */
    private Long next(RecordIoReader reader, ReadMode mode) throws IOException {
        if (mode == ReadMode.WHOLE) {
            byte[] record = reader.next();
            return record == null ? null : checksum(record);
        }
        InputStream stream = reader.nextAsStream();
        if (stream == null) {
            return null;
        }
        if (mode == ReadMode.SKIPPED) {
            return -1L;
        }
        crc.reset();
        long length = 0;
        for (int n = stream.read(buffer, 0, 1); n >= 0; n = stream.read(buffer)) {
            crc.update(buffer, 0, n);
            length += n;
        }
        return crc.getValue() * 31 + length;
    }

    private long checksum(byte[] record) {
        crc.reset();
        crc.update(record, 0, record.length);
        return crc.getValue() * 31 + record.length;
    }

    @Provide
    Arbitrary<FuzzInput> wire() {
        Corpus corpus = new Corpus();
        for (Encoding encoding : Encoding.values()) {
            SimulatorCapture.Capture capture = SimulatorCapture.of(encoding);
            corpus.add(encoding + " SUBSCRIBE stream", capture.streamPrefix());
            corpus.add(encoding + " events", RecordIoWriter.frameAll(capture.events().subList(1,
                    capture.events().size())));
        }
        corpus.generator("framed random records", random -> {
            List<byte[]> records = new ArrayList<>();
            for (int i = random.nextInt(8); i > 0; i--) {
                records.add(randomBytes(random, 300));
            }
            return RecordIoWriter.frameAll(records);
        });
        corpus.generator("random bytes", random -> randomBytes(random, 200));
        return corpus.inputs(Mutator.tokens("0\n", "1\n", "16384\n", "16385\n", "262144\n", "262145\n",
                "18446744073709551615\n", "18446744073709551616\n", "99999999999999999999\n",
                "000000000000000000001\n", "9223372036854775807\n", "2147483647\n", "-1\n", "+1\n", " 1\n", "1\r\n",
                "\n"));
    }

    private static byte[] randomBytes(Random random, int maxLength) {
        byte[] bytes = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(bytes);
        return bytes;
    }
}
