package io.kafkaconnect.mesos.sink;

/**
 * Whether repeating a call can change the cluster twice. The sink uses it to decide how to resolve a command whose
 * outcome is unknown (a worker died, or an I/O error hit after the request was sent).
 */
public enum CallKind {
    /** Repeating the call converges on the same state (quota, weights, schedule, drain, ...): re-send when in doubt. */
    CONVERGENT,
    /** Repeating the call applies it again (reserve, volumes): look for the effect before any re-send. */
    ADDITIVE
}
