package io.kafkaconnect.mesos.sink;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.utils.Time;

/**
 * The sink task's JMX metrics, registered under the domain {@code kafka.connect.mesos}:
 * <ul>
 *   <li>{@code type=sink-command-metrics,connector=C,task=T,call-type=X,outcome=S}: {@code command-total}</li>
 *   <li>{@code type=sink-task-metrics,connector=C,task=T}: {@code retry-total}, {@code call-latency-avg},
 *       {@code call-latency-max} (ms), {@code ledger-lag}, {@code dlq-total}</li>
 *   <li>{@code type=sink-in-doubt-metrics,connector=C,task=T,resolution=R}: {@code in-doubt-resolution-total}</li>
 * </ul>
 */
public final class SinkMetrics implements AutoCloseable {

    public static final String DOMAIN = "kafka.connect.mesos";
    static final String TASK_GROUP = "sink-task-metrics";
    static final String COMMAND_GROUP = "sink-command-metrics";
    static final String IN_DOUBT_GROUP = "sink-in-doubt-metrics";

    private final Metrics metrics;
    private final Map<String, String> tags;
    private final Sensor retries;
    private final Sensor latency;
    private final Sensor dlq;
    private final Map<String, Sensor> lazySensors = new ConcurrentHashMap<>();

    public SinkMetrics(String connector, int task) {
        this(new Metrics(new MetricConfig(), List.of(new JmxReporter()), Time.SYSTEM,
                new KafkaMetricsContext(DOMAIN)), connector, task);
    }

    SinkMetrics(Metrics metrics, String connector, int task) {
        this.metrics = metrics;
        this.tags = new LinkedHashMap<>();
        tags.put("connector", connector);
        tags.put("task", Integer.toString(task));
        retries = metrics.sensor("retries");
        retries.add(name("retry-total", TASK_GROUP, "Calls retried after a retryable failure", tags),
                new CumulativeCount());
        latency = metrics.sensor("call-latency");
        latency.add(name("call-latency-avg", TASK_GROUP, "Average operator call latency in ms", tags), new Avg());
        latency.add(name("call-latency-max", TASK_GROUP, "Maximum operator call latency in ms", tags), new Max());
        dlq = metrics.sensor("dlq");
        dlq.add(name("dlq-total", TASK_GROUP, "Commands reported to the dead-letter queue", tags),
                new CumulativeCount());
    }

    private MetricName name(String name, String group, String doc, Map<String, String> tagSet) {
        return metrics.metricName(name, group, doc, tagSet);
    }

    /** Registers the ledger's read-back lag as a gauge. */
    public void ledgerLag(LongSupplier lag) {
        MetricName n = name("ledger-lag", TASK_GROUP, "Ledger records not yet read back by this task", tags);
        metrics.addMetric(n, (Gauge<Long>) (config, now) -> lag.getAsLong());
    }

    public void commandFinished(String callType, CommandState outcome) {
        String type = callType == null ? "UNPARSED" : callType;
        sensor("command:" + type + ":" + outcome, () -> {
            Map<String, String> t = new LinkedHashMap<>(tags);
            t.put("call-type", type);
            t.put("outcome", outcome.name());
            return name("command-total", COMMAND_GROUP, "Commands by call type and final outcome", t);
        }).record();
    }

    public void inDoubtResolved(String resolution) {
        sensor("in-doubt:" + resolution, () -> {
            Map<String, String> t = new LinkedHashMap<>(tags);
            t.put("resolution", resolution);
            return name("in-doubt-resolution-total", IN_DOUBT_GROUP, "In-doubt commands resolved, by resolution", t);
        }).record();
    }

    public void retried() {
        retries.record();
    }

    public void callLatency(long ms) {
        latency.record(ms);
    }

    public void reportedToDlq() {
        dlq.record();
    }

    private Sensor sensor(String key, java.util.function.Supplier<MetricName> metricName) {
        return lazySensors.computeIfAbsent(key, k -> {
            Sensor s = metrics.sensor(k + ":" + tags);
            s.add(metricName.get(), new CumulativeCount());
            return s;
        });
    }

    /** The current value of a metric, for tests and logs. */
    double value(String name, String group, Map<String, String> extraTags) {
        Map<String, String> t = new LinkedHashMap<>(tags);
        t.putAll(extraTags);
        var metric = metrics.metric(metrics.metricName(name, group, "", t));
        return metric == null ? 0 : ((Number) metric.metricValue()).doubleValue();
    }

    @Override
    public void close() {
        metrics.close();
    }
}
