package io.trustgate.s3.passthrough;

import javax.net.ssl.TrustManagerFactory;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The trust both upstream paths use for an {@code https://} endpoint: a {@link TrustManagerFactory} over exactly
 * the backend's {@link S3PassthroughSettings#trustedCertificates()}, or null for the JVM's default trust. One
 * factory per backend, shared by the event-loop path (Netty's {@code SslContextBuilder}) and the SDK path (its
 * Netty client's {@code TlsTrustManagersProvider}), so every request to the backend trusts the same roots. Host
 * name verification is not decided here: both paths keep it on.
 */
final class UpstreamTrust {

    private UpstreamTrust() {
    }

    /** Null when {@code certificates} is empty (the JVM's default trust applies). */
    static TrustManagerFactory of(String backend, List<X509Certificate> certificates) {
        if (certificates.isEmpty()) {
            return null;
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("trusted-" + i, certificates.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("S3 backend '" + backend + "': cannot build its trust from "
                    + certificates.size() + " certificate(s): " + e.getMessage(), e);
        }
    }
}
