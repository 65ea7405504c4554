package io.kafkaconnect.mesos.client.recordio;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A deliberately plain second RecordIO decoder, the oracle of the fuzz target: what a stream of bytes must decode to
 * under the given limits, and where and why it must fail.
 */
final class ReferenceRecordIo {

    /** How a stream ends. */
    enum End { CLEAN, BAD_HEADER, TRUNCATED_HEADER, TOO_LARGE, TRUNCATED_RECORD }

    /**
     * @param records        the whole records before the end
     * @param end            how the stream ends
     * @param declaredLength for {@link End#TRUNCATED_RECORD}, the length its header declared; else 0
     */
    record Expected(List<byte[]> records, End end, long declaredLength) {
    }

    private ReferenceRecordIo() {
    }

    static Expected decode(byte[] wire, long maxFirstRecordBytes, long maxRecordBytes) {
        List<byte[]> records = new ArrayList<>();
        int pos = 0;
        while (pos < wire.length) {
            StringBuilder digits = new StringBuilder();
            while (true) {
                if (pos == wire.length) {
                    return new Expected(records, End.TRUNCATED_HEADER, 0);
                }
                byte b = wire[pos++];
                if (b == '\n') {
                    break;
                }
                if (b < '0' || b > '9' || digits.length() == 20) {
                    return new Expected(records, End.BAD_HEADER, 0);
                }
                digits.append((char) b);
            }
            if (digits.isEmpty()) {
                return new Expected(records, End.BAD_HEADER, 0);
            }
            BigInteger length = new BigInteger(digits.toString());
            long limit = records.isEmpty() ? maxFirstRecordBytes : maxRecordBytes;
            if (length.compareTo(BigInteger.valueOf(limit)) > 0) {
                return new Expected(records, End.TOO_LARGE, 0);
            }
            int n = length.intValueExact();
            if (wire.length - pos < n) {
                return new Expected(records, End.TRUNCATED_RECORD, n);
            }
            records.add(Arrays.copyOfRange(wire, pos, pos + n));
            pos += n;
        }
        return new Expected(records, End.CLEAN, 0);
    }
}
