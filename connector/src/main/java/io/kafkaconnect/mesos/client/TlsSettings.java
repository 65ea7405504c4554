package io.kafkaconnect.mesos.client;

/**
 * TLS for {@code https://} masters. With no truststore the JVM's default trust store is used. A client keystore is
 * optional (mutual TLS). Hostname verification is on unless explicitly turned off. {@code toString()} hides passwords.
 *
 * @param truststorePath     JKS or PKCS12 file with the CAs to trust, or null for the JVM default
 * @param truststorePassword its password, or null
 * @param truststoreType     {@code PKCS12} or {@code JKS}; null means PKCS12
 * @param keystorePath       client certificate and key for mutual TLS, or null
 * @param keystorePassword   its password, or null
 * @param keystoreType       {@code PKCS12} or {@code JKS}; null means PKCS12
 * @param keyPassword        the key's password if it differs from the keystore's, or null
 * @param hostnameVerification check that the certificate names the host (default true)
 */
public record TlsSettings(String truststorePath, String truststorePassword, String truststoreType,
                          String keystorePath, String keystorePassword, String keystoreType, String keyPassword,
                          boolean hostnameVerification) {

    /** JVM default trust, no client certificate, hostname verification on. */
    public static TlsSettings defaults() {
        return new TlsSettings(null, null, null, null, null, null, null, true);
    }

    /** Trust the CAs in {@code path} (hostname verification on). */
    public static TlsSettings trusting(String path, String password, String type) {
        return new TlsSettings(path, password, type, null, null, null, null, true);
    }

    /** A copy with hostname verification set to {@code enabled}. */
    public TlsSettings withHostnameVerification(boolean enabled) {
        return new TlsSettings(truststorePath, truststorePassword, truststoreType, keystorePath, keystorePassword,
                keystoreType, keyPassword, enabled);
    }

    /** A copy with a client keystore for mutual TLS. */
    public TlsSettings withKeystore(String path, String password, String type, String keyPasswordValue) {
        return new TlsSettings(truststorePath, truststorePassword, truststoreType, path, password, type,
                keyPasswordValue, hostnameVerification);
    }

    @Override
    public String toString() {
        return "TlsSettings[truststorePath=" + truststorePath + ", truststoreType=" + truststoreType
                + ", keystorePath=" + keystorePath + ", keystoreType=" + keystoreType
                + ", passwords=[hidden], hostnameVerification=" + hostnameVerification + "]";
    }
}
