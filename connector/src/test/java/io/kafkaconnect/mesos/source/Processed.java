package io.kafkaconnect.mesos.source;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.connect.source.SourceRecord;

import io.kafkaconnect.mesos.source.stream.StreamItem;

/** What the task gets for one item in the tests: its records, then a finishing snapshot's backlog, as poll() takes it. */
final class Processed {

    private Processed() {
    }

    static List<SourceRecord> all(StreamProcessor processor, StreamItem item) {
        List<SourceRecord> records = new ArrayList<>(processor.handle(item));
        while (processor.hasBacklog()) {
            records.addAll(processor.backlog(2));
        }
        return records;
    }
}
