package io.kafkaconnect.mesos.source;

/**
 * Headers the source adds to entity records besides the {@code source} block's ({@code mesos.*}). They let a restarted
 * task read back what it last published without depending on the key and value converters.
 */
final class RecordHeaders {

    /** The record key, as a string. */
    static final String KEY = "mesos.key";
    /** {@code ContentDigest} / {@code StructDigest} of the value, 16 hex digits; absent on tombstones. */
    static final String DIGEST = "mesos.digest";
    /** The agent that owns a task or executor. */
    static final String AGENT_ID = "mesos.agent.id";
    /** The framework that owns a task or executor. */
    static final String FRAMEWORK_ID = "mesos.framework.id";

    private RecordHeaders() {
    }
}
