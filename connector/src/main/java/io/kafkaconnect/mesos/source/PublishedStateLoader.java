package io.kafkaconnect.mesos.source;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kafkaconnect.mesos.source.state.ContentDigest;
import io.kafkaconnect.mesos.source.state.EntityKind;
import io.kafkaconnect.mesos.source.state.EntityRef;
import io.kafkaconnect.mesos.source.state.PublishedEntry;
import io.kafkaconnect.mesos.source.state.PublishedState;

/**
 * Rebuilds {@link PublishedState} at task start by reading the compacted entity topics from the beginning to their
 * current end, committed records only. Keys and digests come from the {@code mesos.key} / {@code mesos.digest}
 * headers, so any key or value converter works; the header converter must write strings as plain text (Connect's
 * default {@code SimpleHeaderConverter} and {@code StringConverter} do; a JSON-quoted string is also understood).
 */
final class PublishedStateLoader {

    private static final Logger log = LoggerFactory.getLogger(PublishedStateLoader.class);

    private final Map<String, Object> clientProps;
    private final Duration timeout;

    PublishedStateLoader(Map<String, Object> clientProps, Duration timeout) {
        this.clientProps = clientProps;
        this.timeout = timeout;
    }

    /** Reads {@code topics} (topic -> kind) into {@code state}. */
    void load(Map<String, EntityKind> topics, PublishedState state) {
        if (topics.isEmpty()) {
            return;
        }
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        Instant deadline = Instant.now().plus(timeout);
        long start = System.nanoTime();
        int records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            Set<String> existing = consumer.listTopics(timeout).keySet();
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics.keySet()) {
                if (existing.contains(topic)) {
                    for (PartitionInfo info : consumer.partitionsFor(topic, timeout)) {
                        partitions.add(new TopicPartition(topic, info.partition()));
                    }
                }
            }
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
            end.entrySet().removeIf(e -> e.getValue() <= 0);
            while (!end.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new ConnectException("Reading back the entity topics took longer than " + timeout
                            + "; raise " + MesosSourceConnectorConfig.READBACK_TIMEOUT_MS);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(topics.get(record.topic()), record, state);
                    records++;
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
        }
        log.info("Read back {} records of {} in {} ms", records, topics.keySet(),
                (System.nanoTime() - start) / 1_000_000);
    }

    static void apply(EntityKind kind, ConsumerRecord<byte[], byte[]> record, PublishedState state) {
        String key = header(record, RecordHeaders.KEY);
        if (key == null) {
            key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        }
        if (key == null) {
            return;
        }
        EntityRef ref = new EntityRef(kind, key);
        if (record.value() == null) {
            state.remove(ref);
            return;
        }
        String digest = header(record, RecordHeaders.DIGEST);
        if (digest == null) {
            return; // a DELETE record (its tombstone follows) or a record this connector did not write
        }
        try {
            state.put(ref, new PublishedEntry(ContentDigest.fromHex(digest), header(record, RecordHeaders.AGENT_ID),
                    header(record, RecordHeaders.FRAMEWORK_ID)));
        } catch (NumberFormatException e) {
            log.warn("Ignoring a record of {} at offset {} with a malformed {} header", record.topic(),
                    record.offset(), RecordHeaders.DIGEST);
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        String text = new String(header.value(), StandardCharsets.UTF_8);
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        return text;
    }
}
