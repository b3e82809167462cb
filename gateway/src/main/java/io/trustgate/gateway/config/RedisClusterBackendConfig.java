package io.trustgate.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A Redis Cluster reached by passthrough. The gateway discovers the topology from the seed {@code nodes}; the
 * other components mean what they mean on {@link RedisBackendConfig}.
 */
public record RedisClusterBackendConfig(String name, List<HostPort> nodes, String username, String password,
                                        Duration connectTimeout, Duration commandTimeout, int connections)
        implements BackendConfig {

    public RedisClusterBackendConfig {
        Objects.requireNonNull(name, "name");
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
    }

    @Override
    public BackendType type() {
        return BackendType.REDIS_CLUSTER;
    }

    @Override
    public String toString() {
        return "RedisClusterBackendConfig[name=" + name + ", nodes=" + nodes + ", username=" + username
                + ", password=" + (password == null ? "none" : "***") + ", connectTimeout=" + connectTimeout
                + ", commandTimeout=" + commandTimeout + ", connections=" + connections + "]";
    }
}
