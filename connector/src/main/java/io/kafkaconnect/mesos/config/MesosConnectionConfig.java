package io.kafkaconnect.mesos.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLException;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kafkaconnect.mesos.client.MesosAuth;
import io.kafkaconnect.mesos.client.MesosClient;
import io.kafkaconnect.mesos.client.MesosClientConfig;
import io.kafkaconnect.mesos.client.MesosConnectionException;
import io.kafkaconnect.mesos.client.MesosException;
import io.kafkaconnect.mesos.client.MesosHttpException;
import io.kafkaconnect.mesos.client.MesosVersion;
import io.kafkaconnect.mesos.client.RetryPolicy;
import io.kafkaconnect.mesos.client.TlsSettings;
import io.kafkaconnect.mesos.codec.Encoding;

/**
 * The connection keys shared by the source and sink connectors ({@code mesos.*}): masters, encoding, credentials, TLS,
 * timeouts, retries and event-stream limits. {@link #define} adds them to a connector's ConfigDef,
 * {@link #toClientConfig} turns them into a {@link MesosClientConfig}, and {@link #validateLive} checks them against
 * the real master.
 */
public final class MesosConnectionConfig {

    private static final Logger LOG = LoggerFactory.getLogger(MesosConnectionConfig.class);

    public static final String CONNECTION_GROUP = "Mesos connection";
    public static final String AUTH_GROUP = "Mesos authentication";
    public static final String TLS_GROUP = "Mesos TLS";
    public static final String STREAM_GROUP = "Mesos event stream";

    public static final String MASTER_URLS = "mesos.master.urls";
    private static final String MASTER_URLS_DOC = "Mesos masters to talk to, as http:// or https:// URLs "
            + "(e.g. http://master1:5050,http://master2:5050). Any master will do: a standby redirects to the leader, "
            + "and the next URL is tried when one cannot be reached. /api/v1 is appended unless the path already ends "
            + "with it; a path prefix (a proxy such as https://dcos.example/mesos) is kept.";
    public static final String ENCODING = "mesos.encoding";
    private static final String ENCODING_DOC = "Wire encoding of calls, responses and the event stream: json or "
            + "protobuf. protobuf is smaller and faster to parse on large clusters; json is easier to debug.";

    public static final String AUTH_TYPE = "mesos.auth.type";
    private static final String AUTH_TYPE_DOC = "How to authenticate to the master: none; basic (HTTP Basic, for "
            + "masters run with --authenticate_http_readwrite); bearer (static 'Authorization: Bearer <token>'); "
            + "dcos-token (DC/OS 'Authorization: token=<token>').";
    public static final String AUTH_USERNAME = "mesos.auth.username";
    private static final String AUTH_USERNAME_DOC = "Principal for basic authentication.";
    public static final String AUTH_PASSWORD = "mesos.auth.password";
    private static final String AUTH_PASSWORD_DOC = "Secret for basic authentication. Never logged.";
    public static final String AUTH_TOKEN = "mesos.auth.token";
    private static final String AUTH_TOKEN_DOC = "Token for bearer or dcos-token authentication. Never logged.";

    public static final String TRUSTSTORE_PATH = "mesos.tls.truststore.path";
    private static final String TRUSTSTORE_PATH_DOC = "Trust store with the CA(s) that signed the masters' "
            + "certificates. Empty means the JVM's default trust store.";
    public static final String TRUSTSTORE_PASSWORD = "mesos.tls.truststore.password";
    private static final String TRUSTSTORE_PASSWORD_DOC = "Password of the trust store, if it has one.";
    public static final String TRUSTSTORE_TYPE = "mesos.tls.truststore.type";
    private static final String TRUSTSTORE_TYPE_DOC = "Trust store format: PKCS12 or JKS.";
    public static final String KEYSTORE_PATH = "mesos.tls.keystore.path";
    private static final String KEYSTORE_PATH_DOC = "Key store with a client certificate, for masters that require "
            + "mutual TLS. Empty means no client certificate.";
    public static final String KEYSTORE_PASSWORD = "mesos.tls.keystore.password";
    private static final String KEYSTORE_PASSWORD_DOC = "Password of the key store.";
    public static final String KEYSTORE_TYPE = "mesos.tls.keystore.type";
    private static final String KEYSTORE_TYPE_DOC = "Key store format: PKCS12 or JKS.";
    public static final String KEY_PASSWORD = "mesos.tls.key.password";
    private static final String KEY_PASSWORD_DOC = "Password of the private key, if it differs from the key store's.";
    public static final String HOSTNAME_VERIFICATION = "mesos.tls.hostname.verification.enabled";
    private static final String HOSTNAME_VERIFICATION_DOC = "Check that a master's certificate names the host "
            + "connected to. Turn off only for testing: without it any certificate from a trusted CA is accepted.";

    public static final String CONNECT_TIMEOUT_MS = "mesos.connect.timeout.ms";
    private static final String CONNECT_TIMEOUT_MS_DOC = "Time allowed to open a TCP (and TLS) connection to a "
            + "master before the next master is tried.";
    public static final String REQUEST_TIMEOUT_MS = "mesos.request.timeout.ms";
    private static final String REQUEST_TIMEOUT_MS_DOC = "Time allowed for a whole call (e.g. GET_STATE on a large "
            + "cluster), and for the SUBSCRIBE response headers. The stream itself has no timeout; see "
            + STREAM_GROUP + ".";
    public static final String RETRY_MAX_ATTEMPTS = "mesos.retry.max.attempts";
    private static final String RETRY_MAX_ATTEMPTS_DOC = "Attempts per call (the first included) when the master "
            + "answers 503 (no leader elected, leader still recovering), cannot be reached, or a read fails. A write "
            + "that may have reached the master is never repeated by the client.";
    public static final String RETRY_BACKOFF_MS = "mesos.retry.backoff.ms";
    private static final String RETRY_BACKOFF_MS_DOC = "Base of the exponential backoff between attempts; each "
            + "pause is random between 0 and min(max, base x 2^(attempt-1)).";
    public static final String RETRY_BACKOFF_MAX_MS = "mesos.retry.backoff.max.ms";
    private static final String RETRY_BACKOFF_MAX_MS_DOC = "Cap on one backoff pause.";

    public static final String MAX_RECORD_BYTES = "mesos.stream.max.record.bytes";
    private static final String MAX_RECORD_BYTES_DOC = "Largest event accepted on the SUBSCRIBE stream; a larger "
            + "declared size is treated as a broken stream (checked before any memory is allocated).";
    public static final String MAX_SNAPSHOT_BYTES = "mesos.stream.max.snapshot.bytes";
    private static final String MAX_SNAPSHOT_BYTES_DOC = "Largest first event (SUBSCRIBED, the full cluster state) "
            + "accepted. Tens of MB on large clusters.";
    public static final String HEARTBEAT_MULTIPLIER = "mesos.stream.heartbeat.multiplier";
    private static final String HEARTBEAT_MULTIPLIER_DOC = "The stream is considered dead after this many heartbeat "
            + "intervals without a single byte (Mesos sends a heartbeat every 15 s, so 5 means 75 s).";
    public static final String STALL_TIMEOUT_MS = "mesos.stream.stall.timeout.ms";
    private static final String STALL_TIMEOUT_MS_DOC = "Silence tolerated on the stream before SUBSCRIBED arrives, "
            + "or for masters older than 1.5 that send no heartbeats.";

    private static final List<String> ENCODINGS = List.of("json", "protobuf");
    private static final List<String> AUTH_TYPES = List.of("none", "basic", "bearer", "dcos-token");
    private static final List<String> STORE_TYPES = List.of("PKCS12", "JKS");

    private MesosConnectionConfig() {
    }

    /** Adds the connection keys to {@code def} and returns it. */
    public static ConfigDef define(ConfigDef def) {
        int order = 0;
        def.define(MASTER_URLS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new MasterUrlsValidator(), Importance.HIGH,
                MASTER_URLS_DOC, CONNECTION_GROUP, ++order, Width.LONG, "Mesos master URLs");
        def.define(ENCODING, Type.STRING, "json", ConfigDef.CaseInsensitiveValidString.in("json", "protobuf"),
                Importance.MEDIUM, ENCODING_DOC, CONNECTION_GROUP, ++order, Width.SHORT, "Wire encoding", List.of(),
                fixed(ENCODINGS));
        def.define(CONNECT_TIMEOUT_MS, Type.LONG, 10_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
                CONNECT_TIMEOUT_MS_DOC, CONNECTION_GROUP, ++order, Width.SHORT, "Connect timeout (ms)");
        def.define(REQUEST_TIMEOUT_MS, Type.LONG, 60_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
                REQUEST_TIMEOUT_MS_DOC, CONNECTION_GROUP, ++order, Width.SHORT, "Request timeout (ms)");
        def.define(RETRY_MAX_ATTEMPTS, Type.INT, 8, ConfigDef.Range.atLeast(1), Importance.LOW,
                RETRY_MAX_ATTEMPTS_DOC, CONNECTION_GROUP, ++order, Width.SHORT, "Attempts per call");
        def.define(RETRY_BACKOFF_MS, Type.LONG, 200L, ConfigDef.Range.atLeast(0), Importance.LOW,
                RETRY_BACKOFF_MS_DOC, CONNECTION_GROUP, ++order, Width.SHORT, "Retry backoff (ms)");
        def.define(RETRY_BACKOFF_MAX_MS, Type.LONG, 10_000L, ConfigDef.Range.atLeast(0), Importance.LOW,
                RETRY_BACKOFF_MAX_MS_DOC, CONNECTION_GROUP, ++order, Width.SHORT, "Max retry backoff (ms)");

        order = 0;
        def.define(AUTH_TYPE, Type.STRING, "none", ConfigDef.CaseInsensitiveValidString.in(
                        AUTH_TYPES.toArray(new String[0])), Importance.HIGH, AUTH_TYPE_DOC, AUTH_GROUP, ++order,
                Width.SHORT, "Authentication", List.of(AUTH_USERNAME, AUTH_PASSWORD, AUTH_TOKEN), fixed(AUTH_TYPES));
        def.define(AUTH_USERNAME, Type.STRING, null, Importance.HIGH, AUTH_USERNAME_DOC, AUTH_GROUP, ++order,
                Width.MEDIUM, "Username", visibleForAuth("basic"));
        def.define(AUTH_PASSWORD, Type.PASSWORD, null, Importance.HIGH, AUTH_PASSWORD_DOC, AUTH_GROUP, ++order,
                Width.MEDIUM, "Password", visibleForAuth("basic"));
        def.define(AUTH_TOKEN, Type.PASSWORD, null, Importance.HIGH, AUTH_TOKEN_DOC, AUTH_GROUP, ++order,
                Width.LONG, "Token", visibleForAuth("bearer", "dcos-token"));

        order = 0;
        def.define(TRUSTSTORE_PATH, Type.STRING, null, Importance.MEDIUM, TRUSTSTORE_PATH_DOC, TLS_GROUP, ++order,
                Width.LONG, "Trust store path");
        def.define(TRUSTSTORE_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM, TRUSTSTORE_PASSWORD_DOC, TLS_GROUP,
                ++order, Width.MEDIUM, "Trust store password");
        def.define(TRUSTSTORE_TYPE, Type.STRING, "PKCS12", ConfigDef.CaseInsensitiveValidString.in("PKCS12", "JKS"),
                Importance.LOW, TRUSTSTORE_TYPE_DOC, TLS_GROUP, ++order, Width.SHORT, "Trust store type", List.of(),
                fixed(STORE_TYPES));
        def.define(KEYSTORE_PATH, Type.STRING, null, Importance.LOW, KEYSTORE_PATH_DOC, TLS_GROUP, ++order,
                Width.LONG, "Key store path");
        def.define(KEYSTORE_PASSWORD, Type.PASSWORD, null, Importance.LOW, KEYSTORE_PASSWORD_DOC, TLS_GROUP,
                ++order, Width.MEDIUM, "Key store password");
        def.define(KEYSTORE_TYPE, Type.STRING, "PKCS12", ConfigDef.CaseInsensitiveValidString.in("PKCS12", "JKS"),
                Importance.LOW, KEYSTORE_TYPE_DOC, TLS_GROUP, ++order, Width.SHORT, "Key store type", List.of(),
                fixed(STORE_TYPES));
        def.define(KEY_PASSWORD, Type.PASSWORD, null, Importance.LOW, KEY_PASSWORD_DOC, TLS_GROUP, ++order,
                Width.MEDIUM, "Key password");
        def.define(HOSTNAME_VERIFICATION, Type.BOOLEAN, true, Importance.LOW, HOSTNAME_VERIFICATION_DOC, TLS_GROUP,
                ++order, Width.SHORT, "Verify host names");

        order = 0;
        def.define(MAX_RECORD_BYTES, Type.LONG, MesosClientConfig.DEFAULT_MAX_RECORD_BYTES,
                ConfigDef.Range.atLeast(1), Importance.LOW, MAX_RECORD_BYTES_DOC, STREAM_GROUP, ++order, Width.SHORT,
                "Max event bytes");
        def.define(MAX_SNAPSHOT_BYTES, Type.LONG, MesosClientConfig.DEFAULT_MAX_SNAPSHOT_BYTES,
                ConfigDef.Range.atLeast(1), Importance.LOW, MAX_SNAPSHOT_BYTES_DOC, STREAM_GROUP, ++order,
                Width.SHORT, "Max snapshot bytes");
        def.define(HEARTBEAT_MULTIPLIER, Type.DOUBLE, 5.0, ConfigDef.Range.atLeast(1), Importance.LOW,
                HEARTBEAT_MULTIPLIER_DOC, STREAM_GROUP, ++order, Width.SHORT, "Heartbeat multiplier");
        def.define(STALL_TIMEOUT_MS, Type.LONG, 75_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
                STALL_TIMEOUT_MS_DOC, STREAM_GROUP, ++order, Width.SHORT, "Stall timeout (ms)");
        return def;
    }

    /**
     * Builds the client configuration. Throws {@link ConfigException} for combinations a ConfigDef cannot check
     * (credentials missing for the chosen auth type).
     */
    public static MesosClientConfig toClientConfig(AbstractConfig config) {
        List<URI> urls = new ArrayList<>();
        for (String url : config.getList(MASTER_URLS)) {
            urls.add(URI.create(url.strip()));
        }
        return MesosClientConfig.builder()
                .masterUrls(urls)
                .encoding(Encoding.fromConfig(config.getString(ENCODING)))
                .auth(auth(config))
                .tls(new TlsSettings(blankToNull(config.getString(TRUSTSTORE_PATH)),
                        secret(config, TRUSTSTORE_PASSWORD), config.getString(TRUSTSTORE_TYPE),
                        blankToNull(config.getString(KEYSTORE_PATH)), secret(config, KEYSTORE_PASSWORD),
                        config.getString(KEYSTORE_TYPE), secret(config, KEY_PASSWORD),
                        config.getBoolean(HOSTNAME_VERIFICATION)))
                .connectTimeout(Duration.ofMillis(config.getLong(CONNECT_TIMEOUT_MS)))
                .requestTimeout(Duration.ofMillis(config.getLong(REQUEST_TIMEOUT_MS)))
                .retry(new RetryPolicy(config.getInt(RETRY_MAX_ATTEMPTS),
                        Duration.ofMillis(config.getLong(RETRY_BACKOFF_MS)),
                        Duration.ofMillis(config.getLong(RETRY_BACKOFF_MAX_MS))))
                .maxRecordBytes(config.getLong(MAX_RECORD_BYTES))
                .maxSnapshotBytes(config.getLong(MAX_SNAPSHOT_BYTES))
                .heartbeatMultiplier(config.getDouble(HEARTBEAT_MULTIPLIER))
                .stallFallbackTimeout(Duration.ofMillis(config.getLong(STALL_TIMEOUT_MS)))
                .build();
    }

    private static MesosAuth auth(AbstractConfig config) {
        String type = config.getString(AUTH_TYPE).toLowerCase(Locale.ROOT);
        return switch (type) {
            case "basic" -> {
                String user = blankToNull(config.getString(AUTH_USERNAME));
                String password = secret(config, AUTH_PASSWORD);
                if (user == null) {
                    throw new ConfigException(AUTH_USERNAME, null, "required when " + AUTH_TYPE + "=basic");
                }
                if (password == null) {
                    throw new ConfigException(AUTH_PASSWORD, "[hidden]", "required when " + AUTH_TYPE + "=basic");
                }
                yield MesosAuth.basic(user, password);
            }
            case "bearer", "dcos-token" -> {
                String token = secret(config, AUTH_TOKEN);
                if (token == null) {
                    throw new ConfigException(AUTH_TOKEN, "[hidden]", "required when " + AUTH_TYPE + "=" + type);
                }
                yield type.equals("bearer") ? MesosAuth.bearer(token) : MesosAuth.dcosToken(token);
            }
            default -> MesosAuth.none();
        };
    }

    /**
     * Checks the connection against the live master with GET_VERSION (no retries, {@code timeout} per step) and
     * attaches a readable error to the key at fault: {@value #MASTER_URLS} for an unreachable master or a 4xx/5xx
     * answer, the auth keys for 401/403, the TLS keys for certificate problems. Skipped when the connection keys
     * already carry errors.
     */
    public static void validateLive(Map<String, String> props, Config result, Duration timeout) {
        Map<String, ConfigValue> values = new HashMap<>();
        for (ConfigValue value : result.configValues()) {
            values.put(value.name(), value);
        }
        ConfigDef def = define(new ConfigDef());
        for (String key : def.names()) {
            ConfigValue value = values.get(key);
            if (value != null && !value.errorMessages().isEmpty()) {
                return;
            }
        }
        MesosClientConfig clientConfig;
        try {
            AbstractConfig parsed = new AbstractConfig(def, props, false);
            clientConfig = toClientConfig(parsed).toBuilder().connectTimeout(timeout).requestTimeout(timeout)
                    .retry(RetryPolicy.none()).build();
        } catch (ConfigException e) {
            addError(result, values, keyIn(String.valueOf(e.getMessage()), def), e.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            addError(result, values, MASTER_URLS, e.getMessage());
            return;
        }
        try (MesosClient client = new MesosClient(clientConfig)) {
            MesosVersion version = client.masterVersion();
            LOG.info("Mesos master {} is reachable and runs {}", client.currentMaster(), version);
        } catch (MesosHttpException e) {
            if (e.status() == 401 || e.status() == 403) {
                String message = "The master at " + e.url() + " refused the credentials (HTTP " + e.status() + ": "
                        + e.body().strip() + ")";
                for (String key : authKeys(clientConfig.auth())) {
                    addError(result, values, key, message);
                }
            } else {
                addError(result, values, MASTER_URLS, "GET_VERSION failed at " + e.url() + ": HTTP " + e.status()
                        + " " + e.body().strip());
            }
        } catch (MesosConnectionException e) {
            boolean tls = hasCause(e, SSLException.class);
            String message = "Cannot reach a Mesos master at " + clientConfig.masterUrls() + ": "
                    + rootMessage(e) + (tls ? " (TLS: check the trust store and host name)" : "");
            addError(result, values, MASTER_URLS, message);
            if (tls) {
                addError(result, values, TRUSTSTORE_PATH, message);
            }
        } catch (MesosException e) {
            addError(result, values, MASTER_URLS, e.getMessage());
        }
    }

    private static List<String> authKeys(MesosAuth auth) {
        if (auth instanceof MesosAuth.Basic) {
            return List.of(AUTH_TYPE, AUTH_USERNAME, AUTH_PASSWORD);
        }
        if (auth instanceof MesosAuth.Bearer || auth instanceof MesosAuth.DcosToken) {
            return List.of(AUTH_TYPE, AUTH_TOKEN);
        }
        return List.of(AUTH_TYPE);
    }

    private static String keyIn(String message, ConfigDef def) {
        for (String key : def.names()) {
            if (message.contains("configuration " + key + ":")) {
                return key;
            }
        }
        return MASTER_URLS;
    }

    private static void addError(Config result, Map<String, ConfigValue> values, String key, String message) {
        ConfigValue value = values.get(key);
        if (value == null) {
            value = new ConfigValue(key);
            values.put(key, value);
            result.configValues().add(value);
        }
        value.addErrorMessage(message);
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    private static String secret(AbstractConfig config, String key) {
        Password password = config.getPassword(key);
        return password == null ? null : blankToNull(password.value());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static ConfigDef.Recommender fixed(List<String> choices) {
        return new ConfigDef.Recommender() {
            @Override
            public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
                return List.copyOf(choices);
            }

            @Override
            public boolean visible(String name, Map<String, Object> parsedConfig) {
                return true;
            }
        };
    }

    private static ConfigDef.Recommender visibleForAuth(String... types) {
        List<String> wanted = List.of(types);
        return new ConfigDef.Recommender() {
            @Override
            public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
                return List.of();
            }

            @Override
            public boolean visible(String name, Map<String, Object> parsedConfig) {
                Object type = parsedConfig.get(AUTH_TYPE);
                return type != null && wanted.contains(type.toString().toLowerCase(Locale.ROOT));
            }
        };
    }

    /** Accepts a non-empty list of http:// or https:// URLs with a host. */
    static final class MasterUrlsValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (!(value instanceof List<?> list) || list.isEmpty()) {
                throw new ConfigException(name, value, "at least one master URL is required, e.g. "
                        + "http://master1:5050");
            }
            for (Object item : list) {
                String text = String.valueOf(item).strip();
                try {
                    URI uri = new URI(text);
                    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                        throw new ConfigException(name, text, "must be an http:// or https:// URL with a host, "
                                + "e.g. http://master1:5050");
                    }
                } catch (URISyntaxException e) {
                    throw new ConfigException(name, text, "not a URL: " + e.getMessage());
                }
            }
        }

        @Override
        public String toString() {
            return "http:// or https:// URLs, e.g. http://master1:5050,http://master2:5050";
        }
    }
}
