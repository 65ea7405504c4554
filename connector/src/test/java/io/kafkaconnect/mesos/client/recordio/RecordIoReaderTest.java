package io.kafkaconnect.mesos.client.recordio;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.kafkaconnect.mesos.client.FrameTooLargeException;
import io.kafkaconnect.mesos.client.RecordIoException;

class RecordIoReaderTest {

    private static final String HEARTBEAT = "{\"type\":\"HEARTBEAT\"}";

    private static RecordIoReader reader(String wire, long limit) {
        return new RecordIoReader(new ByteArrayInputStream(wire.getBytes(UTF_8)), limit);
    }

    private static List<String> readAll(RecordIoReader reader) throws IOException {
        List<String> records = new ArrayList<>();
        for (byte[] r = reader.next(); r != null; r = reader.next()) {
            records.add(new String(r, UTF_8));
        }
        return records;
    }

    @Test
    void readsTheMesosHeartbeatRecord() throws IOException {
        RecordIoReader reader = reader("20\n" + HEARTBEAT, 1024);
        assertThat(new String(reader.next(), UTF_8)).isEqualTo(HEARTBEAT);
        assertThat(reader.next()).isNull();
        assertThat(reader.recordsRead()).isEqualTo(1);
        assertThat(reader.bytesConsumed()).isEqualTo(23);
    }

    @Test
    void readsSeveralRecordsDeliveredInOneChunk() throws IOException {
        assertThat(readAll(reader("3\nabc5\nhello20\n" + HEARTBEAT, 1024)))
                .containsExactly("abc", "hello", HEARTBEAT);
    }

    @Test
    void readsRecordsSplitAcrossSingleByteReads() throws IOException {
        byte[] wire = ("5\nhello11\nhello world20\n" + HEARTBEAT).getBytes(UTF_8);
        RecordIoReader reader = new RecordIoReader(new ChunkedInputStream(wire, List.of(1)), 1024);
        assertThat(readAll(reader)).containsExactly("hello", "hello world", HEARTBEAT);
    }

    @Test
    void lengthCountsBytesNotCharacters() throws IOException {
        String text = "{\"name\":\"caf\u00e9 \u6771\u4eac\"}";
        byte[] utf8 = text.getBytes(UTF_8);
        assertThat(utf8.length).isGreaterThan(text.length());
        assertThat(readAll(reader(utf8.length + "\n" + text + "1\nx", 1024))).containsExactly(text, "x");
    }

    @Test
    void acceptsZeroLengthRecords() throws IOException {
        assertThat(readAll(reader("0\n0\n2\nok0\n", 1024))).containsExactly("", "", "ok", "");
    }

    @Test
    void cleanEndOfStreamBeforeAnyRecordIsNull() throws IOException {
        assertThat(reader("", 1024).next()).isNull();
    }

    @Test
    void oversizedRecordIsRefusedBeforeItsBodyIsReadOrAllocated() {
        byte[] header = "900000000000000000\n".getBytes(UTF_8);
        InputStream explodesAfterHeader = new SequenceInputStream(new ByteArrayInputStream(header), new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body of an oversized record must not be read");
            }
        });
        RecordIoReader reader = new RecordIoReader(explodesAfterHeader, 1 << 20);
        assertThatThrownBy(reader::next)
                .isInstanceOfSatisfying(FrameTooLargeException.class, e -> {
                    assertThat(e.declaredLength()).isEqualTo("900000000000000000");
                    assertThat(e.limit()).isEqualTo(1 << 20);
                });
    }

    @Test
    void firstRecordMayUseTheLargerSnapshotLimit() throws IOException {
        RecordIoReader reader = new RecordIoReader(new ByteArrayInputStream("8\nsnapshot8\ntoo long".getBytes(UTF_8)),
                4, 16);
        assertThat(new String(reader.next(), UTF_8)).isEqualTo("snapshot");
        assertThatThrownBy(reader::next).isInstanceOf(FrameTooLargeException.class).hasMessageContaining("record 2");
    }

    @Test
    void largestUnsigned64BitLengthIsParsedAndRefusedBySize() {
        assertThatThrownBy(() -> reader("18446744073709551615\n", 1024).next())
                .isInstanceOfSatisfying(FrameTooLargeException.class,
                        e -> assertThat(e.declaredLength()).isEqualTo("18446744073709551615"));
    }

    @Test
    void twentyDigitsBeyondUnsigned64BitAreRefused() {
        assertThatThrownBy(() -> reader("99999999999999999999\n", 1024).next())
                .isInstanceOf(FrameTooLargeException.class);
    }

    @Test
    void moreThanTwentyDigitsIsAFramingError() {
        assertThatThrownBy(() -> reader("000000000000000000005\nhello", 1024).next())
                .isInstanceOf(RecordIoException.class)
                .isNotInstanceOf(FrameTooLargeException.class)
                .hasMessageContaining("more than 20 digits");
    }

    @Test
    void twentyDigitsWithLeadingZerosAreAValidLength() throws IOException {
        assertThat(readAll(reader("00000000000000000005\nhello", 1024))).containsExactly("hello");
    }

    @Test
    void garbageHeaderIsAFramingError() {
        assertThatThrownBy(() -> reader("{\"type\":\"HEARTBEAT\"}", 1024).next())
                .isInstanceOf(RecordIoException.class).hasMessageContaining("garbage").hasMessageContaining("'{'");
        assertThatThrownBy(() -> reader("12a\n", 1024).next()).isInstanceOf(RecordIoException.class);
        assertThatThrownBy(() -> reader("-5\nhello", 1024).next()).isInstanceOf(RecordIoException.class);
        assertThatThrownBy(() -> reader("5\r\nhello", 1024).next()).isInstanceOf(RecordIoException.class)
                .hasMessageContaining("0x0d");
        assertThatThrownBy(() -> reader("\nhello", 1024).next()).isInstanceOf(RecordIoException.class)
                .hasMessageContaining("empty length header");
    }

    @Test
    void garbageAfterAValidRecordFailsAtThatRecord() throws IOException {
        RecordIoReader reader = reader("2\nokjunk", 1024);
        assertThat(new String(reader.next(), UTF_8)).isEqualTo("ok");
        assertThatThrownBy(reader::next).isInstanceOf(RecordIoException.class).hasMessageContaining("record 2");
    }

    @Test
    void truncatedHeaderIsAFramingError() {
        RecordIoReader reader = reader("2\nok12", 1024);
        assertThatThrownBy(() -> readAll(reader)).isInstanceOf(RecordIoException.class)
                .hasMessageContaining("inside the header of record 2");
    }

    @Test
    void truncatedBodyIsAFramingError() {
        assertThatThrownBy(() -> reader("20\n{\"type\":\"HEART", 1024).next())
                .isInstanceOf(RecordIoException.class)
                .hasMessageContaining("after 14 of 20 bytes");
    }

    @Test
    void aFailedReaderStaysFailed() {
        RecordIoReader reader = reader("x\n3\nabc", 1024);
        assertThatThrownBy(reader::next).isInstanceOf(RecordIoException.class);
        assertThatThrownBy(reader::next).isInstanceOf(RecordIoException.class).hasMessageContaining("already failed");
    }

    @Test
    void streamsARecordInPiecesAndSkipsWhatIsLeftUnread() throws IOException {
        String big = "x".repeat(100_000);
        RecordIoReader reader = new RecordIoReader(new ChunkedInputStream(
                (big.length() + "\n" + big + "5\nhello3\nabc").getBytes(UTF_8), List.of(7, 4093, 1)), 16, 200_000);
        try (InputStream first = reader.nextAsStream()) {
            assertThat(new String(first.readAllBytes(), UTF_8)).isEqualTo(big);
            assertThat(first.read()).isEqualTo(-1);
        }
        InputStream second = reader.nextAsStream();
        assertThat(second.read()).isEqualTo('h');
        assertThat(new String(reader.next(), UTF_8)).isEqualTo("abc");
        assertThat(reader.nextAsStream()).isNull();
    }

    @Test
    void streamedRecordThatEndsEarlyIsAFramingError() throws IOException {
        InputStream record = reader("10\nabc", 1024).nextAsStream();
        assertThatThrownBy(record::readAllBytes).isInstanceOf(RecordIoException.class)
                .hasMessageContaining("after 3 of 10 bytes");
    }
}
