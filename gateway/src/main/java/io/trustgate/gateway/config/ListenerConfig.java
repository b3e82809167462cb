package io.trustgate.gateway.config;

import java.util.Objects;

/**
 * One listening socket and the protocol it speaks.
 *
 * @param redis the Redis protocol options; never null for a {@link Protocol#REDIS} listener (defaults apply
 *              when the YAML has no {@code redis:} section)
 * @param s3    the S3 options; never null for a {@link Protocol#S3} listener, null otherwise
 */
public record ListenerConfig(String name, Protocol protocol, String host, int port, RedisListenerOptions redis,
                             S3ListenerOptions s3) {

    public static final String DEFAULT_HOST = "0.0.0.0";

    public ListenerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(host, "host");
        if (protocol == Protocol.REDIS) {
            Objects.requireNonNull(redis, "redis options of a redis listener");
        }
        if (protocol == Protocol.S3) {
            Objects.requireNonNull(s3, "s3 options of an s3 listener");
        }
    }

    /** A listener without S3 options (any non-S3 protocol). */
    public ListenerConfig(String name, Protocol protocol, String host, int port, RedisListenerOptions redis) {
        this(name, protocol, host, port, redis, null);
    }
}
