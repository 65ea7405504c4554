package io.kafkaconnect.mesos.source.poll;

import java.time.Duration;
import java.util.Random;

/** An interval spread uniformly over {@code base × (1 ± ratio)}, so polls of many connectors do not line up. */
public final class JitteredInterval {

    private final double ratio;
    private final Random random;

    public JitteredInterval(double ratio, Random random) {
        if (ratio < 0 || ratio >= 1) {
            throw new IllegalArgumentException("jitter ratio must be in [0, 1): " + ratio);
        }
        this.ratio = ratio;
        this.random = random;
    }

    public Duration next(Duration base) {
        long millis = base.toMillis();
        double factor = 1 + ratio * (2 * random.nextDouble() - 1);
        return Duration.ofMillis(Math.max(1, Math.round(millis * factor)));
    }

    /** A first delay in {@code [0, base × ratio]}, so calls of one task do not all start at once. */
    public Duration initial(Duration base) {
        return Duration.ofMillis(Math.round(base.toMillis() * ratio * random.nextDouble()));
    }
}
