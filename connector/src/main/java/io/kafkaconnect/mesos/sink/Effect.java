package io.kafkaconnect.mesos.sink;

/** Whether a call's effect is visible in the master's state. */
public enum Effect {
    PRESENT, ABSENT,
    /** Cannot tell (agent not re-registered yet, partial effect, no evidence for this call type). */
    UNKNOWN
}
