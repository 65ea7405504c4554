package io.kafkaconnect.mesos.sink;

/** Publishes result records. {@link #publish} returns once the record is durable, or throws. */
public interface ResultPublisher extends AutoCloseable {

    /**
     * @throws ResultPublishException when the record could not be written; the command is then consumed again
     */
    void publish(ResultRecord result);

    @Override
    void close();
}
