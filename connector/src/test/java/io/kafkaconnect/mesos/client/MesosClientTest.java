package io.kafkaconnect.mesos.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.VersionInfo;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.kafkaconnect.mesos.codec.Encoding;

class MesosClientTest {

    private static final Call GET_HEALTH = Call.newBuilder().setType(Call.Type.GET_HEALTH).build();
    private static final Call TEARDOWN = Call.newBuilder().setType(Call.Type.TEARDOWN)
            .setTeardown(Call.Teardown.newBuilder().setFrameworkId(FrameworkID.newBuilder().setValue("fw-1")))
            .build();
    private static final RetryPolicy FAST_RETRY = new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(20));

    private static MesosClientConfig.Builder config(URI... urls) {
        return MesosClientConfig.builder().masterUrls(List.of(urls)).retry(FAST_RETRY)
                .connectTimeout(Duration.ofSeconds(5)).requestTimeout(Duration.ofSeconds(10));
    }

    @Test
    void jsonCallsCarryExactlyTheMediaTypesMesosAccepts() throws IOException {
        try (StubMaster master = StubMaster.http((ex, req, i) ->
                StubMaster.json(ex, 200, "{\"type\":\"GET_HEALTH\",\"get_health\":{\"healthy\":true}}"));
             MesosClient client = new MesosClient(config(master.url()).build())) {
            ApiResponse response = client.call(GET_HEALTH);

            StubMaster.Received sent = master.requests().get(0);
            assertThat(sent.method()).isEqualTo("POST");
            assertThat(sent.path()).isEqualTo("/api/v1");
            assertThat(sent.header("Content-Type")).isEqualTo("application/json");
            assertThat(sent.header("Accept")).isEqualTo("application/json");
            assertThat(sent.bodyText()).isEqualTo("{\"type\":\"GET_HEALTH\"}");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.encoding()).isEqualTo(Encoding.JSON);
            assertThat(response.json().path("get_health").path("healthy").asBoolean()).isTrue();
            assertThat(response.decoded().value().getGetHealth().getHealthy()).isTrue();
            assertThat(response.master()).isEqualTo(master.url());
        }
    }

    @Test
    void protobufCallsSendOnlyProtobufMediaTypes() throws IOException {
        Response version = Response.newBuilder().setType(Response.Type.GET_VERSION)
                .setGetVersion(Response.GetVersion.newBuilder()
                        .setVersionInfo(VersionInfo.newBuilder().setVersion("1.11.0"))).build();
        try (StubMaster master = StubMaster.http((ex, req, i) ->
                StubMaster.respond(ex, 200, "application/x-protobuf", version.toByteArray()));
             MesosClient client = new MesosClient(config(master.url()).encoding(Encoding.PROTOBUF).build())) {
            ApiResponse response = client.call(Call.newBuilder().setType(Call.Type.GET_VERSION).build());

            StubMaster.Received sent = master.requests().get(0);
            assertThat(sent.header("Content-Type")).isEqualTo("application/x-protobuf");
            assertThat(sent.header("Accept")).isEqualTo("application/x-protobuf");
            assertThat(Call.parseFrom(sent.body()).getType()).isEqualTo(Call.Type.GET_VERSION);
            assertThat(response.encoding()).isEqualTo(Encoding.PROTOBUF);
            assertThat(response.decoded().value()).isEqualTo(version);
            assertThat(response.json().path("get_version").path("version_info").path("version").asText())
                    .isEqualTo("1.11.0");
        }
    }

    @Test
    void getMetricsAlwaysCarriesGetMetrics() throws IOException {
        try (StubMaster master = StubMaster.http((ex, req, i) -> StubMaster.json(ex, 200,
                "{\"type\":\"GET_METRICS\",\"get_metrics\":{\"metrics\":[{\"name\":\"master/elected\",\"value\":1.0}]}}"));
             MesosClient client = new MesosClient(config(master.url()).build())) {
            client.call(Call.newBuilder().setType(Call.Type.GET_METRICS).build());
            assertThat(master.requests().get(0).bodyText()).isEqualTo("{\"type\":\"GET_METRICS\",\"get_metrics\":{}}");
        }
    }

    @Test
    void emptyWriteAnswerIsSuccess() throws IOException {
        try (StubMaster master = StubMaster.http((ex, req, i) -> StubMaster.respond(ex, 202, null, new byte[0]));
             MesosClient client = new MesosClient(config(master.url()).build())) {
            ApiResponse response = client.call(TEARDOWN);
            assertThat(response.status()).isEqualTo(202);
            assertThat(response.hasBody()).isFalse();
            assertThat(response.json().isEmpty()).isTrue();
            assertThat(response.decoded().ok()).isFalse();
            assertThat(response.decoded().value()).isNull();
        }
    }

    @Test
    void followsProtocolRelativeRedirectWithTheSameBodyAndCredentials() throws IOException {
        try (StubMaster leader = StubMaster.http((ex, req, i) -> StubMaster.respond(ex, 200, null, new byte[0]));
             StubMaster standby = StubMaster.http((ex, req, i) ->
                     StubMaster.redirect(ex, "//127.0.0.1:" + leader.port() + "/master/api/v1"));
             MesosClient client = new MesosClient(config(standby.url())
                     .auth(MesosAuth.basic("ops", "s3cret")).build())) {
            client.call(TEARDOWN);

            StubMaster.Received first = standby.requests().get(0);
            StubMaster.Received second = leader.requests().get(0);
            assertThat(second.method()).isEqualTo("POST");
            assertThat(second.path()).isEqualTo("/master/api/v1");
            assertThat(second.body()).isEqualTo(first.body()).isEqualTo(TEARDOWN_JSON.getBytes(UTF_8));
            assertThat(second.header("Authorization")).isEqualTo(first.header("Authorization"))
                    .isEqualTo("Basic b3BzOnMzY3JldA==");
            assertThat(second.header("Content-Type")).isEqualTo("application/json");
            assertThat(client.currentMaster()).isEqualTo(leader.url());

            client.call(TEARDOWN);
            assertThat(standby.requests()).hasSize(1);
            assertThat(leader.requests()).hasSize(2);
        }
    }

    @Test
    void goesBackToTheConfiguredMastersWhenTheLearnedLeaderDies() throws IOException {
        java.util.concurrent.atomic.AtomicBoolean leaderAlive = new java.util.concurrent.atomic.AtomicBoolean(true);
        StubMaster leader = StubMaster.http((ex, req, i) -> StubMaster.respond(ex, 200, null, new byte[0]));
        try (StubMaster standby = StubMaster.http((ex, req, i) -> {
            if (leaderAlive.get()) {
                StubMaster.redirect(ex, "//127.0.0.1:" + leader.port() + "/master/api/v1");
            } else {
                StubMaster.respond(ex, 200, null, new byte[0]);
            }
        }); MesosClient client = new MesosClient(config(standby.url()).build())) {
            client.call(TEARDOWN);
            assertThat(client.currentMaster()).isEqualTo(leader.url());

            leader.close();
            leaderAlive.set(false);
            client.call(TEARDOWN);
            assertThat(client.currentMaster()).isEqualTo(standby.url());
            assertThat(standby.requests()).hasSize(2);
        } finally {
            leader.close();
        }
    }

    private static final String TEARDOWN_JSON = "{\"type\":\"TEARDOWN\",\"teardown\":{\"framework_id\":{\"value\":\"fw-1\"}}}";

    @Test
    void stopsAfterMaxRedirects() throws IOException {
        try (StubMaster master = StubMaster.http((ex, req, i) -> StubMaster.redirect(ex, "/hop/" + i + "/api/v1"));
             MesosClient client = new MesosClient(config(master.url()).build())) {
            assertThatThrownBy(() -> client.call(GET_HEALTH)).isInstanceOf(MesosRedirectException.class)
                    .hasMessageContaining("more than 5 redirects");
            assertThat(master.requests()).hasSize(6);
        }
    }

    @Test
    void detectsRedirectLoops() throws IOException {
        int[] otherPort = new int[1];
        try (StubMaster a = StubMaster.http((ex, req, i) ->
                StubMaster.redirect(ex, "//127.0.0.1:" + otherPort[0] + "/master/api/v1"));
             StubMaster b = StubMaster.http((ex, req, i) ->
                     StubMaster.redirect(ex, "//127.0.0.1:" + a.port() + "/master/api/v1"));
             MesosClient client = new MesosClient(config(a.url()).build())) {
            otherPort[0] = b.port();
            assertThatThrownBy(() -> client.call(GET_HEALTH)).isInstanceOf(MesosRedirectException.class)
                    .hasMessageContaining("loop");
            assertThat(a.requests().size() + b.requests().size()).isLessThanOrEqualTo(4);
        }
    }

    @Test
    void redirectWithoutLocationIsARedirectError() throws IOException {
        try (StubMaster master = StubMaster.http((ex, req, i) -> ex.sendResponseHeaders(307, -1));
             MesosClient client = new MesosClient(config(master.url()).build())) {
            assertThatThrownBy(() -> client.call(GET_HEALTH)).isInstanceOf(MesosRedirectException.class)
                    .hasMessageContaining("without a Location");
        }
    }

    @Test
    void retries503UntilTheLeaderHasRecovered() throws IOException {
        try (StubMaster master = StubMaster.http((ex, req, i) -> {
            if (i < 2) {
                StubMaster.text(ex, 503, i == 0 ? "No leader elected" : "Master has not finished recovery");
            } else {
                StubMaster.respond(ex, 200, null, new byte[0]);
            }
        }); MesosClient client = new MesosClient(config(master.url()).build())) {
            assertThat(client.call(TEARDOWN).status()).isEqualTo(200);
            assertThat(master.requests()).hasSize(3);
            assertThat(master.requests()).allSatisfy(r -> assertThat(r.bodyText()).isEqualTo(TEARDOWN_JSON));
        }
    }

    @Test
    void gives503UpAfterTheLastAttempt() throws IOException {
        try (StubMaster master = StubMaster.http((ex, req, i) -> StubMaster.text(ex, 503, "No leader elected"));
             MesosClient client = new MesosClient(config(master.url()).build())) {
            assertThatThrownBy(() -> client.call(GET_HEALTH)).isInstanceOfSatisfying(MesosHttpException.class, e -> {
                assertThat(e.kind()).isEqualTo(MesosHttpException.Kind.UNAVAILABLE);
                assertThat(e.body()).isEqualTo("No leader elected");
            });
            assertThat(master.requests()).hasSize(FAST_RETRY.maxAttempts());
        }
    }

    @Test
    void movesToTheNextMasterWhenAConnectionIsRefused() throws IOException {
        URI dead = deadUrl();
        try (StubMaster live = StubMaster.http((ex, req, i) -> StubMaster.respond(ex, 200, null, new byte[0]));
             MesosClient client = new MesosClient(config(dead, live.url()).build())) {
            assertThat(client.call(TEARDOWN).master()).isEqualTo(live.url());
            assertThat(client.currentMaster()).isEqualTo(live.url());
            assertThat(live.requests()).hasSize(1);
        }
    }

    @Test
    void unreachableMastersGiveAConnectionErrorThatIsNotInDoubt() {
        try (MesosClient client = new MesosClient(config(deadUrl(), deadUrl()).build())) {
            assertThatThrownBy(() -> client.call(TEARDOWN)).isInstanceOfSatisfying(MesosConnectionException.class,
                    e -> assertThat(e.inDoubt()).isFalse());
        }
    }

    @Test
    void neverRepeatsAWriteAfterAnIoErrorOnceItWasSent() throws IOException {
        try (StubMaster master = StubMaster.http((ex, req, i) -> {
            throw new IOException("connection dropped after reading the request");
        }); MesosClient client = new MesosClient(config(master.url()).build())) {
            assertThatThrownBy(() -> client.call(TEARDOWN)).isInstanceOfSatisfying(MesosConnectionException.class,
                    e -> assertThat(e.inDoubt()).isTrue());
            assertThat(master.requests()).hasSize(1);
        }
    }

    @Test
    void repeatsAReadAfterAnIoError() throws IOException {
        try (StubMaster master = StubMaster.http((ex, req, i) -> {
            if (i == 0) {
                throw new IOException("connection dropped after reading the request");
            }
            StubMaster.json(ex, 200, "{\"type\":\"GET_HEALTH\",\"get_health\":{\"healthy\":true}}");
        }); MesosClient client = new MesosClient(config(master.url()).build())) {
            assertThat(client.call(GET_HEALTH).status()).isEqualTo(200);
            assertThat(master.requests()).hasSize(2);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "400, VALIDATION, Failed to validate master::Call: Expecting 'get_metrics' to be present",
        "401, UNAUTHORIZED, 401 Unauthorized.",
        "403, FORBIDDEN, 403 Forbidden.",
        "404, NOT_FOUND, Agent 'a1' not found",
        "405, METHOD_NOT_ALLOWED, 405 Method Not Allowed.",
        "406, NOT_ACCEPTABLE, Expecting 'Accept' to allow 'application/x-protobuf' or 'application/json'",
        "409, CONFLICT, Agent is currently being marked gone",
        "415, UNSUPPORTED_MEDIA_TYPE, Expecting 'Content-Type' of application/json or application/x-protobuf",
        "501, NOT_IMPLEMENTED, 501 Not Implemented.",
        "503, UNAVAILABLE, No leader elected",
        "500, SERVER_ERROR, boom",
        "502, SERVER_ERROR, bad gateway",
        "418, OTHER, teapot",
    })
    void mapsEveryStatusToItsKindAndKeepsTheBody(int status, MesosHttpException.Kind kind, String body)
            throws IOException {
        try (StubMaster master = StubMaster.http((ex, req, i) -> StubMaster.text(ex, status, body));
             MesosClient client = new MesosClient(config(master.url()).retry(RetryPolicy.none()).build())) {
            assertThatThrownBy(() -> client.call(TEARDOWN)).isInstanceOfSatisfying(MesosHttpException.class, e -> {
                assertThat(e.status()).isEqualTo(status);
                assertThat(e.kind()).isEqualTo(kind);
                assertThat(e.body()).isEqualTo(body);
                assertThat(e.callType()).isEqualTo("TEARDOWN");
                assertThat(e.url()).isEqualTo(URI.create(master.url() + "/api/v1"));
            });
            assertThat(master.requests()).hasSize(1);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "basic, Basic b3BzOnMzY3JldA==",
        "bearer, Bearer s3cret",
        "dcos, token=s3cret",
    })
    void sendsTheConfiguredAuthorizationHeader(String type, String expected) throws IOException {
        MesosAuth auth = switch (type) {
            case "basic" -> MesosAuth.basic("ops", "s3cret");
            case "bearer" -> MesosAuth.bearer("s3cret");
            default -> MesosAuth.dcosToken("s3cret");
        };
        assertThat(auth.toString()).doesNotContain("s3cret");
        try (StubMaster master = StubMaster.http((ex, req, i) -> StubMaster.respond(ex, 200, null, new byte[0]));
             MesosClient client = new MesosClient(config(master.url()).auth(auth).build())) {
            assertThat(client.config().toString()).doesNotContain("s3cret");
            client.call(TEARDOWN);
            assertThat(master.requests().get(0).header("Authorization")).isEqualTo(expected);
        }
    }

    @Test
    void noAuthSendsNoAuthorizationHeader() throws IOException {
        try (StubMaster master = StubMaster.http((ex, req, i) -> StubMaster.respond(ex, 200, null, new byte[0]));
             MesosClient client = new MesosClient(config(master.url()).build())) {
            client.call(TEARDOWN);
            assertThat(master.requests().get(0).header("Authorization")).isNull();
        }
    }

    @Test
    void versionIsFetchedOnceAndGatesFeatures() throws IOException {
        try (StubMaster master = StubMaster.http((ex, req, i) -> StubMaster.json(ex, 200,
                "{\"type\":\"GET_VERSION\",\"get_version\":{\"version_info\":{\"version\":\"1.8.1\"}}}"));
             MesosClient client = new MesosClient(config(master.url()).build())) {
            assertThat(client.masterVersion()).isEqualTo(MesosVersion.parse("1.8.1"));
            assertThat(client.supports(MesosFeature.HEARTBEATS)).isTrue();
            assertThat(client.supports(MesosFeature.OPERATIONS)).isTrue();
            assertThat(client.supports(MesosFeature.UPDATE_QUOTA)).isFalse();
            assertThat(client.supports(MesosFeature.AGENT_DRAIN)).isFalse();
            assertThatThrownBy(() -> client.require(MesosFeature.AGENT_DEACTIVATE))
                    .isInstanceOf(MesosVersionException.class).hasMessageContaining("1.9.0").hasMessageContaining("1.8.1");
            assertThat(master.requests()).hasSize(1);
            assertThat(master.requests().get(0).bodyText()).isEqualTo("{\"type\":\"GET_VERSION\"}");
        }
    }

    @Test
    void subscribeIsRefusedThroughCall() throws IOException {
        try (MesosClient client = new MesosClient(config(URI.create("http://127.0.0.1:1")).build())) {
            assertThatThrownBy(() -> client.call(Call.newBuilder().setType(Call.Type.SUBSCRIBE).build()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void masterUrlsGetTheApiPath() {
        assertThat(MasterEndpoints.endpointOf(URI.create("http://m1:5050"))).isEqualTo(URI.create("http://m1:5050/api/v1"));
        assertThat(MasterEndpoints.endpointOf(URI.create("https://m1:5050/"))).isEqualTo(URI.create("https://m1:5050/api/v1"));
        assertThat(MasterEndpoints.endpointOf(URI.create("https://dcos/mesos"))).isEqualTo(URI.create("https://dcos/mesos/api/v1"));
        assertThat(MasterEndpoints.endpointOf(URI.create("http://m1:5050/master/api/v1")))
                .isEqualTo(URI.create("http://m1:5050/master/api/v1"));
    }

    static URI deadUrl() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
