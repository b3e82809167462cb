package io.trustgate.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code s3:} section of an S3 listener, validated.
 *
 * @param virtualHostSuffixes  host suffixes for virtual-hosted-style addressing ({@code s3.localhost})
 * @param certificate          PEM certificate chain for TLS, or null for plain HTTP
 * @param privateKey           PEM PKCS#8 private key for TLS, or null
 * @param credentials          access key id to secret key; never empty
 * @param defaultCredentials   true when {@code credentials} came from {@code TRUSTGATE_S3_*} or the built-in
 *                             {@code trustgate}/{@code trustgate-secret} pair because the file had none
 * @param publicRead           bucket names or globs anonymous clients may read
 * @param maxHeaderSize        largest request header section in bytes
 * @param idleTimeout          a connection with no request in progress this long is closed; zero: never
 * @param requestTimeout       a request body that stalls this long gets 400 RequestTimeout; zero: never
 */
public record S3ListenerOptions(List<String> virtualHostSuffixes, Path certificate, Path privateKey,
                                Map<String, String> credentials, boolean defaultCredentials,
                                List<String> publicRead, int maxHeaderSize, Duration idleTimeout,
                                Duration requestTimeout) {

    public static final String DEFAULT_ACCESS_KEY = "trustgate";
    public static final String DEFAULT_SECRET_KEY = "trustgate-secret";
    public static final String ACCESS_KEY_ENV = "TRUSTGATE_S3_ACCESS_KEY";
    public static final String SECRET_KEY_ENV = "TRUSTGATE_S3_SECRET_KEY";
    public static final int DEFAULT_MAX_HEADER_SIZE = 16 * 1024;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);

    public S3ListenerOptions {
        virtualHostSuffixes = List.copyOf(virtualHostSuffixes);
        credentials = Map.copyOf(credentials);
        publicRead = List.copyOf(publicRead);
    }

    /** With the default timeouts. */
    public S3ListenerOptions(List<String> virtualHostSuffixes, Path certificate, Path privateKey,
                             Map<String, String> credentials, boolean defaultCredentials, List<String> publicRead,
                             int maxHeaderSize) {
        this(virtualHostSuffixes, certificate, privateKey, credentials, defaultCredentials, publicRead, maxHeaderSize,
                DEFAULT_IDLE_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    public boolean tls() {
        return certificate != null;
    }
}
