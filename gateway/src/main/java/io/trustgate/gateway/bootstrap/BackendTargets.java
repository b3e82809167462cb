package io.trustgate.gateway.bootstrap;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.trustgate.gateway.config.BackendConfig;
import io.trustgate.gateway.config.BackendType;
import io.trustgate.gateway.config.EmbeddedBackendConfig;
import io.trustgate.gateway.config.HostPort;
import io.trustgate.gateway.config.RedisBackendConfig;
import io.trustgate.gateway.config.RedisClusterBackendConfig;
import io.trustgate.gateway.config.SqlBackendConfig;
import io.trustgate.redis.command.keyspace.KeyspaceCommandExecutor;
import io.trustgate.redis.passthrough.ClusterTarget;
import io.trustgate.redis.passthrough.StandaloneTarget;
import io.trustgate.redis.passthrough.UpstreamSettings;
import io.trustgate.redis.route.KeyspaceTarget;
import io.trustgate.redis.route.RouteTarget;
import io.trustgate.translators.redis.embedded.FsyncPolicy;
import io.trustgate.translators.redis.embedded.InMemoryKeyspaceEngine;
import io.trustgate.translators.redis.sql.SqlKeyspaceEngine;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one route target per configured backend, shared by every listener that routes to it, and closes them
 * all at shutdown.
 */
final class BackendTargets implements AutoCloseable {

    private final Map<String, RouteTarget> targets = new LinkedHashMap<>();
    private final List<AutoCloseable> engines = new ArrayList<>();

    BackendTargets(List<BackendConfig> backends, EventLoopGroup group, Transport transport, MeterRegistry registry) {
        for (BackendConfig backend : backends) {
            if (!backend.type().serves(io.trustgate.gateway.config.Protocol.REDIS)) {
                continue; // S3 backends are BlobStores
            }
            targets.put(backend.name(), build(backend, group, transport, registry));
        }
    }

    private RouteTarget build(BackendConfig backend, EventLoopGroup group, Transport transport,
                              MeterRegistry registry) {
        if (backend instanceof RedisBackendConfig redis) {
            UpstreamSettings settings = new UpstreamSettings(redis.name(), redis.username(), redis.password(),
                    redis.connectTimeout(), redis.commandTimeout(), redis.connections(), transport.socketChannel(),
                    registry);
            return new StandaloneTarget(settings, address(redis.address()), group);
        }
        if (backend instanceof RedisClusterBackendConfig cluster) {
            UpstreamSettings settings = new UpstreamSettings(cluster.name(), cluster.username(), cluster.password(),
                    cluster.connectTimeout(), cluster.commandTimeout(), cluster.connections(),
                    transport.socketChannel(), registry);
            return new ClusterTarget(settings, cluster.nodes().stream().map(BackendTargets::address).toList(), group);
        }
        if (backend instanceof EmbeddedBackendConfig embedded) {
            InMemoryKeyspaceEngine engine = embeddedEngine(embedded);
            engines.add(engine);
            return new KeyspaceTarget(embedded.name(), new KeyspaceCommandExecutor(embedded.name(), engine));
        }
        if (backend instanceof SqlBackendConfig sql) {
            SqlKeyspaceEngine engine = SqlKeyspaceEngine.open(sql.type() == BackendType.POSTGRES
                            ? SqlKeyspaceEngine.Kind.POSTGRES : SqlKeyspaceEngine.Kind.MARIADB,
                    sql.url(), sql.username(), sql.password(), sql.poolSize(), sql.tablePrefix());
            engines.add(engine);
            return new KeyspaceTarget(sql.name(), new KeyspaceCommandExecutor(sql.name(), engine));
        }
        throw new IllegalArgumentException("unknown backend type " + backend.type());
    }

    private static InMemoryKeyspaceEngine embeddedEngine(EmbeddedBackendConfig embedded) {
        if (embedded.dataDir() == null) {
            return new InMemoryKeyspaceEngine();
        }
        try {
            return InMemoryKeyspaceEngine.open(embedded.dataDir(), FsyncPolicy.parse(embedded.fsync()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("embedded backend '" + embedded.name() + "': " + e.getMessage(), e);
        }
    }

    private static InetSocketAddress address(HostPort hostPort) {
        return new InetSocketAddress(hostPort.host(), hostPort.port());
    }

    RouteTarget get(String name) {
        RouteTarget target = targets.get(name);
        if (target == null) {
            throw new IllegalArgumentException("no backend named '" + name + "'");
        }
        return target;
    }

    boolean allReady() {
        return targets.values().stream().allMatch(RouteTarget::isReady);
    }

    @Override
    public void close() {
        targets.values().forEach(RouteTarget::close);
        for (AutoCloseable engine : engines) {
            try {
                engine.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(BackendTargets.class).warn("closing a backend failed", e);
            }
        }
    }
}
