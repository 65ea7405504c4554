package io.kafkaconnect.mesos.sink;

import java.util.ArrayList;
import java.util.List;

/** Keeps published results in memory; can be told to fail. */
final class RecordingResults implements ResultPublisher {

    final List<ResultRecord> published = new ArrayList<>();
    int failNext;

    @Override
    public synchronized void publish(ResultRecord result) {
        if (failNext > 0) {
            failNext--;
            throw new ResultPublishException("result topic unavailable", null);
        }
        published.add(result);
    }

    synchronized ResultRecord last() {
        return published.get(published.size() - 1);
    }

    @Override
    public void close() {
    }
}
