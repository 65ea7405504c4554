package io.kafkaconnect.mesos.client;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import org.apache.mesos.v1.master.Protos.Response;

import com.fasterxml.jackson.databind.JsonNode;

import io.kafkaconnect.mesos.codec.Decoded;
import io.kafkaconnect.mesos.codec.Encoding;
import io.kafkaconnect.mesos.codec.MesosJson;
import io.kafkaconnect.mesos.codec.MesosProto;

/**
 * A successful (2xx) answer to an operator call. Write calls usually answer 200 or 202 with an empty body. The typed
 * and tree views are computed on first use.
 */
public final class ApiResponse {

    private final int status;
    private final Encoding encoding;
    private final byte[] body;
    private final URI master;
    private volatile Decoded<Response> decoded;
    private volatile JsonNode json;

    public ApiResponse(int status, Encoding encoding, byte[] body, URI master) {
        this.status = status;
        this.encoding = encoding;
        this.body = body;
        this.master = master;
    }

    public int status() {
        return status;
    }

    /** The encoding of {@link #body()}, from the response's Content-Type. */
    public Encoding encoding() {
        return encoding;
    }

    /** The body exactly as received. Do not modify. */
    public byte[] body() {
        return body;
    }

    public boolean hasBody() {
        return body.length > 0;
    }

    /** The master that answered ({@code scheme://host:port}). */
    public URI master() {
        return master;
    }

    /**
     * The body as a typed Response, decoded leniently. For an empty body the value is null and the failure says so
     * (writes answer with no body).
     */
    public Decoded<Response> decoded() {
        Decoded<Response> result = decoded;
        if (result == null) {
            if (body.length == 0) {
                result = Decoded.failed("empty response body (HTTP " + status + ")", List.of());
            } else if (encoding == Encoding.PROTOBUF) {
                result = MesosProto.fromBytes(body, Response.getDefaultInstance());
            } else {
                result = MesosJson.fromJson(json(), Response.getDefaultInstance());
            }
            decoded = result;
        }
        return result;
    }

    /**
     * The body as a Mesos-JSON tree (protobuf bodies are converted). An empty body gives an empty object; a body
     * that cannot be read gives {@link MesosException}.
     */
    public JsonNode json() {
        JsonNode result = json;
        if (result == null) {
            result = toTree();
            json = result;
        }
        return result;
    }

    private JsonNode toTree() {
        if (body.length == 0) {
            return MesosJson.mapper().createObjectNode();
        }
        if (encoding == Encoding.PROTOBUF) {
            Decoded<Response> typed = decoded();
            if (!typed.ok()) {
                throw new MesosException("cannot read the protobuf response from " + master + ": " + typed.failure());
            }
            return MesosJson.toTree(typed.value());
        }
        try {
            return MesosJson.mapper().readTree(body);
        } catch (IOException e) {
            throw new MesosException("cannot read the JSON response from " + master + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ApiResponse[status=" + status + ", encoding=" + encoding + ", bytes=" + body.length + ", master="
                + master + "]";
    }
}
