package io.kafkaconnect.mesos.bench;

/** How big a run is: {@link #FULL} for the published figures, {@link #SMOKE} to check that every benchmark works. */
public enum Size {
    SMOKE,
    FULL;

    /** {@code full} when this is FULL, else {@code smoke}. */
    public <T> T pick(T smoke, T full) {
        return this == FULL ? full : smoke;
    }
}
