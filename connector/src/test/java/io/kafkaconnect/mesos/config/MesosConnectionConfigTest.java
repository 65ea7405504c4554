package io.kafkaconnect.mesos.config;

import static io.kafkaconnect.mesos.config.MesosConnectionConfig.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.kafkaconnect.mesos.client.MesosAuth;
import io.kafkaconnect.mesos.client.MesosClientConfig;
import io.kafkaconnect.mesos.client.StubMaster;
import io.kafkaconnect.mesos.codec.Encoding;

class MesosConnectionConfigTest {

    private static final List<String> RESERVED_PREFIXES = List.of("errors.", "transforms.", "predicates.", "topics",
            "consumer.override.", "producer.override.", "exactly.once.support", "transaction.boundary");

    private static final ConfigDef DEF = define(new ConfigDef());

    private static AbstractConfig parse(Map<String, String> props) {
        return new AbstractConfig(DEF, props, false);
    }

    @Test
    void everyKeyIsDocumentedGroupedAndOutsideConnectsNamespaces() {
        assertThat(DEF.names()).hasSize(23).allSatisfy(name -> {
            ConfigDef.ConfigKey key = DEF.configKeys().get(name);
            assertThat(name).startsWith("mesos.").doesNotEndWith(".converter");
            assertThat(RESERVED_PREFIXES).noneMatch(name::startsWith);
            assertThat(key.documentation).isNotBlank();
            assertThat(key.displayName).isNotBlank();
            assertThat(key.group).startsWith("Mesos ");
            assertThat(key.orderInGroup).isPositive();
        });
        assertThat(DEF.configKeys().values().stream().filter(k -> k.type == ConfigDef.Type.PASSWORD)
                .map(k -> k.name).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(AUTH_PASSWORD, AUTH_TOKEN, TRUSTSTORE_PASSWORD, KEYSTORE_PASSWORD,
                        KEY_PASSWORD);
    }

    @Test
    void defaultsGiveASafeClientConfig() {
        MesosClientConfig config = toClientConfig(parse(Map.of(MASTER_URLS, "http://m1:5050, https://m2:5050")));
        assertThat(config.masterUrls()).containsExactly(URI.create("http://m1:5050"), URI.create("https://m2:5050"));
        assertThat(config.encoding()).isEqualTo(Encoding.JSON);
        assertThat(config.auth()).isEqualTo(MesosAuth.none());
        assertThat(config.tls().hostnameVerification()).isTrue();
        assertThat(config.tls().truststorePath()).isNull();
        assertThat(config.maxRedirects()).isEqualTo(5);
        assertThat(config.heartbeatMultiplier()).isEqualTo(5.0);
        assertThat(config.stallFallbackTimeout()).isEqualTo(Duration.ofSeconds(75));
        assertThat(config.retry().maxAttempts()).isEqualTo(8);
    }

    @Test
    void mapsEveryKey() {
        Map<String, String> props = new HashMap<>();
        props.put(MASTER_URLS, "https://m1:5050");
        props.put(ENCODING, "PROTOBUF");
        props.put(AUTH_TYPE, "basic");
        props.put(AUTH_USERNAME, "ops");
        props.put(AUTH_PASSWORD, "pw-secret");
        props.put(TRUSTSTORE_PATH, "/etc/trust.jks");
        props.put(TRUSTSTORE_PASSWORD, "trust-secret");
        props.put(TRUSTSTORE_TYPE, "JKS");
        props.put(HOSTNAME_VERIFICATION, "false");
        props.put(CONNECT_TIMEOUT_MS, "1500");
        props.put(REQUEST_TIMEOUT_MS, "2500");
        props.put(RETRY_MAX_ATTEMPTS, "3");
        props.put(RETRY_BACKOFF_MS, "50");
        props.put(RETRY_BACKOFF_MAX_MS, "500");
        props.put(MAX_RECORD_BYTES, "1000");
        props.put(MAX_SNAPSHOT_BYTES, "5000");
        props.put(HEARTBEAT_MULTIPLIER, "3");
        props.put(STALL_TIMEOUT_MS, "9000");
        MesosClientConfig config = toClientConfig(parse(props));
        assertThat(config.encoding()).isEqualTo(Encoding.PROTOBUF);
        assertThat(config.auth()).isEqualTo(MesosAuth.basic("ops", "pw-secret"));
        assertThat(config.tls().truststorePath()).isEqualTo("/etc/trust.jks");
        assertThat(config.tls().truststorePassword()).isEqualTo("trust-secret");
        assertThat(config.tls().truststoreType()).isEqualTo("JKS");
        assertThat(config.tls().hostnameVerification()).isFalse();
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.retry().maxAttempts()).isEqualTo(3);
        assertThat(config.retry().baseDelay()).isEqualTo(Duration.ofMillis(50));
        assertThat(config.retry().maxDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.maxRecordBytes()).isEqualTo(1000);
        assertThat(config.maxSnapshotBytes()).isEqualTo(5000);
        assertThat(config.heartbeatMultiplier()).isEqualTo(3.0);
        assertThat(config.stallFallbackTimeout()).isEqualTo(Duration.ofSeconds(9));
        assertThat(config.toString()).doesNotContain("pw-secret").doesNotContain("trust-secret");
    }

    @Test
    void tokenAuthTypes() {
        assertThat(toClientConfig(parse(Map.of(MASTER_URLS, "http://m", AUTH_TYPE, "bearer", AUTH_TOKEN, "t")))
                .auth()).isEqualTo(MesosAuth.bearer("t"));
        assertThat(toClientConfig(parse(Map.of(MASTER_URLS, "http://m", AUTH_TYPE, "dcos-token", AUTH_TOKEN, "t")))
                .auth()).isEqualTo(MesosAuth.dcosToken("t"));
    }

    @Test
    void missingCredentialsNameTheKey() {
        assertThatThrownBy(() -> toClientConfig(parse(Map.of(MASTER_URLS, "http://m", AUTH_TYPE, "basic"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining(AUTH_USERNAME);
        assertThatThrownBy(() -> toClientConfig(parse(Map.of(MASTER_URLS, "http://m", AUTH_TYPE, "bearer"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining(AUTH_TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ftp://m1:5050", "m1:5050", "http://", "http://m1:5050,not a url"})
    void rejectsBadMasterUrls(String urls) {
        assertThatThrownBy(() -> parse(Map.of(MASTER_URLS, urls))).isInstanceOf(ConfigException.class)
                .hasMessageContaining(MASTER_URLS);
    }

    @Test
    void rejectsUnknownEncodingAndAuthType() {
        assertThatThrownBy(() -> parse(Map.of(MASTER_URLS, "http://m", ENCODING, "xml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(ENCODING);
        assertThatThrownBy(() -> parse(Map.of(MASTER_URLS, "http://m", AUTH_TYPE, "kerberos")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(AUTH_TYPE);
    }

    @Test
    void recommendersShowOnlyTheCredentialsTheAuthTypeNeeds() {
        Map<String, ConfigValue> basic = index(DEF.validate(Map.of(MASTER_URLS, "http://m", AUTH_TYPE, "basic")));
        assertThat(basic.get(AUTH_USERNAME).visible()).isTrue();
        assertThat(basic.get(AUTH_TOKEN).visible()).isFalse();
        Map<String, ConfigValue> token = index(DEF.validate(Map.of(MASTER_URLS, "http://m", AUTH_TYPE, "dcos-token")));
        assertThat(token.get(AUTH_TOKEN).visible()).isTrue();
        assertThat(token.get(AUTH_PASSWORD).visible()).isFalse();
        assertThat(token.get(ENCODING).recommendedValues()).containsExactly("json", "protobuf");
    }

    @Test
    void liveValidationPassesAgainstAHealthyMaster() throws Exception {
        try (StubMaster master = StubMaster.http((ex, req, i) -> StubMaster.json(ex, 200,
                "{\"type\":\"GET_VERSION\",\"get_version\":{\"version_info\":{\"version\":\"1.11.0\"}}}"))) {
            Map<String, String> props = Map.of(MASTER_URLS, master.url().toString());
            Config result = new Config(DEF.validate(props));
            validateLive(props, result, Duration.ofSeconds(5));
            assertThat(result.configValues()).allSatisfy(v -> assertThat(v.errorMessages()).isEmpty());
        }
    }

    @Test
    void liveValidationBlamesTheUrlForAnUnreachableMaster() throws Exception {
        String dead;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            dead = "http://127.0.0.1:" + socket.getLocalPort();
        }
        Map<String, String> props = Map.of(MASTER_URLS, dead);
        Config result = new Config(DEF.validate(props));
        validateLive(props, result, Duration.ofSeconds(2));
        assertThat(index(result).get(MASTER_URLS).errorMessages()).singleElement().asString()
                .contains("Cannot reach a Mesos master").contains(dead);
    }

    @Test
    void liveValidationBlamesTheCredentialsFor401() throws Exception {
        try (StubMaster master = StubMaster.http((ex, req, i) -> StubMaster.text(ex, 401, "401 Unauthorized."))) {
            Map<String, String> props = Map.of(MASTER_URLS, master.url().toString(), AUTH_TYPE, "basic",
                    AUTH_USERNAME, "ops", AUTH_PASSWORD, "wrong");
            Config result = new Config(DEF.validate(props));
            validateLive(props, result, Duration.ofSeconds(5));
            Map<String, ConfigValue> values = index(result);
            assertThat(values.get(AUTH_PASSWORD).errorMessages()).singleElement().asString()
                    .contains("refused the credentials").contains("401").doesNotContain("wrong");
            assertThat(values.get(AUTH_USERNAME).errorMessages()).hasSize(1);
            assertThat(values.get(MASTER_URLS).errorMessages()).isEmpty();
        }
    }

    @Test
    void liveValidationBlamesTheUrlForOtherErrors() throws Exception {
        try (StubMaster master = StubMaster.http((ex, req, i) -> StubMaster.text(ex, 415,
                "Expecting 'Content-Type' of application/json or application/x-protobuf"))) {
            Map<String, String> props = Map.of(MASTER_URLS, master.url().toString());
            Config result = new Config(DEF.validate(props));
            validateLive(props, result, Duration.ofSeconds(5));
            assertThat(index(result).get(MASTER_URLS).errorMessages()).singleElement().asString()
                    .contains("415").contains("Expecting 'Content-Type'");
        }
    }

    @Test
    void liveValidationReportsMissingCredentialsWithoutCallingTheMaster() throws Exception {
        try (StubMaster master = StubMaster.http((ex, req, i) -> StubMaster.text(ex, 500, "should not be called"))) {
            Map<String, String> props = Map.of(MASTER_URLS, master.url().toString(), AUTH_TYPE, "bearer");
            Config result = new Config(DEF.validate(props));
            validateLive(props, result, Duration.ofSeconds(5));
            assertThat(index(result).get(AUTH_TOKEN).errorMessages()).singleElement().asString().contains("required");
            assertThat(master.requests()).isEmpty();
        }
    }

    @Test
    void liveValidationIsSkippedWhenKeysAreAlreadyInvalid() {
        Map<String, String> props = Map.of(MASTER_URLS, "ftp://nowhere");
        Config result = new Config(DEF.validate(props));
        validateLive(props, result, Duration.ofSeconds(1));
        assertThat(index(result).get(MASTER_URLS).errorMessages()).hasSize(1);
    }

    private static Map<String, ConfigValue> index(Config config) {
        return index(config.configValues());
    }

    private static Map<String, ConfigValue> index(List<ConfigValue> values) {
        return values.stream().collect(Collectors.toMap(ConfigValue::name, v -> v));
    }
}
