package io.trustgate.compat.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.trustgate.gateway.bootstrap.TrustgateServer;
import io.trustgate.gateway.config.ConfigLoader;
import io.trustgate.gateway.config.TrustgateConfig;
import org.junit.jupiter.api.Assertions;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One live gateway per test class, configured the way a user would: a YAML file loaded by the real
 * {@link ConfigLoader}. For every {@link Target} it has a plain listener and one that requires {@link #PASSWORD},
 * each routed to that target's backend; ports are free ones picked at start (the validator rejects port 0).
 *
 * <p>Backends: Redis on 6379 must answer; the cluster on 7000-7002 is started with
 * {@code scripts/redis-cluster.sh start} when it does not. A missing backend fails its tests; none is skipped.
 */
final class GatewayFixture implements AutoCloseable {

    static final String PASSWORD = "pw";
    /** Every client's command timeout: long enough for 10 MB values, short enough that a hang fails the test. */
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(20);

    /** How a Lettuce client picks its protocol. */
    enum Resp {
        /** {@code ClientOptions.protocolVersion(RESP2)}: no HELLO, plain AUTH. */
        RESP2,
        /** Lettuce's default: HELLO 3, falling back to RESP2 on -NOPROTO. */
        NEGOTIATED
    }

    private final Map<Target, String> unavailable;
    private final TrustgateServer server;
    private final Path configFile;
    private final ClientResources resources = DefaultClientResources.create();
    private final List<RedisClient> clients = new ArrayList<>();

    private GatewayFixture(Map<Target, String> unavailable, TrustgateServer server, Path configFile) {
        this.unavailable = unavailable;
        this.server = server;
        this.configFile = configFile;
    }

    static GatewayFixture start() throws IOException {
        Map<Target, String> unavailable = new EnumMap<>(Target.class);
        for (Target target : Target.values()) {
            String why = Backends.ensure(target);
            if (why != null) {
                unavailable.put(target, why);
            }
        }
        Path file = Files.createTempFile("trustgate-compat-", ".yaml");
        Files.writeString(file, yaml(), StandardCharsets.UTF_8);
        TrustgateConfig config = ConfigLoader.load(file, Map.of());
        TrustgateServer server = new TrustgateServer(config,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        server.start();
        return new GatewayFixture(unavailable, server, file);
    }

    private static String yaml() throws IOException {
        Target[] targets = Target.values();
        int[] ports = freePorts(1 + 2 * targets.length);
        StringBuilder y = new StringBuilder();
        y.append("admin: {host: 127.0.0.1, port: ").append(ports[0]).append("}\n");
        y.append("shutdown: {grace: 1s}\n");
        y.append("listeners:\n");
        for (int i = 0; i < targets.length; i++) {
            Target t = targets[i];
            y.append("  - {name: ").append(t.listener()).append(", protocol: redis, host: 127.0.0.1, port: ")
                    .append(ports[1 + 2 * i]).append("}\n");
            y.append("  - {name: ").append(t.authListener()).append(", protocol: redis, host: 127.0.0.1, port: ")
                    .append(ports[2 + 2 * i]).append(", redis: {password: ").append(PASSWORD).append("}}\n");
        }
        y.append("backends:\n");
        for (Target t : targets) {
            y.append("  - ").append(t.yaml()).append('\n');
        }
        y.append("routes:\n");
        for (Target t : targets) {
            y.append("  - {listener: ").append(t.listener()).append(", backend: ").append(t.backend()).append("}\n");
            y.append("  - {listener: ").append(t.authListener()).append(", backend: ").append(t.backend())
                    .append("}\n");
        }
        return y.toString();
    }

    private static int[] freePorts(int n) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }

    /** Fails a test whose target's backend is not there: compat tests never skip (run .ci/run to get them). */
    void require(Target target) {
        String why = unavailable.get(target);
        if (why != null) {
            Assertions.fail("backend of " + target + " is unavailable: " + why);
        }
    }

    int port(Target target) {
        require(target);
        return server.port(target.listener());
    }

    int authPort(Target target) {
        require(target);
        return server.port(target.authListener());
    }

    Path configFile() {
        return configFile;
    }

    /** A unique key prefix for one test, so tests never see each other's keys. */
    static String prefix() {
        return "compat:" + UUID.randomUUID() + ":";
    }

    RedisURI uri(int port) {
        return RedisURI.builder().withHost("127.0.0.1").withPort(port).withTimeout(CLIENT_TIMEOUT).build();
    }

    /** A Lettuce client for {@code port}; closed with the fixture. */
    RedisClient lettuce(RedisURI uri, Resp resp) {
        ClientOptions.Builder options = ClientOptions.builder()
                .autoReconnect(false)
                .timeoutOptions(TimeoutOptions.enabled(CLIENT_TIMEOUT));
        if (resp == Resp.RESP2) {
            options.protocolVersion(ProtocolVersion.RESP2);
        }
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(options.build());
        synchronized (clients) {
            clients.add(client);
        }
        return client;
    }

    RedisClient lettuce(Target target, Resp resp) {
        return lettuce(uri(port(target)), resp);
    }

    /** Deletes {@code keys} in {@code db} through the gateway, pipelined. */
    void delete(Target target, int db, String... keys) {
        try (RespSocket s = new RespSocket(port(target))) {
            if (db != 0) {
                s.call("SELECT", Integer.toString(db));
            }
            java.io.ByteArrayOutputStream batch = new java.io.ByteArrayOutputStream();
            for (String key : keys) {
                batch.writeBytes(RespSocket.encode("DEL", key));
            }
            s.sendRaw(batch.toByteArray());
            for (int i = 0; i < keys.length; i++) {
                s.read();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cleanup failed on " + target, e);
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (clients) {
            for (RedisClient client : clients) {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        }
        resources.shutdown(0, 2, TimeUnit.SECONDS);
        server.close();
        Files.deleteIfExists(configFile);
    }
}
