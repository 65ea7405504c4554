package io.kafkaconnect.mesos.source.stream;

/** Opens a SUBSCRIBE stream on the current leader (following redirects, retrying 503 as the client does). */
@FunctionalInterface
public interface StreamConnector {
    StreamConnection open() throws Exception;
}
