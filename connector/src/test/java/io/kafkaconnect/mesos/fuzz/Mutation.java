package io.kafkaconnect.mesos.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One byte-level edit. {@code at}, {@code span} and {@code pick} are interpreted modulo the input's length (or the
 * size of the list they pick from) when applied, so that any generated mutation applies to any input.
 */
public record Mutation(Kind kind, int at, int span, int pick) {

    private static final Kind[] KINDS = Kind.values();

    /** The kinds of edit. */
    public enum Kind {
        /** Flip bit {@code pick % 8} of byte {@code at}. */
        FLIP_BIT,
        /** Set byte {@code at} to an interesting value ({@code pick}-th of {@link Mutator#INTERESTING_BYTES}). */
        SET_BYTE,
        /** Insert the byte {@code pick % 256} before {@code at}. */
        INSERT_BYTE,
        /** Insert the {@code pick}-th dictionary token before {@code at}. */
        INSERT_TOKEN,
        /** Delete {@code 1 + span} bytes from {@code at}. */
        DELETE,
        /** Repeat the {@code 1 + span} bytes at {@code at} right after themselves. */
        DUPLICATE,
        /** Keep only the first {@code at} bytes. */
        TRUNCATE,
        /** Keep the first {@code at} bytes, then append donor {@code pick} from its byte {@code span} on. */
        SPLICE,
        /** Swap bytes {@code at} and {@code span}. */
        SWAP
    }

    /** Up to {@code max} stacked edits; a quarter of the time none (the seed as is), else mostly one or two. */
    public static List<Mutation> stack(Random random, int max) {
        if (random.nextInt(4) == 0) {
            return List.of();
        }
        int count = 1 + Math.min(random.nextInt(max), random.nextInt(max));
        List<Mutation> stack = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            stack.add(new Mutation(KINDS[random.nextInt(KINDS.length)], random.nextInt(Integer.MAX_VALUE),
                    random.nextBoolean() ? random.nextInt(64) : random.nextInt(Integer.MAX_VALUE),
                    random.nextInt(Integer.MAX_VALUE)));
        }
        return stack;
    }
}
