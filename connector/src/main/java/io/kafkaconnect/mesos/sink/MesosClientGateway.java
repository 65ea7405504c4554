package io.kafkaconnect.mesos.sink;

import java.nio.charset.StandardCharsets;

import io.kafkaconnect.mesos.client.ApiResponse;
import io.kafkaconnect.mesos.client.MesosClient;
import io.kafkaconnect.mesos.client.MesosConnectionException;
import io.kafkaconnect.mesos.client.MesosException;
import io.kafkaconnect.mesos.client.MesosHttpException;
import io.kafkaconnect.mesos.client.MesosRedirectException;
import io.kafkaconnect.mesos.client.MesosVersion;
import io.kafkaconnect.mesos.codec.Decoded;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Response;

/** {@link MasterGateway} over the project's {@link MesosClient} (which follows 307 and retries 503 itself). */
final class MesosClientGateway implements MasterGateway, AutoCloseable {

    private final MesosClient client;

    MesosClientGateway(MesosClient client) {
        this.client = client;
    }

    @Override
    public MasterReply send(Call call) {
        try {
            ApiResponse response = client.call(call);
            return new MasterReply(response.status(), new String(response.body(), StandardCharsets.UTF_8));
        } catch (MesosHttpException e) {
            return new MasterReply(e.status(), e.body());
        } catch (MesosRedirectException e) {
            return new MasterReply(307, e.getMessage());
        } catch (MesosConnectionException e) {
            throw new MasterUnreachableException(e.getMessage(), e, e.inDoubt());
        }
    }

    @Override
    public Response query(Call call) {
        try {
            Decoded<Response> decoded = client.call(call).decoded();
            if (!decoded.ok()) {
                throw new MasterQueryException(call.getType() + " answer unreadable: " + decoded.failure(), null);
            }
            return decoded.value();
        } catch (MesosHttpException e) {
            throw new MasterQueryException(call.getType() + " failed: " + e.status() + " " + e.body(), e);
        } catch (MesosConnectionException e) {
            throw new MasterUnreachableException(e.getMessage(), e, false);
        } catch (MesosException e) {
            throw new MasterQueryException(call.getType() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public MesosVersion version() {
        return client.masterVersion();
    }

    @Override
    public void close() {
        client.close();
    }
}
