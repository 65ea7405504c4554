package io.kafkaconnect.mesos.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLException;

import org.apache.mesos.v1.master.Protos.Call;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MesosClientTlsTest {

    private static final Call GET_HEALTH = Call.newBuilder().setType(Call.Type.GET_HEALTH).build();
    private static final String HEALTHY = "{\"type\":\"GET_HEALTH\",\"get_health\":{\"healthy\":true}}";

    @TempDir
    static Path dir;
    private static StubMaster localhost;
    private static StubMaster wrongName;

    @BeforeAll
    static void startServers() throws Exception {
        Path good = TestCertificates.create(dir, "master", "dns:localhost,ip:127.0.0.1");
        Path bad = TestCertificates.create(dir, "elsewhere", "dns:elsewhere.invalid");
        localhost = StubMaster.https(TestCertificates.serverContext(good), (ex, req, i) -> {
            if (req.path().equals("/downgrade/api/v1")) {
                StubMaster.redirect(ex, "http://127.0.0.1:" + ex.getLocalAddress().getPort() + "/api/v1");
            } else {
                StubMaster.json(ex, 200, HEALTHY);
            }
        });
        wrongName = StubMaster.https(TestCertificates.serverContext(bad), (ex, req, i) -> StubMaster.json(ex, 200,
                HEALTHY));
    }

    @AfterAll
    static void stopServers() {
        localhost.close();
        wrongName.close();
    }

    private static MesosClientConfig.Builder config(StubMaster master, TlsSettings tls) {
        return MesosClientConfig.builder().masterUrl(master.url()).tls(tls).retry(RetryPolicy.none())
                .connectTimeout(Duration.ofSeconds(5)).requestTimeout(Duration.ofSeconds(5));
    }

    private static TlsSettings trusting(String name) {
        return TlsSettings.trusting(TestCertificates.truststore(dir, name).toString(), TestCertificates.PASSWORD,
                "PKCS12");
    }

    @Test
    void selfSignedMasterIsRefusedWithoutATruststore() {
        try (MesosClient client = new MesosClient(config(localhost, TlsSettings.defaults()).build())) {
            assertThatThrownBy(() -> client.call(GET_HEALTH)).isInstanceOfSatisfying(MesosConnectionException.class,
                    e -> {
                        assertThat(e).hasCauseInstanceOf(javax.net.ssl.SSLHandshakeException.class);
                        assertThat(e.inDoubt()).isFalse();
                    });
        }
    }

    @Test
    void selfSignedMasterIsAcceptedWithItsTruststore() {
        try (MesosClient client = new MesosClient(config(localhost, trusting("master")).build())) {
            assertThat(client.call(GET_HEALTH).json().path("get_health").path("healthy").asBoolean()).isTrue();
        }
    }

    @Test
    void hostnameMismatchIsRefused() {
        try (MesosClient client = new MesosClient(config(wrongName, trusting("elsewhere")).build())) {
            assertThatThrownBy(() -> client.call(GET_HEALTH)).isInstanceOf(MesosConnectionException.class)
                    .satisfies(e -> assertThat(e.getCause()).isInstanceOf(SSLException.class)
                            .hasMessageContaining("127.0.0.1"));
        }
    }

    @Test
    void hostnameMismatchIsAcceptedOnlyWithVerificationOff() {
        TlsSettings lax = trusting("elsewhere").withHostnameVerification(false);
        try (MesosClient client = new MesosClient(config(wrongName, lax).build())) {
            assertThat(client.call(GET_HEALTH).status()).isEqualTo(200);
        }
    }

    @Test
    void redirectFromHttpsToHttpIsRefused() {
        MesosClientConfig config = config(localhost, trusting("master"))
                .masterUrl(java.net.URI.create(localhost.url() + "/downgrade"))
                .auth(MesosAuth.bearer("token-value")).build();
        int before = localhost.requests().size();
        try (MesosClient client = new MesosClient(config)) {
            assertThatThrownBy(() -> client.call(GET_HEALTH)).isInstanceOf(MesosRedirectException.class)
                    .hasMessageContaining("downgrade");
        }
        assertThat(localhost.requests()).hasSize(before + 1);
    }

    @Test
    void unreadableTruststoreIsAClearError() {
        TlsSettings missing = TlsSettings.trusting(dir.resolve("nope.p12").toString(), "x", "PKCS12");
        assertThatThrownBy(() -> new MesosClient(config(localhost, missing).build()))
                .isInstanceOf(MesosException.class).hasMessageContaining("nope.p12");
        assertThat(missing.toString()).doesNotContain("password=x");
    }
}
