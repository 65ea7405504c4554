package io.kafkaconnect.mesos.sink;

import java.util.Collection;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * Applies commands to the Mesos master. Each {@code put()} batch is processed synchronously (partitions in parallel,
 * commands of a partition in order); {@code preCommit} lets Connect commit only offsets of commands that reached a
 * reported final state; {@code open()} reads the ledger back so a command another worker left PENDING is resolved.
 */
public class MesosSinkTask extends SinkTask {

    private SinkRuntime runtime;

    @Override
    public String version() {
        return MesosSinkConnector.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        runtime = new SinkRuntime(props, context);
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        runtime.ledger().refresh();
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        if (!records.isEmpty()) {
            runtime.batch().run(records);
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        return runtime.batch().committable(offsets);
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        if (runtime != null) {
            runtime.batch().forget(partitions);
        }
    }

    @Override
    public void stop() {
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
    }
}
