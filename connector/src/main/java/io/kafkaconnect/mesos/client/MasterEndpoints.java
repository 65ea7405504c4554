package io.kafkaconnect.mesos.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code /api/v1} endpoints of the configured masters and which one to try next. The endpoint that last answered
 * (possibly a leader reached through a redirect and not in the configured list) is tried first; a connection failure
 * there moves on through the configured list.
 */
final class MasterEndpoints {

    private static final String API_PATH = "/api/v1";

    private final List<URI> configured;
    private int cursor;
    private URI preferred;

    MasterEndpoints(List<URI> masterUrls) {
        List<URI> endpoints = new ArrayList<>();
        for (URI url : masterUrls) {
            endpoints.add(endpointOf(url));
        }
        this.configured = List.copyOf(endpoints);
    }

    /** {@code http://h:5050} becomes {@code http://h:5050/api/v1}; a path ending in {@code /api/v1} is kept. */
    static URI endpointOf(URI url) {
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        if (path.endsWith(API_PATH)) {
            return url;
        }
        String base = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return URI.create(url.getScheme() + "://" + url.getRawAuthority() + base + API_PATH);
    }

    /** {@code scheme://host:port} of an endpoint. */
    static URI baseOf(URI endpoint) {
        return URI.create(endpoint.getScheme() + "://" + endpoint.getRawAuthority());
    }

    synchronized URI current() {
        return preferred != null ? preferred : configured.get(cursor);
    }

    /** Remembers the endpoint that answered, so the next call goes straight there. */
    synchronized void answered(URI endpoint) {
        preferred = endpoint;
    }

    /** The endpoint could not be reached: forget it and return the next one to try. */
    synchronized URI failed(URI endpoint) {
        if (preferred != null && preferred.equals(endpoint)) {
            preferred = null;
            if (!configured.get(cursor).equals(endpoint)) {
                return configured.get(cursor);
            }
        }
        if (configured.get(cursor).equals(endpoint)) {
            cursor = (cursor + 1) % configured.size();
        }
        return current();
    }

    List<URI> configured() {
        return configured;
    }
}
