package io.kafkaconnect.mesos.sink;

import io.kafkaconnect.mesos.client.MesosVersion;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Response;

/**
 * The sink's view of the Mesos master: send a write, run a read, know the version. Redirects to the leader and the
 * transport's own 503 retries happen below this interface; everything the sink decides (retry, verify, give up)
 * happens above it.
 */
public interface MasterGateway {

    /**
     * Sends a write call.
     *
     * @return the master's answer, whatever its status
     * @throws MasterUnreachableException when no HTTP answer was received
     */
    MasterReply send(Call call);

    /**
     * Runs a read call (GET_AGENTS, GET_QUOTA, ...).
     *
     * @throws MasterUnreachableException when no HTTP answer was received
     * @throws MasterQueryException       when the master answered with an error or an unreadable body
     */
    Response query(Call call);

    /** The leader's version, or null when it is not known. */
    MesosVersion version();
}
