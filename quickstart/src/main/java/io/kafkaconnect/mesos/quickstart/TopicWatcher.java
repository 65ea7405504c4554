package io.kafkaconnect.mesos.quickstart;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every topic under the prefix and shows what flows in: one sample record per topic the first time it is seen,
 * then a one-line progress summary (records per topic) every couple of seconds.
 */
final class TopicWatcher implements Runnable, AutoCloseable {

    private static final int SAMPLE_CHARS = 600;

    private final KafkaConsumer<String, String> consumer;
    private final Pattern topics;
    private final PrintStream out;
    private final Map<String, Long> counts = new TreeMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);

    TopicWatcher(String bootstrapServers, String topicPrefix, PrintStream out) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "quickstart-watcher");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "2000");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        this.topics = Pattern.compile(Pattern.quote(topicPrefix) + "\\..*");
        this.out = out;
    }

    /** Records seen so far on {@code topic}. */
    synchronized long count(String topic) {
        return counts.getOrDefault(topic, 0L);
    }

    @Override
    public void run() {
        consumer.subscribe(topics);
        long nextSummary = System.currentTimeMillis() + 2000;
        try {
            while (running.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record(record) == 1) {
                        out.printf("%n  sample from %s  key=%s%n    %s%n", record.topic(), record.key(),
                                abbreviate(record.value()));
                    }
                }
                if (System.currentTimeMillis() >= nextSummary) {
                    out.println("  records so far: " + summary());
                    nextSummary = System.currentTimeMillis() + 2000;
                }
            }
        } catch (WakeupException stopping) {
            // close() was called
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private synchronized long record(ConsumerRecord<String, String> record) {
        return counts.merge(record.topic(), 1L, Long::sum);
    }

    private synchronized String summary() {
        StringBuilder line = new StringBuilder();
        counts.forEach((topic, n) -> line.append(topic.substring(topic.indexOf('.') + 1)).append('=').append(n).append("  "));
        return line.length() == 0 ? "(waiting for the first records)" : line.toString().trim();
    }

    private static String abbreviate(String value) {
        if (value == null) {
            return "null (tombstone)";
        }
        return value.length() <= SAMPLE_CHARS ? value : value.substring(0, SAMPLE_CHARS) + " ...";
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
    }
}
