package io.kafkaconnect.mesos.quickstart;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * Validates and creates the source and sink connectors through the Connect REST API
 * ({@code PUT /connector-plugins/{type}/config/validate}, then {@code PUT /connectors/{name}/config}), exactly as an
 * operator would with curl.
 */
final class ConnectorDeployer {

    static final String SOURCE = "mesos-source";
    static final String SINK = "mesos-sink";

    private final EmbeddedConnectCluster connect;
    private final String bootstrapServers;
    private final URI masterUrl;
    private final String encoding;

    ConnectorDeployer(EmbeddedConnectCluster connect, String bootstrapServers, URI masterUrl, String encoding) {
        this.connect = connect;
        this.bootstrapServers = bootstrapServers;
        this.masterUrl = masterUrl;
        this.encoding = encoding;
    }

    void deploySource(String topicPrefix) {
        Map<String, String> config = common("io.kafkaconnect.mesos.source.MesosSourceConnector");
        config.put("tasks.max", "2");
        config.put("topic.prefix", topicPrefix);
        config.put("heartbeat.topic.enabled", "true");
        // Connect creates the topics (KIP-158): entity topics compacted, the others deleted by retention.
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        config.put("topic.creation.groups", "entities");
        config.put("topic.creation.entities.include", topicPrefix
                + "\\.(tasks|agents|frameworks|executors|roles|quota|maintenance|master|operations)");
        config.put("topic.creation.entities.cleanup.policy", "compact");
        deploy(SOURCE, config);
    }

    void deploySink(String topicPrefix) {
        Map<String, String> config = common("io.kafkaconnect.mesos.sink.MesosSinkConnector");
        config.put("tasks.max", "1");
        config.put("topics", topicPrefix + ".commands");
        config.put("result.topic", topicPrefix + ".results");
        config.put("ledger.topic", topicPrefix + ".ledger");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", topicPrefix + ".commands.dlq");
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        deploy(SINK, config);
    }

    private Map<String, String> common(String connectorClass) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", connectorClass);
        config.put("mesos.master.urls", masterUrl.toString());
        config.put("mesos.encoding", encoding);
        config.put("kafka.bootstrap.servers", bootstrapServers);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        return config;
    }

    private void deploy(String name, Map<String, String> config) {
        config.put("name", name);
        ConfigInfos validation = connect.validateConnectorConfig(
                config.get("connector.class").substring(config.get("connector.class").lastIndexOf('.') + 1), config);
        if (validation.errorCount() > 0) {
            StringBuilder errors = new StringBuilder();
            validation.values().forEach(info -> info.configValue().errors()
                    .forEach(e -> errors.append("\n  ").append(info.configValue().name()).append(": ").append(e)));
            throw new IllegalStateException(name + " configuration is not valid:" + errors);
        }
        connect.configureConnector(name, config);
    }
}
