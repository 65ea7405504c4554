package io.kafkaconnect.mesos.fuzz;

import java.util.List;

/**
 * One fuzz input: where it came from (a named seed or a generator), the edits made to it, and the resulting bytes.
 * Its {@code toString} is what a failing property reports, so it shows all three.
 */
public record FuzzInput(String origin, List<Mutation> mutations, byte[] bytes) {

    @Override
    public String toString() {
        return "FuzzInput[origin=" + origin + ", mutations=" + mutations + ", " + bytes.length + " bytes: "
                + printable(bytes, 600) + "]";
    }

    /** The bytes as text, non-printable ones as {@code \xNN}, cut after {@code max} bytes. */
    static String printable(byte[] bytes, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, max); i++) {
            int b = bytes[i] & 0xff;
            if (b >= 0x20 && b < 0x7f && b != '\\') {
                out.append((char) b);
            } else {
                out.append(String.format("\\x%02x", b));
            }
        }
        if (bytes.length > max) {
            out.append("...");
        }
        return out.toString();
    }
}
