package io.kafkaconnect.mesos.sink;

/**
 * An HTTP answer to a write call.
 *
 * @param status the HTTP status
 * @param body   the body as text (Mesos error bodies are plain text); empty for success
 */
public record MasterReply(int status, String body) {

    public MasterReply {
        body = body == null ? "" : body;
    }
}
