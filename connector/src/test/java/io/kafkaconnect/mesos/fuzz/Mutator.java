package io.kafkaconnect.mesos.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Applies {@link Mutation}s to bytes, drawing inserted tokens from a dictionary and spliced tails from donors. */
public final class Mutator {

    /** Byte values that often sit on a parser's decision boundaries. */
    static final byte[] INTERESTING_BYTES = {0, 1, 0x7f, (byte) 0x80, (byte) 0xc0, (byte) 0xff, '\n', '\r', ' ', '0',
        '9', '{', '}', '[', ']', '"', '\\', ':', ',', '-', '+', '.', 'e', 0x08, 0x0a, 0x12, 0x1a, 0x22, (byte) 0xfe};

    private final List<byte[]> tokens;
    private final List<byte[]> donors;

    /**
     * @param tokens dictionary of byte strings meaningful to the target's format (inserted whole)
     * @param donors valid inputs whose tails are spliced in
     */
    public Mutator(List<byte[]> tokens, List<byte[]> donors) {
        this.tokens = List.copyOf(tokens);
        this.donors = List.copyOf(donors);
    }

    /** UTF-8 tokens. */
    public static List<byte[]> tokens(String... texts) {
        return Arrays.stream(texts).map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }

    public byte[] apply(byte[] input, List<Mutation> mutations) {
        byte[] bytes = input;
        for (Mutation m : mutations) {
            bytes = apply(bytes, m);
        }
        return bytes;
    }

    private byte[] apply(byte[] b, Mutation m) {
        int n = b.length;
        int at = n == 0 ? 0 : m.at() % n;
        return switch (m.kind()) {
            case FLIP_BIT -> n == 0 ? b : with(b, at, (byte) (b[at] ^ (1 << (m.pick() % 8))));
            case SET_BYTE -> n == 0 ? b : with(b, at, INTERESTING_BYTES[m.pick() % INTERESTING_BYTES.length]);
            case INSERT_BYTE -> insert(b, m.at() % (n + 1), new byte[] {(byte) m.pick()});
            case INSERT_TOKEN -> tokens.isEmpty() ? b
                    : insert(b, m.at() % (n + 1), tokens.get(m.pick() % tokens.size()));
            case DELETE -> n == 0 ? b : concat(Arrays.copyOfRange(b, 0, at),
                    Arrays.copyOfRange(b, Math.min(n, at + 1 + m.span()), n));
            case DUPLICATE -> n == 0 ? b : insert(b, Math.min(n, at + 1 + m.span()),
                    Arrays.copyOfRange(b, at, Math.min(n, at + 1 + m.span())));
            case TRUNCATE -> Arrays.copyOf(b, m.at() % (n + 1));
            case SPLICE -> {
                if (donors.isEmpty()) {
                    yield b;
                }
                byte[] donor = donors.get(m.pick() % donors.size());
                int from = donor.length == 0 ? 0 : m.span() % donor.length;
                yield concat(Arrays.copyOf(b, m.at() % (n + 1)), Arrays.copyOfRange(donor, from, donor.length));
            }
            case SWAP -> {
                if (n < 2) {
                    yield b;
                }
                byte[] copy = b.clone();
                int other = m.span() % n;
                copy[at] = b[other];
                copy[other] = b[at];
                yield copy;
            }
        };
    }

    private static byte[] with(byte[] b, int at, byte value) {
        byte[] copy = b.clone();
        copy[at] = value;
        return copy;
    }

    private static byte[] insert(byte[] b, int at, byte[] inserted) {
        byte[] out = new byte[b.length + inserted.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(b, at, out, at + inserted.length, b.length - at);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
