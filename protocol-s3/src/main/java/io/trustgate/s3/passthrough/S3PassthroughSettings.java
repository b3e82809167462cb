package io.trustgate.s3.passthrough;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where and how the passthrough backend reaches its upstream S3 endpoint.
 *
 * @param name           the backend's name in the config, used in errors and logs
 * @param endpoint       {@code http(s)://host[:port]}, no path
 * @param region         signing region, e.g. {@code us-east-1}
 * @param accessKey      the upstream access key id (requests are re-signed with it)
 * @param secretKey      the upstream secret key
 * @param pathStyle      address buckets as {@code /bucket/key} rather than {@code bucket.host}
 * @param connectTimeout how long opening an upstream connection may take
 * @param requestTimeout how long the upstream may stay silent while a request or response is in flight
 * @param maxConnections upper bound on open upstream connections
 * @param trustedCertificates for an {@code https://} endpoint: the only certificates (CAs, or the upstream's own
 *                       self-signed one) its certificate chain may lead to, on both upstream paths; empty: the
 *                       JVM's default trust. The host name is verified either way.
 */
public record S3PassthroughSettings(String name, URI endpoint, String region, String accessKey, String secretKey,
                                    boolean pathStyle, Duration connectTimeout, Duration requestTimeout,
                                    int maxConnections, List<X509Certificate> trustedCertificates) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_CONNECTIONS = 128;
    public static final String DEFAULT_REGION = "us-east-1";

    public S3PassthroughSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1");
        }
        trustedCertificates = List.copyOf(trustedCertificates);
    }

    /** With the JVM's default trust. */
    public S3PassthroughSettings(String name, URI endpoint, String region, String accessKey, String secretKey,
                                 boolean pathStyle, Duration connectTimeout, Duration requestTimeout,
                                 int maxConnections) {
        this(name, endpoint, region, accessKey, secretKey, pathStyle, connectTimeout, requestTimeout, maxConnections,
                List.of());
    }

    /** The same settings, trusting only {@code certificates} (empty: the JVM's default trust). */
    public S3PassthroughSettings withTrustedCertificates(List<X509Certificate> certificates) {
        return new S3PassthroughSettings(name, endpoint, region, accessKey, secretKey, pathStyle, connectTimeout,
                requestTimeout, maxConnections, certificates);
    }

    /** Defaults for everything but the endpoint and credentials. */
    public static S3PassthroughSettings of(String name, URI endpoint, String accessKey, String secretKey) {
        return new S3PassthroughSettings(name, endpoint, DEFAULT_REGION, accessKey, secretKey, true,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_CONNECTIONS);
    }

    @Override
    public String toString() {
        return "S3PassthroughSettings[name=" + name + ", endpoint=" + endpoint + ", region=" + region
                + ", accessKey=" + accessKey + ", pathStyle=" + pathStyle + ", trustedCertificates="
                + (trustedCertificates.isEmpty() ? "JVM default" : trustedCertificates.size()) + "]";
    }
}
