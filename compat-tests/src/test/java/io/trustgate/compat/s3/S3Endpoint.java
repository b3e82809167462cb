package io.trustgate.compat.s3;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * Where one lane's S3 server answers and how to sign for it: the HTTP and HTTPS endpoints (path-style, loopback),
 * a SigV4 key pair, and the keystore whose self-signed certificate the HTTPS endpoint presents (trusted by the
 * tests' clients only).
 */
record S3Endpoint(URI http, URI https, String accessKey, String secretKey, Path trustStore,
                  char[] trustStorePassword) {

    static final String REGION = "us-east-1";

    /** Which of the two endpoints a client talks to. */
    enum Scheme {
        HTTP, HTTPS
    }

    URI uri(Scheme scheme) {
        return scheme == Scheme.HTTP ? http : https;
    }

    /** Trust managers that accept exactly the HTTPS endpoint's certificate. */
    TrustManager[] trustManagers() {
        try (InputStream in = Files.newInputStream(trustStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, trustStorePassword);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the HTTPS endpoint's keystore " + trustStore, e);
        }
    }

    SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[0], trustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
