package io.kafkaconnect.mesos.codec;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a lenient decode ({@link MesosJson#fromJson}, {@link MesosProto#fromBytes}).
 *
 * <p>Exactly one of {@code value} and {@code failure} is set. {@code problems} lists what the decoder tolerated
 * (unknown fields, dropped enum values, skipped mistyped values...); it may be non-empty on success and on failure.
 * Decoders never throw on bad input: they return a failure with the reason instead.
 *
 * @param value the decoded message, or {@code null} when the decode failed
 * @param failure why the decode failed, or {@code null} on success
 * @param problems what was tolerated, in input order; never {@code null}
 * @param <M> the message type
 */
public record Decoded<M>(M value, String failure, List<String> problems) {

    public Decoded {
        if ((value == null) == (failure == null)) {
            throw new IllegalArgumentException("exactly one of value and failure must be set");
        }
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** A successful decode, possibly with tolerated problems. */
    public static <M> Decoded<M> success(M value, List<String> problems) {
        return new Decoded<>(Objects.requireNonNull(value, "value"), null, problems);
    }

    /** A failed decode with its reason and whatever problems were seen before it. */
    public static <M> Decoded<M> failed(String failure, List<String> problems) {
        return new Decoded<>(null, Objects.requireNonNull(failure, "failure"), problems);
    }

    /** True when a value was decoded. */
    public boolean ok() {
        return value != null && failure == null;
    }

    /** True when the decode succeeded and nothing had to be tolerated. */
    public boolean clean() {
        return ok() && problems.isEmpty();
    }
}
