package io.kafkaconnect.mesos.client.recordio;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

import io.kafkaconnect.mesos.client.FrameTooLargeException;
import io.kafkaconnect.mesos.client.RecordIoException;

/**
 * Decodes a RecordIO byte stream ({@code <decimal length>\n<length bytes>}, repeated) as Mesos writes it on the
 * SUBSCRIBE stream. Records are independent of how the bytes arrive (HTTP chunks, socket reads). A length has at
 * most 20 ASCII digits and is an unsigned 64-bit value; it is checked against the limit before anything is allocated.
 * The first record may use a larger limit, because it is the SUBSCRIBED snapshot of the whole cluster.
 *
 * <p>Not thread-safe. Malformed input ({@link RecordIoException}) leaves the reader unusable: RecordIO has no way to
 * find the next record boundary again.
 */
public final class RecordIoReader {

    /** An unsigned 64-bit value has at most 20 decimal digits. */
    public static final int MAX_HEADER_DIGITS = 20;
    /** The largest record {@link #next()} can return as one array. */
    private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

    private final InputStream in;
    private final long maxRecordBytes;
    private final long maxFirstRecordBytes;
    private final byte[] buffer = new byte[8192];
    private int pos;
    private int limit;
    private long recordsRead;
    private long bytesConsumed;
    private RecordStream openRecord;
    private boolean failed;

    /**
     * @param in                   the raw stream (buffering is done here)
     * @param maxRecordBytes       largest record accepted after the first
     * @param maxFirstRecordBytes  largest first record accepted
     */
    public RecordIoReader(InputStream in, long maxRecordBytes, long maxFirstRecordBytes) {
        this.in = Objects.requireNonNull(in, "in");
        if (maxRecordBytes < 0 || maxFirstRecordBytes < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
        this.maxRecordBytes = maxRecordBytes;
        this.maxFirstRecordBytes = maxFirstRecordBytes;
    }

    /** A reader with one limit for every record. */
    public RecordIoReader(InputStream in, long maxRecordBytes) {
        this(in, maxRecordBytes, maxRecordBytes);
    }

    /**
     * Reads the next record whole.
     *
     * @return the record's bytes (possibly empty), or null if the stream ended cleanly between records
     * @throws RecordIoException for a malformed header, an oversized record or a truncated stream
     * @throws IOException       when the underlying stream fails
     */
    public byte[] next() throws IOException {
        long length = nextHeader();
        if (length < 0) {
            return null;
        }
        if (length > MAX_ARRAY_BYTES) {
            throw fail(new FrameTooLargeException(Long.toUnsignedString(length), MAX_ARRAY_BYTES,
                    "too large for one array; read it with nextAsStream()"));
        }
        byte[] record = new byte[(int) length];
        int filled = 0;
        while (filled < record.length) {
            int n = readInto(record, filled, record.length - filled);
            if (n < 0) {
                throw fail(new RecordIoException("stream ended inside record " + (recordsRead + 1) + " after " + filled
                        + " of " + length + " bytes"));
            }
            filled += n;
        }
        recordsRead++;
        return record;
    }

    /**
     * Opens the next record as a stream bounded to its length, for records too big to hold at once. The stream
     * must be read or closed before the next call; what is left of it is skipped then.
     *
     * @return the record's bytes as a stream, or null if the stream ended cleanly between records
     */
    public RecordStream nextAsStream() throws IOException {
        long length = nextHeader();
        if (length < 0) {
            return null;
        }
        openRecord = new RecordStream(length, recordsRead + 1);
        recordsRead++;
        return openRecord;
    }

    /** Records returned so far. */
    public long recordsRead() {
        return recordsRead;
    }

    /** Bytes of the stream consumed so far (headers included). */
    public long bytesConsumed() {
        return bytesConsumed;
    }

    /** Reads a header; -1 at clean EOF. The returned value is an unsigned 64-bit length within the limit. */
    private long nextHeader() throws IOException {
        if (failed) {
            throw new RecordIoException("the RecordIO stream already failed and cannot be read further");
        }
        if (openRecord != null) {
            openRecord.skipRest();
            openRecord = null;
        }
        long recordNumber = recordsRead + 1;
        long limitBytes = recordsRead == 0 ? maxFirstRecordBytes : maxRecordBytes;
        StringBuilder digits = new StringBuilder(MAX_HEADER_DIGITS);
        while (true) {
            int b = readByte();
            if (b < 0) {
                if (digits.length() == 0) {
                    return -1;
                }
                throw fail(new RecordIoException("stream ended inside the header of record " + recordNumber
                        + " after '" + digits + "'"));
            }
            if (b == '\n') {
                break;
            }
            if (b < '0' || b > '9') {
                throw fail(new RecordIoException("garbage in the header of record " + recordNumber + " at byte "
                        + (bytesConsumed - 1) + ": " + describe(b) + " after '" + digits + "'"));
            }
            if (digits.length() == MAX_HEADER_DIGITS) {
                throw fail(new RecordIoException("header of record " + recordNumber + " has more than "
                        + MAX_HEADER_DIGITS + " digits: '" + digits + (char) b + "...'"));
            }
            digits.append((char) b);
        }
        if (digits.length() == 0) {
            throw fail(new RecordIoException("empty length header for record " + recordNumber + " at byte "
                    + (bytesConsumed - 1)));
        }
        long length;
        try {
            length = Long.parseUnsignedLong(digits.toString());
        } catch (NumberFormatException e) {
            throw fail(new FrameTooLargeException(digits.toString(), limitBytes,
                    "record " + recordNumber + ", beyond the unsigned 64-bit range"));
        }
        if (Long.compareUnsigned(length, limitBytes) > 0) {
            throw fail(new FrameTooLargeException(Long.toUnsignedString(length), limitBytes, "record " + recordNumber));
        }
        return length;
    }

    private static String describe(int b) {
        return b >= 0x20 && b < 0x7f ? "'" + (char) b + "'" : String.format("0x%02x", b);
    }

    private RecordIoException fail(RecordIoException e) {
        failed = true;
        return e;
    }

    private int readByte() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        bytesConsumed++;
        return buffer[pos++] & 0xff;
    }

    private int readInto(byte[] target, int offset, int length) throws IOException {
        if (pos == limit) {
            if (length >= buffer.length) {
                int n = in.read(target, offset, length);
                if (n > 0) {
                    bytesConsumed += n;
                }
                return n;
            }
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(length, limit - pos);
        System.arraycopy(buffer, pos, target, offset, n);
        pos += n;
        bytesConsumed += n;
        return n;
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    /** One record's bytes, bounded to its declared length; ending early is a truncation error. */
    public final class RecordStream extends InputStream {
        private final long length;
        private final long recordNumber;
        private long remaining;

        RecordStream(long length, long recordNumber) {
            this.length = length;
            this.recordNumber = recordNumber;
            this.remaining = length;
        }

        /** The record's declared length in bytes. */
        public long length() {
            return length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int len) throws IOException {
            Objects.checkFromIndexSize(offset, len, target.length);
            if (remaining == 0) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            if (openRecord != this) {
                throw new IOException("record " + recordNumber + " was left behind by a later read");
            }
            int n = readInto(target, offset, (int) Math.min(len, remaining));
            if (n < 0) {
                throw fail(new RecordIoException("stream ended inside record " + recordNumber + " after "
                        + (length - remaining) + " of " + Long.toUnsignedString(length) + " bytes"));
            }
            remaining -= n;
            return n;
        }

        @Override
        public int available() {
            return (int) Math.min(remaining, limit - pos);
        }

        void skipRest() throws IOException {
            if (remaining == 0) {
                return;
            }
            // sized to what is left: skipping many small records must not cost 8 KiB each
            byte[] scratch = new byte[(int) Math.min(8192, remaining)];
            while (remaining > 0) {
                read(scratch, 0, (int) Math.min(scratch.length, remaining));
            }
        }

        @Override
        public void close() throws IOException {
            if (openRecord == this) {
                skipRest();
            }
        }
    }
}
