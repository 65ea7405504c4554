package io.kafkaconnect.mesos.bench.e2e;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.connect.runtime.ConnectorConfig;

/**
 * The settings of the shipped {@code config/mesos-source.properties} that decide how records reach Kafka: the
 * {@code producer.override.*} and {@code topic.creation.*} keys. The end-to-end benchmark runs the connector with
 * them, so that it measures what a user deploying the source from config/ gets.
 */
final class ShippedSourceConfig {

    static final Path FILE = Path.of("config", "mesos-source.properties");
    private static final String TOPIC_CREATION = "topic.creation.";

    private final Map<String, String> props;

    private ShippedSourceConfig(Map<String, String> props) {
        this.props = props;
    }

    /** Reads the file from the repository's root (where bin/benchmarks runs) or from the module (its tests). */
    static ShippedSourceConfig load() throws IOException {
        Properties file = new Properties();
        try (Reader in = Files.newBufferedReader(Files.exists(FILE) ? FILE : Path.of("..").resolve(FILE))) {
            file.load(in);
        }
        Map<String, String> props = new TreeMap<>();
        file.stringPropertyNames().forEach(key -> props.put(key, file.getProperty(key)));
        return new ShippedSourceConfig(props);
    }

    /** The {@code producer.override.*} and {@code topic.creation.*} entries, as connector configuration. */
    Map<String, String> deliverySettings() {
        Map<String, String> out = new TreeMap<>();
        props.forEach((key, value) -> {
            if (key.startsWith(ConnectorConfig.CONNECTOR_CLIENT_PRODUCER_OVERRIDES_PREFIX)
                    || key.startsWith(TOPIC_CREATION)) {
                out.put(key, value);
            }
        });
        return out;
    }

    /** The connector's producer overrides without their prefix, e.g. {@code linger.ms}. */
    Map<String, String> producerOverrides() {
        String prefix = ConnectorConfig.CONNECTOR_CLIENT_PRODUCER_OVERRIDES_PREFIX;
        Map<String, String> out = new TreeMap<>();
        props.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                out.put(key.substring(prefix.length()), value);
            }
        });
        return out;
    }

    /**
     * What the worker's producer for this source task sends with: Connect's own settings for source producers (Kafka
     * 4.1's {@code Worker.baseProducerConfigs}: no idempotence, acks=all, one request in flight, the producer's
     * defaults otherwise) under the connector's overrides.
     */
    Map<String, Object> sourceTaskProducer() {
        Map<String, Object> out = new HashMap<>();
        out.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        out.put(ProducerConfig.ACKS_CONFIG, "all");
        out.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        out.putAll(producerOverrides());
        return out;
    }
}
