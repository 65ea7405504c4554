package io.kafkaconnect.mesos.sink;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/** Publishes result records as JSON, keyed by command id, and waits for the acknowledgement. */
public final class KafkaResultPublisher implements ResultPublisher {

    private final String topic;
    private final Producer<byte[], byte[]> producer;
    private final Duration timeout;

    public KafkaResultPublisher(String topic, Producer<byte[], byte[]> producer, Duration timeout) {
        this.topic = topic;
        this.producer = producer;
        this.timeout = timeout;
    }

    @Override
    public void publish(ResultRecord result) {
        try {
            producer.send(new ProducerRecord<>(topic, result.commandId().getBytes(StandardCharsets.UTF_8),
                    ResultJson.toBytes(result))).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResultPublishException("interrupted publishing a result", e);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new ResultPublishException("could not publish the result of command " + result.commandId()
                    + " to " + topic, e instanceof ExecutionException ? e.getCause() : e);
        }
    }

    @Override
    public void close() {
    }
}
