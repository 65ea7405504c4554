package io.kafkaconnect.mesos.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;

import org.apache.mesos.v1.master.Protos.Call;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where credentials go when a master redirects (a standby names the leader with a 307): only to a host that the
 * configured scheme's rules accept, never over plain HTTP once HTTPS was configured, and never to a host whose
 * certificate does not match its name. Other hosts are trusted as the master names them (see docs/security.md).
 */
class RedirectCredentialsTest {

    private static final Call GET_HEALTH = Call.newBuilder().setType(Call.Type.GET_HEALTH).build();
    private static final String HEALTHY = "{\"type\":\"GET_HEALTH\",\"get_health\":{\"healthy\":true}}";
    private static final MesosAuth AUTH = MesosAuth.basic("ops", "s3cret");

    @TempDir
    static Path dir;
    private static TlsSettings trustBoth;
    private static StubMaster httpsLeader;
    private static StubMaster wrongName;
    private static StubMaster httpLeader;

    @BeforeAll
    static void start() throws Exception {
        Path good = TestCertificates.create(dir, "master", "dns:localhost,ip:127.0.0.1");
        Path bad = TestCertificates.create(dir, "elsewhere", "dns:elsewhere.invalid");
        trustBoth = TlsSettings.trusting(merge(dir.resolve("both.p12"), TestCertificates.truststore(dir, "master"),
                TestCertificates.truststore(dir, "elsewhere")).toString(), TestCertificates.PASSWORD, "PKCS12");
        httpsLeader = StubMaster.https(TestCertificates.serverContext(good), (ex, req, i) -> StubMaster.json(ex, 200,
                HEALTHY));
        wrongName = StubMaster.https(TestCertificates.serverContext(bad), (ex, req, i) -> StubMaster.json(ex, 200,
                HEALTHY));
        httpLeader = StubMaster.http((ex, req, i) -> StubMaster.json(ex, 200, HEALTHY));
    }

    @AfterAll
    static void stop() {
        httpsLeader.close();
        wrongName.close();
        httpLeader.close();
    }

    /** A standby that redirects every call to {@code location}. */
    private static StubMaster standby(boolean https, String location) throws Exception {
        StubMaster.Script script = (ex, req, i) -> StubMaster.redirect(ex, location);
        return https ? StubMaster.https(TestCertificates.serverContext(dir.resolve("master.p12")), script)
                : StubMaster.http(script);
    }

    private static MesosClient client(URI master) {
        return new MesosClient(MesosClientConfig.builder().masterUrl(master).auth(AUTH).tls(trustBoth)
                .retry(RetryPolicy.none()).connectTimeout(Duration.ofSeconds(5)).requestTimeout(Duration.ofSeconds(5))
                .build());
    }

    private static String lastAuthorization(StubMaster master) {
        return master.requests().get(master.requests().size() - 1).header("Authorization");
    }

    @Test
    void httpsToAnotherHttpsMasterResendsTheCredentialsOverTls() throws Exception {
        int before = httpsLeader.requests().size();
        try (StubMaster standby = standby(true, "//127.0.0.1:" + httpsLeader.port() + "/master/api/v1");
             MesosClient mesos = client(standby.url())) {
            assertThat(mesos.call(GET_HEALTH).status()).isEqualTo(200);
            assertThat(mesos.currentMaster().getScheme()).isEqualTo("https");
        }
        assertThat(httpsLeader.requests()).hasSize(before + 1);
        assertThat(lastAuthorization(httpsLeader)).isEqualTo(AUTH.authorizationHeader().orElseThrow());
    }

    @Test
    void httpsToPlainHttpIsRefusedBeforeAnythingIsSent() throws Exception {
        int before = httpLeader.requests().size();
        try (StubMaster standby = standby(true, "http://127.0.0.1:" + httpLeader.port() + "/master/api/v1");
             MesosClient mesos = client(standby.url())) {
            assertThatThrownBy(() -> mesos.call(GET_HEALTH)).isInstanceOf(MesosRedirectException.class)
                    .hasMessageContaining("downgrade");
        }
        assertThat(httpLeader.requests()).as("requests that reached the plain-HTTP master").hasSize(before);
    }

    @Test
    void aRedirectToAHostItsCertificateDoesNotNameIsRefusedBeforeAnythingIsSent() throws Exception {
        int before = wrongName.requests().size();
        try (StubMaster standby = standby(true, "https://127.0.0.1:" + wrongName.port() + "/master/api/v1");
             MesosClient mesos = client(standby.url())) {
            assertThatThrownBy(() -> mesos.call(GET_HEALTH)).isInstanceOf(MesosConnectionException.class)
                    .hasRootCauseInstanceOf(javax.net.ssl.SSLPeerUnverifiedException.class);
        }
        assertThat(wrongName.requests()).as("requests that reached the mismatched host").hasSize(before);
    }

    @Test
    void httpToHttpsIsFollowedWithTheCredentialsOverTls() throws Exception {
        int before = httpsLeader.requests().size();
        try (StubMaster standby = standby(false, "https://127.0.0.1:" + httpsLeader.port() + "/master/api/v1");
             MesosClient mesos = client(standby.url())) {
            assertThat(mesos.call(GET_HEALTH).status()).isEqualTo(200);
        }
        assertThat(httpsLeader.requests()).hasSize(before + 1);
        assertThat(lastAuthorization(httpsLeader)).isEqualTo(AUTH.authorizationHeader().orElseThrow());
    }

    /** Mesos names the leader by its --hostname: any host a master redirects to gets the credentials. */
    @Test
    void plainHttpToAnotherHostResendsTheCredentials() throws Exception {
        int before = httpLeader.requests().size();
        try (StubMaster standby = standby(false, "http://localhost:" + httpLeader.port() + "/master/api/v1");
             MesosClient mesos = client(standby.url())) {
            assertThat(mesos.call(GET_HEALTH).status()).isEqualTo(200);
            assertThat(mesos.currentMaster().getHost()).isEqualTo("localhost");
        }
        assertThat(httpLeader.requests()).hasSize(before + 1);
        assertThat(lastAuthorization(httpLeader)).isEqualTo(AUTH.authorizationHeader().orElseThrow());
    }

    private static Path merge(Path target, Path... stores) throws Exception {
        KeyStore merged = KeyStore.getInstance("PKCS12");
        merged.load(null, null);
        for (Path store : stores) {
            KeyStore one = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                one.load(in, TestCertificates.PASSWORD.toCharArray());
            }
            for (String alias : java.util.Collections.list(one.aliases())) {
                merged.setCertificateEntry(alias, one.getCertificate(alias));
            }
        }
        try (OutputStream out = Files.newOutputStream(target)) {
            merged.store(out, TestCertificates.PASSWORD.toCharArray());
        }
        return target;
    }
}
