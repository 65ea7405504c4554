package io.kafkaconnect.mesos.client.recordio;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Frames records as RecordIO: the byte length in decimal, a newline, then the bytes. */
public final class RecordIoWriter {

    private RecordIoWriter() {
    }

    /** One framed record. */
    public static byte[] frame(byte[] record) {
        byte[] header = (record.length + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] framed = new byte[header.length + record.length];
        System.arraycopy(header, 0, framed, 0, header.length);
        System.arraycopy(record, 0, framed, header.length, record.length);
        return framed;
    }

    /** Several records framed back to back. */
    public static byte[] frameAll(Iterable<byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] record : records) {
            out.writeBytes(frame(record));
        }
        return out.toByteArray();
    }
}
