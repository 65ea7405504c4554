package io.kafkaconnect.mesos.source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

import io.kafkaconnect.mesos.config.MesosConnectionConfig;
import io.kafkaconnect.mesos.source.poll.PollGroup;
import io.kafkaconnect.mesos.source.poll.TaskAssignment;

/**
 * Kafka Connect source for the Mesos v1 operator API: the master's event stream and its read calls, as change
 * records on entity topics, an archive of every event, and metrics. Task 0 holds the stream; the polls are spread over
 * the tasks.
 */
public class MesosSourceConnector extends SourceConnector {

    static final String VERSION = versionOf(MesosSourceConnector.class);
    private static final Duration LIVE_CHECK_TIMEOUT = Duration.ofSeconds(10);

    private Map<String, String> props;
    private MesosSourceConnectorConfig config;

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
        this.config = new MesosSourceConnectorConfig(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return MesosSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>();
        for (TaskAssignment.Assignment assignment : TaskAssignment.assign(maxTasks, config.enabledGroups())) {
            Map<String, String> task = new HashMap<>(props);
            task.put(MesosSourceConnectorConfig.TASK_INDEX, Integer.toString(assignment.taskIndex()));
            task.put(MesosSourceConnectorConfig.TASK_STREAM, Boolean.toString(assignment.stream()));
            task.put(MesosSourceConnectorConfig.TASK_GROUPS, assignment.groups().stream()
                    .sorted().map(PollGroup::configValue).collect(Collectors.joining(",")));
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return MesosSourceConnectorConfig.CONFIG_DEF;
    }

    /** Adds a live check of the master (GET_VERSION) to the usual validation, reported on the URL key. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        MesosConnectionConfig.validateLive(connectorConfigs, result, LIVE_CHECK_TIMEOUT);
        return result;
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
            try {
                SourceOffsets.validate(entry.getKey(), entry.getValue());
            } catch (IllegalArgumentException e) {
                throw new ConnectException(e.getMessage(), e);
            }
        }
        return true;
    }

    private static String versionOf(Class<?> type) {
        String version = type.getPackage().getImplementationVersion();
        return version == null ? "0.1.0-SNAPSHOT" : version;
    }
}
