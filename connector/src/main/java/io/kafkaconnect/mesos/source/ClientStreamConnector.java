package io.kafkaconnect.mesos.source;

import java.io.IOException;

import io.kafkaconnect.mesos.client.EventStream;
import io.kafkaconnect.mesos.client.MesosClient;
import io.kafkaconnect.mesos.client.MesosConnectionException;
import io.kafkaconnect.mesos.client.MesosEvent;
import io.kafkaconnect.mesos.client.MesosHttpException;
import io.kafkaconnect.mesos.client.RecordIoException;
import io.kafkaconnect.mesos.client.StreamStalledException;
import io.kafkaconnect.mesos.client.SubscribedRecord;
import io.kafkaconnect.mesos.client.snapshot.SnapshotEntity;
import io.kafkaconnect.mesos.client.snapshot.SnapshotFormatException;
import io.kafkaconnect.mesos.codec.Encoding;
import io.kafkaconnect.mesos.source.stream.DisconnectReason;
import io.kafkaconnect.mesos.source.stream.StreamConnection;
import io.kafkaconnect.mesos.source.stream.StreamConnector;
import io.kafkaconnect.mesos.source.stream.StreamEvent;
import io.kafkaconnect.mesos.source.stream.SubscribedSnapshot;

/** Opens SUBSCRIBE streams with the {@link MesosClient} (which follows redirects and retries 503). */
final class ClientStreamConnector implements StreamConnector {

    private final MesosClient client;
    private final MasterIdentity identity;
    private final long keepSnapshotWholeUpTo;

    /**
     * @param keepSnapshotWholeUpTo a SUBSCRIBED record up to this size is read whole (and archived with its
     *                              {@code get_state}); a larger one is read entity by entity
     */
    ClientStreamConnector(MesosClient client, MasterIdentity identity, long keepSnapshotWholeUpTo) {
        this.client = client;
        this.identity = identity;
        this.keepSnapshotWholeUpTo = keepSnapshotWholeUpTo;
    }

    @Override
    public StreamConnection open() {
        EventStream stream = client.subscribe();
        String masterId;
        try {
            masterId = identity.idOf(stream.master());
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
        return new StreamConnection() {
            @Override
            public SubscribedSnapshot subscribed() {
                SubscribedRecord record = stream.subscribed(keepSnapshotWholeUpTo);
                return record == null ? null : new SubscribedSnapshot() {
                    @Override
                    public SnapshotEntity next() {
                        return record.next();
                    }

                    @Override
                    public StreamEvent event() {
                        return new StreamEvent(record.type(), record.json(), record.raw(),
                                record.encoding() == Encoding.JSON, (int) Math.min(Integer.MAX_VALUE,
                                record.sizeBytes()), record.receivedAtMillis());
                    }
                };
            }

            @Override
            public StreamEvent next() {
                MesosEvent event = stream.next();
                if (event == null) {
                    return null;
                }
                return new StreamEvent(event.type(), event.json(), event.raw(), event.encoding() == Encoding.JSON,
                        event.sizeBytes(), event.receivedAtMillis());
            }

            @Override
            public String master() {
                return stream.master().toString();
            }

            @Override
            public String masterId() {
                return masterId;
            }

            @Override
            public long bytesReceived() {
                return stream.bytesReceived();
            }

            @Override
            public void close() {
                stream.close();
            }
        };
    }

    /** Why a stream failed, for the reconnect metrics. */
    static DisconnectReason classify(Throwable failure) {
        if (failure instanceof StreamStalledException) {
            return DisconnectReason.STALLED;
        }
        if (failure instanceof RecordIoException || failure instanceof SnapshotFormatException) {
            return DisconnectReason.BAD_FRAME;
        }
        if (failure instanceof MesosHttpException) {
            return DisconnectReason.HTTP_ERROR;
        }
        if (failure instanceof MesosConnectionException || failure instanceof IOException) {
            return DisconnectReason.CONNECTION;
        }
        return DisconnectReason.OTHER;
    }
}
