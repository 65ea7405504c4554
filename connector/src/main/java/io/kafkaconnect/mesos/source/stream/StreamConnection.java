package io.kafkaconnect.mesos.source.stream;

/** One open SUBSCRIBE stream. */
public interface StreamConnection extends AutoCloseable {

    /** Blocks for the next event; null at a clean end of stream. Throws whatever the client throws. */
    StreamEvent next() throws Exception;

    /**
     * Reads the first record, which a master always makes the SUBSCRIBED snapshot. Connections that can read it entity
     * by entity override this; by default it is read whole with {@link #next()}.
     *
     * @return the record, or null at a clean end of stream
     */
    default SubscribedSnapshot subscribed() throws Exception {
        StreamEvent first = next();
        return first == null ? null : SubscribedSnapshot.whole(first);
    }

    /** The master serving this stream. */
    String master();

    /** The serving master's {@code MasterInfo.id}, or null if unknown. */
    default String masterId() {
        return null;
    }

    /** Bytes received so far on this stream, or -1 if unknown. */
    default long bytesReceived() {
        return -1;
    }

    /** Closes the stream; unblocks a pending {@link #next()}. Never throws. */
    @Override
    void close();
}
