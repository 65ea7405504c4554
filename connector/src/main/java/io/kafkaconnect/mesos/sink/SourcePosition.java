package io.kafkaconnect.mesos.sink;

import org.apache.kafka.connect.sink.SinkRecord;

/** The topic, partition and offset a command was consumed from. */
public record SourcePosition(String topic, int partition, long offset) {

    public static SourcePosition of(SinkRecord record) {
        String topic = record.originalTopic() != null ? record.originalTopic() : record.topic();
        Integer partition = record.originalKafkaPartition() != null ? record.originalKafkaPartition()
                : record.kafkaPartition();
        return new SourcePosition(topic, partition == null ? -1 : partition, record.originalKafkaOffset());
    }

    /** The id used when a command carries none: {@code topic-partition-offset}, stable across replays. */
    public String asCommandId() {
        return topic + "-" + partition + "-" + offset;
    }
}
