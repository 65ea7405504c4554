package io.kafkaconnect.mesos.client;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.mesos.v1.master.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.kafkaconnect.mesos.codec.Encoding;
import io.kafkaconnect.mesos.codec.MesosJson;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * Client for the Mesos v1 operator API ({@code POST /api/v1} on a master). Thread-safe: one instance serves
 * concurrent calls and streams.
 *
 * <ul>
 *   <li>Calls are sent in the configured encoding with the exact Content-Type Mesos requires.</li>
 *   <li>Redirects to the leader are followed here (same body, credentials re-applied, no https to http), 503 is
 *       retried with backoff, an unreachable master makes the client try the next configured one.</li>
 *   <li>Writes are never repeated once any of the request may have been sent: such a failure is reported as
 *       {@link MesosConnectionException#inDoubt()}.</li>
 * </ul>
 */
public final class MesosClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MesosClient.class);

    private final MesosClientConfig config;
    private final MasterEndpoints endpoints;
    private final OkHttpClient http;
    private final OkHttpClient writeHttp;
    private final OkHttpClient streamHttp;
    private final ScheduledExecutorService scheduler;
    private final CallExecutor executor;
    private final Object versionLock = new Object();
    private volatile URI lastMaster;
    private MesosVersion cachedVersion;
    private URI cachedVersionMaster;

    public MesosClient(MesosClientConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.endpoints = new MasterEndpoints(config.masterUrls());
        this.http = HttpClients.create(config);
        // Writes never reuse a pooled connection: a keep-alive socket the master closed while idle would otherwise
        // fail after the request was written and leave the write "in doubt" although the master never saw it.
        this.writeHttp = http.newBuilder().connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS)).build();
        // A stream has no overall or per-read timeout: the watchdog decides when it is dead.
        this.streamHttp = http.newBuilder().readTimeout(Duration.ZERO).callTimeout(Duration.ZERO).build();
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "mesos-client-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        timers.setRemoveOnCancelPolicy(true);
        this.scheduler = Executors.unconfigurableScheduledExecutorService(timers);
        this.executor = new CallExecutor(config, endpoints, scheduler);
    }

    /**
     * Sends any call except SUBSCRIBE and returns the 2xx answer. GET_METRICS gets an empty {@code get_metrics} if
     * the caller set none (Mesos rejects it otherwise).
     *
     * @throws MesosHttpException       for a non-2xx answer
     * @throws MesosConnectionException when no answer came back
     * @throws MesosRedirectException   when a redirect cannot be followed
     */
    public ApiResponse call(Call call) {
        Objects.requireNonNull(call, "call");
        if (call.getType() == Call.Type.SUBSCRIBE) {
            throw new IllegalArgumentException("use subscribe() for SUBSCRIBE");
        }
        Call effective = call;
        if (call.getType() == Call.Type.GET_METRICS && !call.hasGetMetrics()) {
            effective = call.toBuilder().setGetMetrics(Call.GetMetrics.getDefaultInstance()).build();
        }
        String type = typeName(effective);
        boolean readOnly = isReadOnly(effective);
        CallExecutor.Exchange exchange = executor.execute(readOnly ? http : writeHttp, type, encode(effective),
                readOnly, false);
        URI master = answeredBy(exchange.endpoint());
        LOG.debug("{} answered by {}: HTTP {}, {} bytes", type, master, exchange.status(), exchange.body().length);
        return new ApiResponse(exchange.status(), encodingOf(exchange.contentType()), exchange.body(), master);
    }

    /** Opens the SUBSCRIBE event stream on the leading master, in the configured encoding. */
    public EventStream subscribe() {
        Call subscribe = Call.newBuilder().setType(Call.Type.SUBSCRIBE).build();
        CallExecutor.Exchange exchange = executor.execute(streamHttp, "SUBSCRIBE", encode(subscribe), true, true);
        URI master = answeredBy(exchange.endpoint());
        Encoding streamEncoding = encodingOf(exchange.contentType());
        LOG.info("SUBSCRIBE stream opened on {} ({})", master, streamEncoding);
        return new HttpEventStream(exchange.call(), exchange.openResponse(), master, streamEncoding, config,
                scheduler);
    }

    /** The leading master's version (GET_VERSION), cached until another master answers. */
    public MesosVersion masterVersion() {
        synchronized (versionLock) {
            URI current = lastMaster;
            if (cachedVersion != null && Objects.equals(current, cachedVersionMaster)) {
                return cachedVersion;
            }
        }
        ApiResponse response = call(Call.newBuilder().setType(Call.Type.GET_VERSION).build());
        JsonNode version = response.json().path("get_version").path("version_info").path("version");
        if (!version.isTextual()) {
            throw new MesosException("GET_VERSION answer from " + response.master() + " has no version_info.version");
        }
        MesosVersion parsed;
        try {
            parsed = MesosVersion.parse(version.asText());
        } catch (IllegalArgumentException e) {
            throw new MesosException("GET_VERSION answer from " + response.master() + ": " + e.getMessage(), e);
        }
        synchronized (versionLock) {
            cachedVersion = parsed;
            cachedVersionMaster = response.master();
        }
        LOG.info("Master {} runs Mesos {}", response.master(), parsed);
        return parsed;
    }

    /** True if the leading master's version has {@code feature}. */
    public boolean supports(MesosFeature feature) {
        return feature.supportedBy(masterVersion());
    }

    /** Throws {@link MesosVersionException} unless the leading master's version has {@code feature}. */
    public void require(MesosFeature feature) {
        MesosVersion version = masterVersion();
        if (!feature.supportedBy(version)) {
            throw new MesosVersionException(feature, version);
        }
    }

    /** The master that last answered ({@code scheme://host:port}), or the first configured one before any call. */
    public URI currentMaster() {
        URI master = lastMaster;
        return master != null ? master : MasterEndpoints.baseOf(endpoints.current());
    }

    public MesosClientConfig config() {
        return config;
    }

    private URI answeredBy(URI endpoint) {
        URI master = MasterEndpoints.baseOf(endpoint);
        URI previous = lastMaster;
        if (previous != null && !previous.equals(master)) {
            LOG.info("Now talking to master {} (was {})", master, previous);
        }
        lastMaster = master;
        return master;
    }

    private byte[] encode(Call call) {
        return config.encoding() == Encoding.PROTOBUF ? call.toByteArray() : MesosJson.toJsonBytes(call);
    }

    private static String typeName(Call call) {
        return call.hasType() ? call.getType().name() : "UNKNOWN";
    }

    /** Calls that change nothing on the master and so may be repeated after an I/O failure. */
    static boolean isReadOnly(Call call) {
        return switch (call.getType()) {
            case LIST_FILES, READ_FILE -> true;
            default -> call.getType().name().startsWith("GET_");
        };
    }

    private Encoding encodingOf(String contentType) {
        if (contentType == null) {
            return config.encoding();
        }
        String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return media.equals(Encoding.PROTOBUF.mediaType()) ? Encoding.PROTOBUF : Encoding.JSON;
    }

    /** Cancels open streams' timers and releases connections. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        writeHttp.connectionPool().evictAll();
        try {
            scheduler.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
