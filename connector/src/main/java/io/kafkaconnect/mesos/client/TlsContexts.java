package io.kafkaconnect.mesos.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Builds the SSL context and trust manager for {@link TlsSettings}. */
final class TlsContexts {

    /** What OkHttp needs for https. */
    record Material(SSLContext context, X509TrustManager trustManager) {
    }

    private TlsContexts() {
    }

    static Material build(TlsSettings tls) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(tls.truststorePath() == null ? null
                    : load(tls.truststorePath(), tls.truststorePassword(), tls.truststoreType()));
            X509TrustManager trustManager = null;
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    trustManager = x509;
                }
            }
            if (trustManager == null) {
                throw new MesosException("no X509 trust manager available");
            }
            KeyManager[] keyManagers = null;
            if (tls.keystorePath() != null) {
                KeyStore keystore = load(tls.keystorePath(), tls.keystorePassword(), tls.keystoreType());
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                String keyPassword = tls.keyPassword() != null ? tls.keyPassword() : tls.keystorePassword();
                kmf.init(keystore, keyPassword == null ? new char[0] : keyPassword.toCharArray());
                keyManagers = kmf.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, new TrustManager[] {trustManager}, null);
            return new Material(context, trustManager);
        } catch (GeneralSecurityException e) {
            throw new MesosException("cannot set up TLS (" + tls + "): " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String path, String password, String type) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type == null || type.isBlank() ? "PKCS12" : type.strip());
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            store.load(in, password == null ? null : password.toCharArray());
        } catch (IOException e) {
            throw new MesosException("cannot read key store " + path + ": " + e.getMessage(), e);
        }
        return store;
    }
}
