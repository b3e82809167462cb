package io.trustgate.gateway.config;

import java.time.Duration;
import java.util.Objects;

/**
 * A single Redis server reached by passthrough.
 *
 * @param username       ACL user for AUTH, or null
 * @param password       password for AUTH, or null (no AUTH)
 * @param connectTimeout how long a TCP connect may take; positive
 * @param commandTimeout how long a reply may take; {@link Duration#ZERO} means no timeout
 * @param connections    shared pipelined connections per event loop; at least 1
 */
public record RedisBackendConfig(String name, HostPort address, String username, String password,
                                 Duration connectTimeout, Duration commandTimeout, int connections)
        implements BackendConfig {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_CONNECTIONS = 2;

    public RedisBackendConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
    }

    @Override
    public BackendType type() {
        return BackendType.REDIS;
    }

    @Override
    public String toString() {
        return "RedisBackendConfig[name=" + name + ", address=" + address + ", username=" + username
                + ", password=" + (password == null ? "none" : "***") + ", connectTimeout=" + connectTimeout
                + ", commandTimeout=" + commandTimeout + ", connections=" + connections + "]";
    }
}
