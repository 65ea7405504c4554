package io.kafkaconnect.mesos.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.kafkaconnect.mesos.codec.Encoding;

/**
 * Everything {@link MesosClient} needs: the masters to try, the wire encoding, credentials, TLS, timeouts, retries and
 * the event stream's limits. Immutable; build with {@link #builder()}.
 */
public final class MesosClientConfig {

    /** 64 MiB: a single event larger than this is treated as a broken stream. */
    public static final long DEFAULT_MAX_RECORD_BYTES = 64L << 20;
    /** 512 MiB: the first record (SUBSCRIBED, the whole cluster state) may be much larger than any later event. */
    public static final long DEFAULT_MAX_SNAPSHOT_BYTES = 512L << 20;

    private final List<URI> masterUrls;
    private final Encoding encoding;
    private final MesosAuth auth;
    private final TlsSettings tls;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int maxRedirects;
    private final RetryPolicy retry;
    private final long maxRecordBytes;
    private final long maxSnapshotBytes;
    private final double heartbeatMultiplier;
    private final Duration stallFallbackTimeout;

    private MesosClientConfig(Builder b) {
        if (b.masterUrls == null || b.masterUrls.isEmpty()) {
            throw new IllegalArgumentException("at least one master URL is required");
        }
        for (URI url : b.masterUrls) {
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
                throw new IllegalArgumentException("master URL must be http:// or https:// with a host: " + url);
            }
        }
        if (b.maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects must not be negative");
        }
        if (b.maxRecordBytes < 1 || b.maxSnapshotBytes < 1) {
            throw new IllegalArgumentException("record size limits must be positive");
        }
        if (!(b.heartbeatMultiplier >= 1.0)) {
            throw new IllegalArgumentException("heartbeatMultiplier must be at least 1, got " + b.heartbeatMultiplier);
        }
        requirePositive(b.connectTimeout, "connectTimeout");
        requirePositive(b.requestTimeout, "requestTimeout");
        requirePositive(b.stallFallbackTimeout, "stallFallbackTimeout");
        this.masterUrls = List.copyOf(b.masterUrls);
        this.encoding = Objects.requireNonNull(b.encoding, "encoding");
        this.auth = Objects.requireNonNull(b.auth, "auth");
        this.tls = Objects.requireNonNull(b.tls, "tls");
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.maxRedirects = b.maxRedirects;
        this.retry = Objects.requireNonNull(b.retry, "retry");
        this.maxRecordBytes = b.maxRecordBytes;
        this.maxSnapshotBytes = Math.max(b.maxSnapshotBytes, b.maxRecordBytes);
        this.heartbeatMultiplier = b.heartbeatMultiplier;
        this.stallFallbackTimeout = b.stallFallbackTimeout;
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with this configuration. */
    public Builder toBuilder() {
        return new Builder().masterUrls(masterUrls).encoding(encoding).auth(auth).tls(tls)
                .connectTimeout(connectTimeout).requestTimeout(requestTimeout).maxRedirects(maxRedirects).retry(retry)
                .maxRecordBytes(maxRecordBytes).maxSnapshotBytes(maxSnapshotBytes)
                .heartbeatMultiplier(heartbeatMultiplier).stallFallbackTimeout(stallFallbackTimeout);
    }

    public List<URI> masterUrls() {
        return masterUrls;
    }

    public Encoding encoding() {
        return encoding;
    }

    public MesosAuth auth() {
        return auth;
    }

    public TlsSettings tls() {
        return tls;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Bound on a whole non-streaming call, and on the wait for the SUBSCRIBE response headers. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    public int maxRedirects() {
        return maxRedirects;
    }

    public RetryPolicy retry() {
        return retry;
    }

    public long maxRecordBytes() {
        return maxRecordBytes;
    }

    public long maxSnapshotBytes() {
        return maxSnapshotBytes;
    }

    public double heartbeatMultiplier() {
        return heartbeatMultiplier;
    }

    /** Stream silence tolerated before SUBSCRIBED arrives, or for masters that send no heartbeat interval. */
    public Duration stallFallbackTimeout() {
        return stallFallbackTimeout;
    }

    @Override
    public String toString() {
        return "MesosClientConfig[masterUrls=" + masterUrls + ", encoding=" + encoding + ", auth=" + auth + ", tls="
                + tls + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                + ", maxRedirects=" + maxRedirects + ", retry=" + retry + ", maxRecordBytes=" + maxRecordBytes
                + ", maxSnapshotBytes=" + maxSnapshotBytes + ", heartbeatMultiplier=" + heartbeatMultiplier
                + ", stallFallbackTimeout=" + stallFallbackTimeout + "]";
    }

    /** Builder with the documented defaults. */
    public static final class Builder {
        private List<URI> masterUrls;
        private Encoding encoding = Encoding.JSON;
        private MesosAuth auth = MesosAuth.none();
        private TlsSettings tls = TlsSettings.defaults();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private int maxRedirects = 5;
        private RetryPolicy retry = RetryPolicy.defaults();
        private long maxRecordBytes = DEFAULT_MAX_RECORD_BYTES;
        private long maxSnapshotBytes = DEFAULT_MAX_SNAPSHOT_BYTES;
        private double heartbeatMultiplier = 5.0;
        private Duration stallFallbackTimeout = Duration.ofSeconds(75);

        private Builder() {
        }

        /** Master base URLs ({@code http://host:5050}); {@code /api/v1} is appended unless the path ends with it. */
        public Builder masterUrls(List<URI> value) {
            this.masterUrls = value;
            return this;
        }

        public Builder masterUrl(URI value) {
            return masterUrls(List.of(value));
        }

        public Builder encoding(Encoding value) {
            this.encoding = value;
            return this;
        }

        public Builder auth(MesosAuth value) {
            this.auth = value;
            return this;
        }

        public Builder tls(TlsSettings value) {
            this.tls = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        public Builder requestTimeout(Duration value) {
            this.requestTimeout = value;
            return this;
        }

        public Builder maxRedirects(int value) {
            this.maxRedirects = value;
            return this;
        }

        public Builder retry(RetryPolicy value) {
            this.retry = value;
            return this;
        }

        public Builder maxRecordBytes(long value) {
            this.maxRecordBytes = value;
            return this;
        }

        public Builder maxSnapshotBytes(long value) {
            this.maxSnapshotBytes = value;
            return this;
        }

        public Builder heartbeatMultiplier(double value) {
            this.heartbeatMultiplier = value;
            return this;
        }

        public Builder stallFallbackTimeout(Duration value) {
            this.stallFallbackTimeout = value;
            return this;
        }

        public MesosClientConfig build() {
            return new MesosClientConfig(this);
        }
    }
}
