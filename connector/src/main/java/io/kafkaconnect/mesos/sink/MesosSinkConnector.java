package io.kafkaconnect.mesos.sink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.kafkaconnect.mesos.config.MesosConnectionConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Kafka Connect sink that turns commands (Mesos operator calls in an envelope) into calls on the Mesos master, with an
 * effect applied once, a ledger, a result topic and a dead-letter queue. See docs/sink.md.
 */
public class MesosSinkConnector extends SinkConnector {

    static final String VERSION = versionOf(MesosSinkConnector.class);
    private static final Duration LIVE_CHECK_TIMEOUT = Duration.ofSeconds(10);

    private Map<String, String> props;

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        new MesosSinkConnectorConfig(props); // fail fast on a bad config
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return MesosSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> task = new HashMap<>(props);
            task.put(SinkRuntime.TASK_ID, Integer.toString(i));
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return MesosSinkConnectorConfig.CONFIG_DEF;
    }

    /** Adds a live check of the master (GET_VERSION) to the usual validation, reported on the URL key. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        MesosConnectionConfig.validateLive(connectorConfigs, result, LIVE_CHECK_TIMEOUT);
        return result;
    }

    private static String versionOf(Class<?> type) {
        String v = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }
}
