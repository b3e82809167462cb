package io.trustgate.gateway.config;

import java.util.Objects;

/**
 * One listening socket and the protocol it speaks.
 *
 * @param redis the Redis protocol options; never null for a {@link Protocol#REDIS} listener (defaults apply
 *              when the YAML has no {@code redis:} section)
 */
public record ListenerConfig(String name, Protocol protocol, String host, int port, RedisListenerOptions redis) {

    public static final String DEFAULT_HOST = "0.0.0.0";

    public ListenerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(host, "host");
        if (protocol == Protocol.REDIS) {
            Objects.requireNonNull(redis, "redis options of a redis listener");
        }
    }
}
