package io.kafkaconnect.mesos.source;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.mesos.v1.master.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kafkaconnect.mesos.client.MesosClient;
import io.kafkaconnect.mesos.client.MesosException;

/**
 * Learns the {@code MasterInfo.id} of the master that served a stream or a poll (one GET_MASTER per master URL), for
 * the {@code source} block. Thread-safe.
 */
final class MasterIdentity {

    private static final Logger log = LoggerFactory.getLogger(MasterIdentity.class);
    private static final Call GET_MASTER = Call.newBuilder().setType(Call.Type.GET_MASTER).build();

    private final MesosClient client;
    private final Map<URI, String> ids = new ConcurrentHashMap<>();

    MasterIdentity(MesosClient client) {
        this.client = client;
    }

    /** The id of the master at {@code master}, or null when it cannot be learned now. */
    String idOf(URI master) {
        if (master == null) {
            return null;
        }
        String known = ids.get(normalize(master));
        if (known != null) {
            return known;
        }
        try {
            var response = client.call(GET_MASTER);
            String id = response.json().path("get_master").path("master_info").path("id").asText(null);
            if (id != null) {
                ids.put(normalize(response.master()), id);
                if (normalize(response.master()).equals(normalize(master))) {
                    return id;
                }
            }
        } catch (MesosException e) {
            log.debug("Could not learn the id of master {}: {}", master, e.toString());
        }
        return ids.get(normalize(master));
    }

    private static URI normalize(URI uri) {
        return URI.create(uri.getScheme() + "://" + uri.getAuthority());
    }
}
