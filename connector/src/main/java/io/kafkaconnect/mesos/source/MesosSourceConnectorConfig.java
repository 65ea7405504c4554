package io.kafkaconnect.mesos.source;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

import io.kafkaconnect.mesos.config.KafkaClientConfig;
import io.kafkaconnect.mesos.config.MesosConnectionConfig;
import io.kafkaconnect.mesos.source.poll.PollGroup;
import io.kafkaconnect.mesos.source.poll.PolledCall;
import io.kafkaconnect.mesos.source.state.SnapshotMode;

/** Configuration of the Mesos source connector and its tasks. */
public final class MesosSourceConnectorConfig extends AbstractConfig {

    public static final String TOPICS_GROUP = "Topics";
    public static final String SNAPSHOT_GROUP = "Snapshot and stream";
    public static final String POLL_GROUP = "Polling";

    public static final String TOPIC_PREFIX = "topic.prefix";
    private static final String TOPIC_PREFIX_DOC = "Prefix of every topic the connector writes: <prefix>.events, "
            + "<prefix>.tasks, <prefix>.agents, <prefix>.frameworks, <prefix>.executors, <prefix>.roles, "
            + "<prefix>.quota, <prefix>.maintenance, <prefix>.master, <prefix>.operations, <prefix>.metrics and "
            + "(optional) <prefix>.heartbeats. Entity topics should be compacted.";
    private static final String TOPIC_PREFIX_DISPLAY = "Topic prefix";

    public static final String HEARTBEAT_TOPIC_ENABLED = "heartbeat.topic.enabled";
    private static final String HEARTBEAT_TOPIC_ENABLED_DOC = "Also write each stream HEARTBEAT to <prefix>.heartbeats "
            + "(heartbeats always reach the events topic, which advances offsets on a quiet cluster).";
    private static final String HEARTBEAT_TOPIC_ENABLED_DISPLAY = "Heartbeat topic";

    public static final String EVENTS_SNAPSHOT_MAX_BYTES = "events.snapshot.max.bytes";
    private static final String EVENTS_SNAPSHOT_MAX_BYTES_DOC = "Largest SUBSCRIBED event read whole and archived "
            + "whole on the events topic. A larger snapshot is read from the connection entity by entity, so the "
            + "task's heap does not grow with the cluster's size, and is archived without its get_state (which the "
            + "entity topics carry, entity by entity), so one record never exceeds the producer's max.request.size.";
    private static final String EVENTS_SNAPSHOT_MAX_BYTES_DISPLAY = "Largest snapshot read whole (bytes)";

    public static final String SNAPSHOT_MODE = "snapshot.mode";
    private static final String SNAPSHOT_MODE_DOC = "How SUBSCRIBED snapshots reach the entity topics. initial: the "
            + "first snapshot in full (op READ), later ones (reconnect, failover, restart) only as differences "
            + "(reconciled CREATE/UPDATE/DELETE). always: every snapshot in full. never: the first snapshot is a "
            + "silent baseline; later ones as differences.";
    private static final String SNAPSHOT_MODE_DISPLAY = "Snapshot mode";

    public static final String STREAM_ENABLED = "stream.enabled";
    private static final String STREAM_ENABLED_DOC = "Subscribe to the master's event stream. When false, the "
            + "streamed entities are kept current by the GET_STATE family of polls only.";
    private static final String STREAM_ENABLED_DISPLAY = "Subscribe to events";

    public static final String STREAM_QUEUE_CAPACITY = "stream.queue.capacity";
    private static final String STREAM_QUEUE_CAPACITY_DOC = "Events buffered between the stream reader thread and "
            + "the task's poll().";
    private static final String STREAM_QUEUE_CAPACITY_DISPLAY = "Hand-off queue capacity";

    public static final String STREAM_QUEUE_FULL_TIMEOUT_MS = "stream.queue.full.timeout.ms";
    private static final String STREAM_QUEUE_FULL_TIMEOUT_MS_DOC = "When the hand-off queue stays full this long, the "
            + "stream is closed and resubscribed once the queue has drained; the next snapshot is reconciled. Keep it "
            + "below the heartbeat watchdog window.";
    private static final String STREAM_QUEUE_FULL_TIMEOUT_MS_DISPLAY = "Queue-full timeout (ms)";

    public static final String STREAM_BACKOFF_MS = "stream.reconnect.backoff.ms";
    private static final String STREAM_BACKOFF_MS_DOC = "Base of the exponential backoff (full jitter) between "
            + "resubscribe attempts.";
    private static final String STREAM_BACKOFF_MS_DISPLAY = "Resubscribe backoff (ms)";

    public static final String STREAM_BACKOFF_MAX_MS = "stream.reconnect.backoff.max.ms";
    private static final String STREAM_BACKOFF_MAX_MS_DOC = "Cap on one resubscribe backoff pause.";
    private static final String STREAM_BACKOFF_MAX_MS_DISPLAY = "Max resubscribe backoff (ms)";

    public static final String RECOVERED_AGENT_TIMEOUT_MS = "reconcile.recovered.agent.timeout.ms";
    private static final String RECOVERED_AGENT_TIMEOUT_MS_DOC = "After a failover, agents the new leader lists only "
            + "in recovered_agents, with their tasks, are not published as removed until they re-register or this "
            + "time passes. Match the masters' --agent_reregister_timeout.";
    private static final String RECOVERED_AGENT_TIMEOUT_MS_DISPLAY = "Recovered agent timeout (ms)";

    public static final String READBACK_TIMEOUT_MS = "readback.timeout.ms";
    private static final String READBACK_TIMEOUT_MS_DOC = "Time allowed, at task start, to read back the compacted "
            + "entity topics (what was last published) from kafka.bootstrap.servers.";
    private static final String READBACK_TIMEOUT_MS_DISPLAY = "Read-back timeout (ms)";

    public static final String MAX_BATCH_SIZE = "max.batch.size";
    private static final String MAX_BATCH_SIZE_DOC = "Most records returned by one poll().";
    private static final String MAX_BATCH_SIZE_DISPLAY = "Max batch size";

    public static final String POLL_JITTER_RATIO = "poll.jitter.ratio";
    private static final String POLL_JITTER_RATIO_DOC = "Each polled call's interval is spread uniformly over "
            + "interval x (1 +- ratio).";
    private static final String POLL_JITTER_RATIO_DISPLAY = "Poll jitter";

    public static final String POLL_CHANGES_ONLY = "poll.changes.only.enabled";
    private static final String POLL_CHANGES_ONLY_DOC = "A poll emits rows only for entities that changed since the "
            + "last one (plus deletions). When false, every poll re-emits every row (op READ). Metrics are always "
            + "emitted in full.";
    private static final String POLL_CHANGES_ONLY_DISPLAY = "Changes only";

    public static final String POLL_METRICS_TIMEOUT_MS = "poll.metrics.timeout.ms";
    private static final String POLL_METRICS_TIMEOUT_MS_DOC = "GET_METRICS timeout sent to the master; metrics not "
            + "ready in time are left out of that poll. 0 waits for all of them.";
    private static final String POLL_METRICS_TIMEOUT_MS_DISPLAY = "Metrics timeout (ms)";

    /** Internal task keys, set by the connector. */
    static final String TASK_INDEX = "task.index";
    static final String TASK_STREAM = "task.stream.enabled";
    static final String TASK_GROUPS = "task.poll.groups";

    public static final ConfigDef CONFIG_DEF = configDef();

    public MesosSourceConnectorConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
        if (getDouble(POLL_JITTER_RATIO) >= 1.0) {
            throw new ConfigException(POLL_JITTER_RATIO, getDouble(POLL_JITTER_RATIO), "must be below 1");
        }
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        MesosConnectionConfig.define(def);
        KafkaClientConfig.define(def);
        int order = 0;
        def.define(TOPIC_PREFIX, Type.STRING, "mesos", new ConfigDef.NonEmptyStringWithoutControlChars(),
                Importance.HIGH, TOPIC_PREFIX_DOC, TOPICS_GROUP, ++order, Width.MEDIUM, TOPIC_PREFIX_DISPLAY);
        def.define(HEARTBEAT_TOPIC_ENABLED, Type.BOOLEAN, false, Importance.LOW, HEARTBEAT_TOPIC_ENABLED_DOC,
                TOPICS_GROUP, ++order, Width.SHORT, HEARTBEAT_TOPIC_ENABLED_DISPLAY);
        def.define(EVENTS_SNAPSHOT_MAX_BYTES, Type.INT, 900_000, ConfigDef.Range.atLeast(0), Importance.LOW,
                EVENTS_SNAPSHOT_MAX_BYTES_DOC, TOPICS_GROUP, ++order, Width.SHORT, EVENTS_SNAPSHOT_MAX_BYTES_DISPLAY);

        order = 0;
        def.define(SNAPSHOT_MODE, Type.STRING, SnapshotMode.INITIAL.configValue(),
                ConfigDef.CaseInsensitiveValidString.in(Arrays.stream(SnapshotMode.values())
                        .map(SnapshotMode::configValue).toArray(String[]::new)),
                Importance.MEDIUM, SNAPSHOT_MODE_DOC, SNAPSHOT_GROUP, ++order, Width.SHORT, SNAPSHOT_MODE_DISPLAY,
                List.of(), new FixedRecommender(Arrays.stream(SnapshotMode.values())
                        .<Object>map(SnapshotMode::configValue).toList()));
        def.define(STREAM_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM, STREAM_ENABLED_DOC, SNAPSHOT_GROUP,
                ++order, Width.SHORT, STREAM_ENABLED_DISPLAY);
        def.define(STREAM_QUEUE_CAPACITY, Type.INT, 10_000, ConfigDef.Range.atLeast(2), Importance.LOW,
                STREAM_QUEUE_CAPACITY_DOC, SNAPSHOT_GROUP, ++order, Width.SHORT, STREAM_QUEUE_CAPACITY_DISPLAY);
        def.define(STREAM_QUEUE_FULL_TIMEOUT_MS, Type.LONG, 30_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
                STREAM_QUEUE_FULL_TIMEOUT_MS_DOC, SNAPSHOT_GROUP, ++order, Width.SHORT,
                STREAM_QUEUE_FULL_TIMEOUT_MS_DISPLAY);
        def.define(STREAM_BACKOFF_MS, Type.LONG, 500L, ConfigDef.Range.atLeast(1), Importance.LOW,
                STREAM_BACKOFF_MS_DOC, SNAPSHOT_GROUP, ++order, Width.SHORT, STREAM_BACKOFF_MS_DISPLAY);
        def.define(STREAM_BACKOFF_MAX_MS, Type.LONG, 30_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
                STREAM_BACKOFF_MAX_MS_DOC, SNAPSHOT_GROUP, ++order, Width.SHORT, STREAM_BACKOFF_MAX_MS_DISPLAY);
        def.define(RECOVERED_AGENT_TIMEOUT_MS, Type.LONG, 600_000L, ConfigDef.Range.atLeast(0), Importance.LOW,
                RECOVERED_AGENT_TIMEOUT_MS_DOC, SNAPSHOT_GROUP, ++order, Width.SHORT,
                RECOVERED_AGENT_TIMEOUT_MS_DISPLAY);
        def.define(READBACK_TIMEOUT_MS, Type.LONG, 120_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
                READBACK_TIMEOUT_MS_DOC, SNAPSHOT_GROUP, ++order, Width.SHORT, READBACK_TIMEOUT_MS_DISPLAY);
        def.define(MAX_BATCH_SIZE, Type.INT, 2_000, ConfigDef.Range.atLeast(1), Importance.LOW, MAX_BATCH_SIZE_DOC,
                SNAPSHOT_GROUP, ++order, Width.SHORT, MAX_BATCH_SIZE_DISPLAY);

        order = 0;
        def.define(POLL_JITTER_RATIO, Type.DOUBLE, 0.1, ConfigDef.Range.between(0.0, 0.9), Importance.LOW,
                POLL_JITTER_RATIO_DOC, POLL_GROUP, ++order, Width.SHORT, POLL_JITTER_RATIO_DISPLAY);
        def.define(POLL_CHANGES_ONLY, Type.BOOLEAN, true, Importance.MEDIUM, POLL_CHANGES_ONLY_DOC, POLL_GROUP,
                ++order, Width.SHORT, POLL_CHANGES_ONLY_DISPLAY);
        def.define(POLL_METRICS_TIMEOUT_MS, Type.LONG, 5_000L, ConfigDef.Range.atLeast(0), Importance.LOW,
                POLL_METRICS_TIMEOUT_MS_DOC, POLL_GROUP, ++order, Width.SHORT, POLL_METRICS_TIMEOUT_MS_DISPLAY);
        for (PolledCall call : PolledCall.values()) {
            def.define(call.intervalKey(), Type.LONG, call.defaultInterval().toMillis(), ConfigDef.Range.atLeast(0),
                    Importance.LOW, "Interval between two " + call + " calls; 0 disables them.", POLL_GROUP, ++order,
                    Width.SHORT, call + " interval (ms)");
        }

        def.defineInternal(TASK_INDEX, Type.INT, 0, Importance.LOW);
        def.defineInternal(TASK_STREAM, Type.BOOLEAN, true, Importance.LOW);
        def.defineInternal(TASK_GROUPS, Type.LIST, "", Importance.LOW);
        return def;
    }

    public String topicPrefix() {
        return getString(TOPIC_PREFIX);
    }

    public SnapshotMode snapshotMode() {
        return SnapshotMode.fromConfig(getString(SNAPSHOT_MODE));
    }

    public Duration duration(String key) {
        return Duration.ofMillis(getLong(key));
    }

    /** The polled calls enabled (interval above 0) in the given groups. */
    public Set<PolledCall> enabledCalls(Set<PollGroup> groups) {
        Set<PolledCall> calls = new LinkedHashSet<>();
        for (PolledCall call : PolledCall.values()) {
            if (groups.contains(call.group()) && getLong(call.intervalKey()) > 0) {
                calls.add(call);
            }
        }
        return calls;
    }

    /** Groups with at least one enabled call. */
    public Set<PollGroup> enabledGroups() {
        Set<PollGroup> groups = EnumSet.noneOf(PollGroup.class);
        for (PolledCall call : enabledCalls(EnumSet.allOf(PollGroup.class))) {
            groups.add(call.group());
        }
        return groups;
    }

    int taskIndex() {
        return getInt(TASK_INDEX);
    }

    boolean taskHoldsStream() {
        return getBoolean(TASK_STREAM) && getBoolean(STREAM_ENABLED);
    }

    Set<PollGroup> taskGroups() {
        Set<PollGroup> groups = EnumSet.noneOf(PollGroup.class);
        for (String group : getList(TASK_GROUPS)) {
            if (!group.isBlank()) {
                groups.add(PollGroup.fromConfig(group));
            }
        }
        return groups;
    }

    /** A recommender offering a fixed list of values. */
    private record FixedRecommender(List<Object> values) implements ConfigDef.Recommender {
        @Override
        public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
            return values;
        }

        @Override
        public boolean visible(String name, Map<String, Object> parsedConfig) {
            return true;
        }
    }
}
