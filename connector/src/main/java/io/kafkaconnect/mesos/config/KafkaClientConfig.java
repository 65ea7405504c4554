package io.kafkaconnect.mesos.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The connectors' own Kafka clients: the sink's ledger and result producers, and the source's read-back of what it
 * last published. Connect does not hand a connector the worker's connection settings, so they are configured here.
 * Extra client settings (security, SASL, timeouts) pass through under {@code kafka.client.} — a prefix of our own,
 * because {@code producer.override.} and {@code consumer.override.} belong to the framework.
 */
public final class KafkaClientConfig {

    public static final String GROUP = "Kafka";

    public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    private static final String BOOTSTRAP_SERVERS_DOC = "Bootstrap servers of the Kafka cluster that holds the "
            + "connector's own topics (the sink's ledger and results, the source's published entity state). Usually "
            + "the same cluster as the Connect worker's.";
    private static final String BOOTSTRAP_SERVERS_DISPLAY = "Kafka bootstrap servers";

    /** Any Kafka client setting prefixed with this is passed to the connector's own producers and consumers. */
    public static final String CLIENT_PREFIX = "kafka.client.";

    private KafkaClientConfig() {
    }

    /** Adds the keys to {@code def}, in their own group. */
    public static ConfigDef define(ConfigDef def) {
        return def.define(BOOTSTRAP_SERVERS, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
                (name, value) -> {
                    if (value == null || ((List<?>) value).isEmpty()) {
                        throw new ConfigException(name, value, "at least one host:port is required");
                    }
                },
                ConfigDef.Importance.HIGH, BOOTSTRAP_SERVERS_DOC, GROUP, 1, ConfigDef.Width.LONG,
                BOOTSTRAP_SERVERS_DISPLAY);
    }

    /**
     * Base properties for a Kafka client: the bootstrap servers plus every {@code kafka.client.*} entry with the
     * prefix removed. Callers add their own serializers and client-specific settings on top.
     */
    public static Map<String, Object> clientProperties(AbstractConfig config) {
        Map<String, Object> props = new HashMap<>(config.originalsWithPrefix(CLIENT_PREFIX));
        props.put("bootstrap.servers", String.join(",", config.getList(BOOTSTRAP_SERVERS)));
        return props;
    }
}
