package io.kafkaconnect.mesos.source.stream;

/** Observes the reader (for metrics); called on the reader thread, must not block. */
public interface StreamListener {

    void connected(String master);

    void disconnected(DisconnectReason reason);

    void received(StreamEvent event);

    StreamListener NONE = new StreamListener() {
        @Override
        public void connected(String master) {
        }

        @Override
        public void disconnected(DisconnectReason reason) {
        }

        @Override
        public void received(StreamEvent event) {
        }
    };
}
