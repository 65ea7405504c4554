package io.kafkaconnect.mesos.source;

import java.io.IOException;

import io.kafkaconnect.mesos.client.EventStream;
import io.kafkaconnect.mesos.client.MesosClient;
import io.kafkaconnect.mesos.client.MesosConnectionException;
import io.kafkaconnect.mesos.client.MesosEvent;
import io.kafkaconnect.mesos.client.MesosHttpException;
import io.kafkaconnect.mesos.client.RecordIoException;
import io.kafkaconnect.mesos.client.StreamStalledException;
import io.kafkaconnect.mesos.codec.Encoding;
import io.kafkaconnect.mesos.source.stream.DisconnectReason;
import io.kafkaconnect.mesos.source.stream.StreamConnection;
import io.kafkaconnect.mesos.source.stream.StreamConnector;
import io.kafkaconnect.mesos.source.stream.StreamEvent;

/** Opens SUBSCRIBE streams with the {@link MesosClient} (which follows redirects and retries 503). */
final class ClientStreamConnector implements StreamConnector {

    private final MesosClient client;
    private final MasterIdentity identity;

    ClientStreamConnector(MesosClient client, MasterIdentity identity) {
        this.client = client;
        this.identity = identity;
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
        if (failure instanceof RecordIoException) {
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
