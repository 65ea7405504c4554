package io.kafkaconnect.mesos.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kafkaconnect.mesos.codec.Encoding;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Sends one operator call: follows 307/308 redirects itself (re-POSTing the same body with credentials), retries 503
 * with backoff, moves to the next master when a connection cannot be made, and retries I/O failures only for calls
 * that change nothing. Every non-2xx answer becomes a {@link MesosHttpException}.
 */
final class CallExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(CallExecutor.class);
    private static final long MAX_ERROR_BODY_BYTES = 64 * 1024;
    private static final String USER_AGENT = "kafka-connect-mesos";

    /** A successful answer: the body already read, or (for streams) the open response and its call. */
    record Exchange(URI endpoint, int status, String contentType, byte[] body, Response openResponse, Call call) {
    }

    private final MesosClientConfig config;
    private final MasterEndpoints endpoints;
    private final ScheduledExecutorService scheduler;
    private final Random random = new Random();

    CallExecutor(MesosClientConfig config, MasterEndpoints endpoints, ScheduledExecutorService scheduler) {
        this.config = config;
        this.endpoints = endpoints;
        this.scheduler = scheduler;
    }

    /**
     * @param http        the OkHttp client to use (per-call timeouts differ for streams)
     * @param callType    for errors and logs
     * @param body        the encoded call
     * @param idempotent  true for calls that change nothing: I/O failures after sending are retried
     * @param streaming   true to return the response open instead of reading the body
     */
    Exchange execute(OkHttpClient http, String callType, byte[] body, boolean idempotent, boolean streaming) {
        int attempt = 1;
        Set<URI> unreachable = new HashSet<>();
        URI target = endpoints.current();
        while (true) {
            Outcome outcome = followRedirects(http, callType, body, target, idempotent, streaming);
            if (outcome.exchange != null) {
                endpoints.answered(outcome.exchange.endpoint());
                return outcome.exchange;
            }
            if (attempt >= config.retry().maxAttempts()) {
                throw outcome.failure;
            }
            URI next = outcome.retryAt;
            boolean fresh = outcome.unreachable && unreachable.add(outcome.failedAt) && !unreachable.contains(next);
            if (!fresh) {
                pause(config.retry().delay(attempt, random), callType, outcome.failure);
            }
            LOG.info("Retrying {} at {} (attempt {} of {}) after: {}", callType, next, attempt + 1,
                    config.retry().maxAttempts(), outcome.failure.getMessage());
            attempt++;
            target = next;
        }
    }

    /** The result of one attempt: an exchange, or a retryable failure and where to retry. */
    private record Outcome(Exchange exchange, MesosException failure, URI failedAt, URI retryAt, boolean unreachable) {
        static Outcome success(Exchange exchange) {
            return new Outcome(exchange, null, null, null, false);
        }
    }

    private Outcome followRedirects(OkHttpClient http, String callType, byte[] body, URI start, boolean idempotent,
                                    boolean streaming) {
        URI url = start;
        Set<URI> visited = new HashSet<>();
        visited.add(url);
        int hops = 0;
        while (true) {
            SendTracker tracker = new SendTracker();
            Call call = http.newCall(request(url, body, tracker));
            Response response;
            byte[] bytes = null;
            try {
                response = executeWithHeadersTimeout(call, streaming);
                if (!streaming && response.isSuccessful()) {
                    try (ResponseBody responseBody = response.body()) {
                        bytes = responseBody == null ? new byte[0] : responseBody.bytes();
                    }
                }
            } catch (IOException e) {
                return ioFailure(callType, url, idempotent, tracker, e);
            }
            int status = response.code();
            if (status == 307 || status == 308) {
                String location = response.header("Location");
                response.close();
                URI next = resolveRedirect(callType, url, location);
                if (!visited.add(next)) {
                    throw new MesosRedirectException(callType + ": redirect loop at " + next + " (from " + url + ")");
                }
                if (++hops > config.maxRedirects()) {
                    throw new MesosRedirectException(callType + ": more than " + config.maxRedirects()
                            + " redirects, last to " + next);
                }
                LOG.debug("{} redirected from {} to {}", callType, url, next);
                url = next;
                continue;
            }
            if (response.isSuccessful()) {
                String contentType = response.header("Content-Type");
                return Outcome.success(new Exchange(url, status, contentType, bytes, streaming ? response : null,
                        call));
            }
            String text = errorText(response);
            MesosHttpException error = new MesosHttpException(status, text, callType, url);
            if (status == 503) {
                LOG.warn("{} at {}: master unavailable ({})", callType, url, text.strip());
                return new Outcome(null, error, url, url, false);
            }
            LOG.debug("{} at {} failed: HTTP {} {}", callType, url, status, text.strip());
            throw error;
        }
    }

    private Outcome ioFailure(String callType, URI url, boolean idempotent, SendTracker tracker, IOException e) {
        boolean sent = tracker.requestStarted();
        if (sent && !idempotent) {
            LOG.warn("{} at {}: I/O failure after the request was sent; the call is in doubt: {}", callType, url,
                    e.toString());
            throw new MesosConnectionException(callType + " to " + url + " may or may not have been applied: "
                    + e.getMessage(), e, true);
        }
        MesosConnectionException failure = new MesosConnectionException(callType + " to " + url + " failed: "
                + e, e, false);
        if (sent) {
            LOG.warn("{} at {}: I/O failure ({}); the call changes nothing and will be retried", callType, url,
                    e.toString());
            return new Outcome(null, failure, url, url, false);
        }
        URI next = endpoints.failed(url);
        LOG.warn("{}: cannot connect to {} ({}); next master to try: {}", callType, url, e.toString(), next);
        return new Outcome(null, failure, url, next, true);
    }

    /** Waits for the response headers at most {@code requestTimeout} (streams have no overall call timeout). */
    private Response executeWithHeadersTimeout(Call call, boolean streaming) throws IOException {
        if (!streaming) {
            return call.execute();
        }
        AtomicBoolean settled = new AtomicBoolean();
        ScheduledFuture<?> timeout = scheduler.schedule(() -> {
            if (settled.compareAndSet(false, true)) {
                call.cancel();
            }
        }, config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        Response response;
        try {
            response = call.execute();
        } catch (IOException e) {
            throw settled.compareAndSet(false, true) ? e : headersTimeout(e);
        } finally {
            timeout.cancel(false);
        }
        if (!settled.compareAndSet(false, true)) {
            response.close();
            throw headersTimeout(null);
        }
        return response;
    }

    private IOException headersTimeout(IOException cause) {
        InterruptedIOException timedOut = new InterruptedIOException("no response headers within "
                + config.requestTimeout());
        if (cause != null) {
            timedOut.initCause(cause);
        }
        return timedOut;
    }

    private Request request(URI url, byte[] body, SendTracker tracker) {
        Encoding encoding = config.encoding();
        Request.Builder builder = new Request.Builder()
                .url(url.toString())
                // A null media type keeps OkHttp from adding "; charset=utf-8", which Mesos answers with 415.
                .post(RequestBody.create(body, null))
                .header("Content-Type", encoding.mediaType())
                .header("Accept", encoding.mediaType())
                .header("User-Agent", USER_AGENT)
                .tag(SendTracker.class, tracker);
        config.auth().authorizationHeader().ifPresent(value -> builder.header("Authorization", value));
        return builder.build();
    }

    /** Resolves a Location (Mesos sends {@code //host:port/master/api/v1}) against the URL that answered. */
    private static URI resolveRedirect(String callType, URI from, String location) {
        if (location == null || location.isBlank()) {
            throw new MesosRedirectException(callType + ": redirect from " + from + " without a Location header");
        }
        URI next;
        try {
            next = from.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw new MesosRedirectException(callType + ": unusable redirect Location '" + location + "' from "
                    + from);
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (next.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new MesosRedirectException(callType + ": unusable redirect Location '" + location + "' from "
                    + from);
        }
        if (from.getScheme().equalsIgnoreCase("https") && scheme.equals("http")) {
            throw new MesosRedirectException(callType + ": refusing to follow a redirect from " + from + " to "
                    + next + " (https to http downgrade)");
        }
        return next;
    }

    private static String errorText(Response response) {
        try (response) {
            return response.body() == null ? "" : response.peekBody(MAX_ERROR_BODY_BYTES).string();
        } catch (IOException e) {
            return "(error body unreadable: " + e.getMessage() + ")";
        }
    }

    private static void pause(Duration delay, String callType, MesosException cause) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            MesosConnectionException interrupted = new MesosConnectionException(callType
                    + ": interrupted while waiting to retry", e, false);
            interrupted.addSuppressed(cause);
            throw interrupted;
        }
    }
}
