package io.kafkaconnect.mesos.client;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/** Builds the OkHttp client the way the Mesos master needs it. */
final class HttpClients {

    private static final Logger LOG = LoggerFactory.getLogger(HttpClients.class);

    private HttpClients() {
    }

    static OkHttpClient create(MesosClientConfig config) {
        TlsContexts.Material tls = TlsContexts.build(config.tls());
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                // libprocess speaks HTTP/1.1; SUBSCRIBE is a long chunked response.
                .protocols(List.of(Protocol.HTTP_1_1))
                // Redirects are followed by CallExecutor (re-POST, loop and downgrade checks).
                .followRedirects(false)
                .followSslRedirects(false)
                // OkHttp must never resend a write on its own.
                .retryOnConnectionFailure(false)
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.requestTimeout())
                .writeTimeout(config.requestTimeout())
                .callTimeout(config.requestTimeout())
                .eventListenerFactory(SendTracker.FACTORY)
                .sslSocketFactory(tls.context().getSocketFactory(), tls.trustManager());
        if (!config.tls().hostnameVerification()) {
            LOG.warn("TLS hostname verification is OFF for Mesos masters {}: any certificate from a trusted CA is "
                    + "accepted for any host", config.masterUrls());
            builder.hostnameVerifier((host, session) -> true);
        }
        return builder.build();
    }
}
