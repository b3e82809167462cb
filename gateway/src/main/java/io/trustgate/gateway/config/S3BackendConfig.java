package io.trustgate.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Passthrough to another S3-compatible endpoint; requests are re-signed with this backend's own credentials.
 *
 * @param endpoint       {@code http(s)://host[:port]} of the upstream
 * @param region         signing region
 * @param accessKey      upstream access key id
 * @param secretKey      upstream secret key
 * @param pathStyle      {@code /bucket/key} addressing upstream (true) or virtual-hosted {@code bucket.host}
 * @param connectTimeout limit on opening an upstream connection
 * @param requestTimeout limit on upstream silence while a request or response is in flight
 * @param maxConnections upper bound on open upstream connections
 * @param tls            for an {@code https://} endpoint, the certificates it must chain to instead of the JVM's
 *                       default trust; null: the JVM's default trust
 */
public record S3BackendConfig(String name, URI endpoint, String region, String accessKey, String secretKey,
                              boolean pathStyle, Duration connectTimeout, Duration requestTimeout,
                              int maxConnections, UpstreamTls tls) implements BackendConfig {

    public static final String DEFAULT_REGION = "us-east-1";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_CONNECTIONS = 128;

    public S3BackendConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /** With the JVM's default trust. */
    public S3BackendConfig(String name, URI endpoint, String region, String accessKey, String secretKey,
                           boolean pathStyle, Duration connectTimeout, Duration requestTimeout, int maxConnections) {
        this(name, endpoint, region, accessKey, secretKey, pathStyle, connectTimeout, requestTimeout, maxConnections,
                null);
    }

    @Override
    public BackendType type() {
        return BackendType.S3;
    }

    @Override
    public String toString() {
        return "S3BackendConfig[name=" + name + ", endpoint=" + endpoint + ", region=" + region + ", accessKey="
                + accessKey + ", pathStyle=" + pathStyle + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", maxConnections=" + maxConnections + ", tls="
                + (tls == null ? "JVM default trust" : tls) + "]";
    }
}
