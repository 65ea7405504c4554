package io.kafkaconnect.mesos.security;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.kafkaconnect.mesos.client.EventStream;
import io.kafkaconnect.mesos.client.MesosAuth;
import io.kafkaconnect.mesos.client.MesosClient;
import io.kafkaconnect.mesos.client.MesosClientConfig;
import io.kafkaconnect.mesos.client.RetryPolicy;
import io.kafkaconnect.mesos.client.StubMaster;
import io.kafkaconnect.mesos.client.TlsSettings;
import io.kafkaconnect.mesos.config.MesosConnectionConfig;
import io.kafkaconnect.mesos.simulator.SimulatedMesosCluster;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.master.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run that uses every kind of credential the connectors accept, through redirects, retries, refusals and errors,
 * and logs failures the way a task does. {@link CredentialsNeverLoggedTest} runs it in a JVM of its own with every
 * logger at TRACE and checks the log file. The secrets come from the environment: {@value #PASSWORD},
 * {@value #TOKEN}, {@value #DCOS_TOKEN}, {@value #STORE_PASSWORD}.
 */
public final class CredentialUseScenario {

    static final String PASSWORD = "SCENARIO_PASSWORD";
    static final String TOKEN = "SCENARIO_TOKEN";
    static final String DCOS_TOKEN = "SCENARIO_DCOS_TOKEN";
    static final String STORE_PASSWORD = "SCENARIO_STORE_PASSWORD";

    private static final Logger LOG = LoggerFactory.getLogger(CredentialUseScenario.class);
    private static final Call GET_HEALTH = Call.newBuilder().setType(Call.Type.GET_HEALTH).build();

    private CredentialUseScenario() {
    }

    public static void main(String[] args) throws Exception {
        String password = System.getenv(PASSWORD);
        basicAuthThroughARedirectRetriesAndErrors(password);
        connectorConfigWithEverySecret(password);
        tokensThroughARedirectToRefusals(System.getenv(TOKEN), System.getenv(DCOS_TOKEN));
        tlsStorePasswords(System.getenv(STORE_PASSWORD));
        LOG.info("scenario complete");
        System.exit(0); // the simulator's and OkHttp's threads must not keep the JVM alive
    }

    private static MesosClientConfig.Builder client(URI master) {
        return MesosClientConfig.builder().masterUrl(master).retry(new RetryPolicy(4, Duration.ofMillis(10),
                Duration.ofMillis(50))).requestTimeout(Duration.ofSeconds(20));
    }

    private static void basicAuthThroughARedirectRetriesAndErrors(String password) {
        try (SimulatedMesosCluster sim = SimulatedMesosCluster.builder().masters(2).basicAuth("ops", password).build()
                .start()) {
            URI standby = sim.masterUrls().stream().filter(u -> !u.equals(sim.leaderUrl())).findFirst().orElseThrow();
            try (MesosClient mesos = new MesosClient(client(standby).auth(MesosAuth.basic("ops", password)).build())) {
                LOG.info("client configuration: {}", mesos.config());
                mesos.masterVersion(); // redirected from the standby to the leader
                sim.faults().failNextCalls(503, "Master has not finished recovery", 2);
                mesos.call(GET_HEALTH); // retried
                try {
                    mesos.call(Call.newBuilder().setType(Call.Type.DEACTIVATE_AGENT).setDeactivateAgent(
                            Call.DeactivateAgent.newBuilder().setAgentId(AgentID.newBuilder().setValue("nope")))
                            .build());
                } catch (RuntimeException e) {
                    LOG.error("write refused", e);
                }
                try (EventStream stream = mesos.subscribe()) {
                    stream.next();
                    stream.next();
                }
            }
            try (MesosClient wrong = new MesosClient(client(sim.leaderUrl())
                    .auth(MesosAuth.basic("ops", password + "-wrong")).build())) {
                wrong.call(GET_HEALTH);
            } catch (RuntimeException e) {
                LOG.error("credentials refused", e);
            }
            Map<String, String> props = new HashMap<>();
            props.put(MesosConnectionConfig.MASTER_URLS, sim.leaderUrl().toString());
            props.put(MesosConnectionConfig.AUTH_TYPE, "basic");
            props.put(MesosConnectionConfig.AUTH_USERNAME, "ops");
            props.put(MesosConnectionConfig.AUTH_PASSWORD, password + "-wrong");
            ConfigDef def = MesosConnectionConfig.define(new ConfigDef());
            Config result = new Config(def.validate(props));
            MesosConnectionConfig.validateLive(props, result, Duration.ofSeconds(10));
            result.configValues().forEach(v -> v.errorMessages().forEach(m -> LOG.error("{}: {}", v.name(), m)));
        }
    }

    private static void connectorConfigWithEverySecret(String password) {
        Map<String, String> props = new HashMap<>();
        props.put(MesosConnectionConfig.MASTER_URLS, "https://m1:5050");
        props.put(MesosConnectionConfig.AUTH_TYPE, "basic");
        props.put(MesosConnectionConfig.AUTH_USERNAME, "ops");
        props.put(MesosConnectionConfig.AUTH_PASSWORD, password);
        props.put(MesosConnectionConfig.AUTH_TOKEN, password + "-token");
        props.put(MesosConnectionConfig.TRUSTSTORE_PASSWORD, password + "-trust");
        props.put(MesosConnectionConfig.KEYSTORE_PASSWORD, password + "-keystore");
        props.put(MesosConnectionConfig.KEY_PASSWORD, password + "-key");
        AbstractConfig config = new AbstractConfig(MesosConnectionConfig.define(new ConfigDef()), props); // logs all
        LOG.info("client configuration from connector settings: {}", MesosConnectionConfig.toClientConfig(config));
    }

    private static void tokensThroughARedirectToRefusals(String token, String dcosToken) throws Exception {
        try (StubMaster refusing = StubMaster.http((ex, req, i) -> StubMaster.text(ex, i % 2 == 0 ? 401 : 500,
                "denied"));
             StubMaster redirecting = StubMaster.http((ex, req, i) -> StubMaster.redirect(ex, "//127.0.0.1:"
                     + refusing.port() + "/master/api/v1"))) {
            for (MesosAuth auth : List.of(MesosAuth.bearer(token), MesosAuth.dcosToken(dcosToken))) {
                try (MesosClient mesos = new MesosClient(client(redirecting.url()).auth(auth).build())) {
                    LOG.info("client configuration: {}", mesos.config());
                    for (int attempt = 0; attempt < 2; attempt++) {
                        try {
                            mesos.call(GET_HEALTH);
                        } catch (RuntimeException e) {
                            LOG.error("call failed", e);
                        }
                    }
                }
            }
        }
    }

    private static void tlsStorePasswords(String storePassword) {
        TlsSettings tls = TlsSettings.trusting("/nonexistent/truststore.p12", storePassword, "PKCS12")
                .withKeystore("/nonexistent/keystore.p12", storePassword + "-ks", "PKCS12", storePassword + "-key");
        try (MesosClient mesos = new MesosClient(client(URI.create("https://m1:5050")).tls(tls).build())) {
            LOG.info("unexpected: {}", mesos.config());
        } catch (RuntimeException e) {
            LOG.error("TLS material refused: {}", tls, e);
        }
    }
}
