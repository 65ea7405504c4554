package io.kafkaconnect.mesos.client;

import java.net.URI;

/**
 * The master answered with a non-2xx status (after redirects and retries). {@link #body()} is the master's plain-text
 * explanation, e.g. {@code Failed to validate master::Call: Expecting 'get_metrics' to be present}.
 */
public class MesosHttpException extends MesosException {

    /** What a status means for the caller. */
    public enum Kind {
        VALIDATION, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, METHOD_NOT_ALLOWED, NOT_ACCEPTABLE, CONFLICT,
        UNSUPPORTED_MEDIA_TYPE, NOT_IMPLEMENTED, UNAVAILABLE, SERVER_ERROR, OTHER;

        /** Maps an HTTP status to its kind. */
        public static Kind of(int status) {
            return switch (status) {
                case 400 -> VALIDATION;
                case 401 -> UNAUTHORIZED;
                case 403 -> FORBIDDEN;
                case 404 -> NOT_FOUND;
                case 405 -> METHOD_NOT_ALLOWED;
                case 406 -> NOT_ACCEPTABLE;
                case 409 -> CONFLICT;
                case 415 -> UNSUPPORTED_MEDIA_TYPE;
                case 501 -> NOT_IMPLEMENTED;
                case 503 -> UNAVAILABLE;
                default -> status >= 500 && status <= 599 ? SERVER_ERROR : OTHER;
            };
        }
    }

    private static final int MAX_MESSAGE_BODY_CHARS = 500;

    private final int status;
    private final String body;
    private final String callType;
    private final URI url;

    public MesosHttpException(int status, String body, String callType, URI url) {
        super(callType + " to " + url + " failed: HTTP " + status + (body == null || body.isEmpty() ? ""
                : ": " + abbreviate(body)));
        this.status = status;
        this.body = body == null ? "" : body;
        this.callType = callType;
        this.url = url;
    }

    private static String abbreviate(String text) {
        String trimmed = text.strip();
        return trimmed.length() <= MAX_MESSAGE_BODY_CHARS ? trimmed
                : trimmed.substring(0, MAX_MESSAGE_BODY_CHARS) + "...";
    }

    public int status() {
        return status;
    }

    /** The master's response body as text (empty if none). */
    public String body() {
        return body;
    }

    /** The call type name, e.g. {@code RESERVE_RESOURCES}. */
    public String callType() {
        return callType;
    }

    /** The URL that gave this answer. */
    public URI url() {
        return url;
    }

    public Kind kind() {
        return Kind.of(status);
    }
}
